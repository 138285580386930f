"""The digest's one-click links: /r/<token>/ acts (no login needed), /r/<token>/undo puts it back.

The signed token is the only credential, so these pages say nothing beyond the one row the
link was for: no names of anything else, no navigation into data. A link that expired, was
used, or was changed gets a plain page (410 or 400), never a traceback."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST


def _page(request, template: str, context: dict, status: int = 200) -> HttpResponse:
    response = render(request, template, context, status=status)
    response["Referrer-Policy"] = "no-referrer"  # the token is in the address: never pass it on
    response["X-Robots-Tag"] = "noindex"
    return response


def _gone(request, token: str, problem) -> HttpResponse:
    from goodwill.services.one_click import LinkUsed, used_before

    undo = False
    if isinstance(problem, LinkUsed):
        before = used_before(token)
        undo = bool(before and before.can_undo)
    return _page(request, "web/link_gone.html", {"message": str(problem), "token": token, "undo": undo}, problem.status)


@never_cache
@require_http_methods(["GET", "HEAD"])
def link(request, token: str):
    """Do what the link says, once, and offer to undo it."""
    from goodwill.services.one_click import LinkProblem, use_link

    if request.method == "HEAD":
        return HttpResponse()  # a mail scanner's probe: acts on nothing
    try:
        result = use_link(token)
    except LinkProblem as problem:
        return _gone(request, token, problem)
    return _page(request, "web/link_done.html", {"result": result, "token": token})


@never_cache
@require_POST
def link_undo(request, token: str):
    """Undo, from the confirmation page's form (CSRF-checked like every form)."""
    from goodwill.services.one_click import LinkProblem, undo_link

    try:
        result = undo_link(token)
    except LinkProblem as problem:
        return _page(request, "web/link_gone.html", {"message": str(problem), "token": token}, problem.status)
    return _page(request, "web/link_done.html", {"result": result, "token": token, "undone": True})
