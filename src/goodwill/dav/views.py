"""/dav/... and /.well-known/{carddav,caldav}: a Django view that hands the request to
Radicale's WSGI application (app.py) and turns its answer into a Django response.

Basic auth sends the password with every request, so plain http is answered only when the
request comes from this machine and names it (a laptop's Thunderbird); from anywhere else
the server must be behind a TLS proxy (docs/phone.md)."""

from __future__ import annotations

import io

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.views.decorators.csrf import csrf_exempt

from goodwill.dav import context
from goodwill.hosts import request_stays_here

PLAIN_HTTP_REFUSED = (
    "Phone sync needs https here: the device password would cross the network in clear. "
    "Put Goodwill behind a TLS proxy (docs/phone.md), or sync from this machine.\n"
)


def transport_allowed(request) -> bool:
    if request.is_secure():
        return True
    return request_stays_here(request.META)


@csrf_exempt
def well_known(request, service: str):
    return HttpResponsePermanentRedirect("/dav/")


@csrf_exempt
def dav(request, rest: str = ""):
    if not transport_allowed(request):
        return HttpResponse(PLAIN_HTTP_REFUSED, status=403, content_type="text/plain; charset=utf-8")
    from goodwill.dav.app import radicale_app

    environ = dict(request.META)
    environ.pop("HTTP_X_SCRIPT_NAME", None)  # the mount point is ours to say, not the client's
    environ["SCRIPT_NAME"] = "/dav"
    environ["PATH_INFO"] = "/" + rest
    body = b""
    if request.method == "REPORT":  # a small XML query that may say which vCard version it wants
        body = request.body
        environ["wsgi.input"] = io.BytesIO(body)
    else:
        environ["wsgi.input"] = request  # a PUT's card (a photo can be large) streams through
    version = context.vcard_version_for(
        request.META.get("HTTP_USER_AGENT", ""), request.META.get("HTTP_ACCEPT", ""), body
    )
    state = context.DavRequest(request, version)
    reset = context.current.set(state)
    answer: dict = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers

    try:
        body = b"".join(radicale_app()(environ, start_response))
    finally:
        context.current.reset(reset)
    response = HttpResponse(body, status=int(answer["status"].split(" ", 1)[0]))
    for name, value in answer["headers"]:
        if name.lower() != "content-length":
            response[name] = value
    if "Content-Type" not in dict(answer["headers"]):
        del response["Content-Type"]
    return response
