"""Rendered pages kept until the user's data changes: Today and Person pages.

A page that stays open all day is reloaded far more often than the data behind
it changes, and the Today page costs tens of milliseconds to build at 100,000
people. A cached copy is served only while all of this is unchanged:
- the data-change marker (goodwill/data_version.py), read before rendering;
- the local minute (pages show "14:05 there" and "3 days late");
- the user, whether they logged in, the path and query, and htmx or not.
Pages are cached only outside transactions (always so in the server, which
runs in autocommit; tests wrap each test in one, so only the page-cache tests,
which commit, see the cache).

The copy is rendered with a placeholder instead of the CSRF token and gets the
requester's own token on the way out, so one copy serves every request of the
user, with or without a CSRF cookie yet. A page showing one-off messages is
never stored or served from the cache. The cache lives in each server process's
memory only (confidential notes on a Person page never reach a disk or a
shared cache)."""

from __future__ import annotations

import hashlib
import secrets
from functools import wraps

# Per process and unguessable, so no user text can contain it.
CSRF_PLACEHOLDER = "gwcsrf" + secrets.token_hex(16)
_RENDERING = "_goodwill_page_cache_render"


def csrf_placeholder(request) -> dict:
    """Context processor (after Django's csrf): the placeholder, for a page being cached."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, _RENDERING, False) else {}


def _has_messages(request) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0  # len() reads them without marking them shown


def page_key(request) -> str:
    from goodwill import clock, data_version

    # A logged-in request read the marker with its session, before anything else (web/sessions.py).
    marker = getattr(getattr(request, "session", None), "data_marker", None) or data_version.current()
    minute = clock.now().astimezone(clock.local_zone()).strftime("%Y-%m-%dT%H:%M%z")
    parts = (
        request.owner.pk,
        request.user.is_authenticated,
        marker,
        minute,
        clock.local_zone().key,
        bool(request.headers.get("HX-Request")),
        request.get_full_path(),
    )
    return "page:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _with_token(request, body: bytes) -> bytes:
    from django.middleware.csrf import get_token

    return body.replace(CSRF_PLACEHOLDER.encode(), get_token(request).encode())


def cached_page(view):
    """Serve a GET page from the cache while nothing behind it changed (use inside owner_view)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        from django.core.cache import caches
        from django.db import connection
        from django.http import HttpResponse

        # Inside a transaction the marker may count writes that are later rolled
        # back (and on PostgreSQL it ignores the transaction's own writes): no cache.
        if request.method != "GET" or connection.in_atomic_block or _has_messages(request):
            return view(request, *args, **kwargs)
        store = caches["pages"]
        key = page_key(request)
        hit = store.get(key)
        if hit is not None:
            body, content_type = hit
            return HttpResponse(_with_token(request, body), content_type=content_type)
        setattr(request, _RENDERING, True)
        try:
            response = view(request, *args, **kwargs)
        finally:
            setattr(request, _RENDERING, False)
        if response.streaming:
            return response
        body = response.content
        if response.status_code == 200 and not _has_messages(request):
            store.set(key, (body, response["Content-Type"]))
        response.content = _with_token(request, body)
        return response

    return wrapper
