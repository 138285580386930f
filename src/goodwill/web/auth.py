"""Who a request acts for: a logged-in user, or, on a single-user machine only, the local default user.

`goodwill serve` sets GOODWILL_LOCAL_LOGIN only when it listens on a loopback
address of a laptop install (SQLite, not a firm's server) and the user has not
turned it off. Even then a request uses it only when all of these hold:

- it comes from loopback (REMOTE_ADDR);
- it names a loopback Host (127.0.0.1, localhost, [::1], any port);
- it carries no proxy header (X-Forwarded-For/-Proto/-Host, X-Real-IP, Forwarded):
  a reverse proxy on the same machine makes every visitor look local;
- nobody can log in with a password yet (`goodwill user add`): once a login
  exists, this is no longer a single-user machine."""

from __future__ import annotations

import ipaddress
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.http.request import split_domain_port
from django.urls import reverse

# The headers a reverse proxy adds (as WSGI names them). Any of them means the
# request was relayed for someone else, whatever address it arrived from.
PROXY_HEADERS = (
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_SERVER",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
)


def is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address((address or "").strip("[]")).is_loopback
    except ValueError:
        return address == "localhost"


def loopback_host(request) -> bool:
    """Whether the Host the browser asked for is this machine's loopback (any port)."""
    host = request.META.get("HTTP_HOST") or ""
    if not host:
        return False
    domain, _port = split_domain_port(host)
    return bool(domain) and is_loopback(domain)


def proxied(request) -> bool:
    return any(request.META.get(name) for name in PROXY_HEADERS)


def local_login_allowed(request) -> bool:
    if not getattr(settings, "GOODWILL_LOCAL_LOGIN", False):
        return False
    if not is_loopback(request.META.get("REMOTE_ADDR")) or not loopback_host(request) or proxied(request):
        return False
    from goodwill.services.accounts import logins_exist

    # Read on every request: a login made with `goodwill user add` next to a
    # running server turns this off at once.
    return not logins_exist()


def acting_user(request):
    """The user this request acts for, or None when it must log in first."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user
    if local_login_allowed(request):
        from goodwill.services.accounts import local_user

        return local_user()
    return None


def owner_view(view):
    """Views act for request.owner; anyone else is sent to the login page."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        owner = acting_user(request)
        if owner is None:
            login = reverse("web:login") + "?" + urlencode({"next": request.get_full_path()})
            if request.headers.get("HX-Request"):
                # An htmx call would swap the login page into a fragment: redirect the whole page.
                response = HttpResponse(status=204)
                response["HX-Redirect"] = login
                return response
            return HttpResponseRedirect(login)
        request.owner = owner
        return view(request, *args, **kwargs)

    return wrapper
