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
from django.urls import reverse

from goodwill.hosts import request_stays_here


def is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address((address or "").strip("[]")).is_loopback
    except ValueError:
        return address == "localhost"


def local_login_allowed(request) -> bool:
    if not getattr(settings, "GOODWILL_LOCAL_LOGIN", False):
        return False
    if not request_stays_here(request.META):
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
