"""Who a request acts for: a logged-in user, or, on loopback only, the local default user.

`goodwill serve` sets GOODWILL_LOCAL_LOGIN only when it listens on a loopback
address of a laptop install (SQLite, not a firm's server) and the user has not
turned it off; even then a request must come from loopback to use it."""
from __future__ import annotations

import ipaddress
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse


def is_loopback(address: str | None) -> bool:
    try:
        return ipaddress.ip_address((address or "").strip("[]")).is_loopback
    except ValueError:
        return address == "localhost"


def local_login_allowed(request) -> bool:
    return bool(getattr(settings, "GOODWILL_LOCAL_LOGIN", False)) and is_loopback(request.META.get("REMOTE_ADDR"))


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
