"""What the views share: owned lookups (404 for anyone else's), safe redirects,
turning a user's mistake into a message, and htmx detection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from goodwill.errors import NotFound, UserError


class NotFoundMiddleware:
    """The web's one answer to a NotFound that a view lets through (an owned lookup,
    `Model.objects.get_owned`): the plain 404 page, never a hint that it exists.
    A NotFound a view catches itself (inside `act`) is a message like any mistake."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, NotFound):
            return None
        from django.core.handlers.exception import response_for_exception

        return response_for_exception(request, Http404(str(exception)))


def person_of(owner, person_id, *, include_archived: bool = True):
    """One of the owner's people; anyone else's is a plain 404, never a hint it exists."""
    from goodwill.queries.people import owned_person

    return owned_person(owner, person_id, include_archived=include_archived)


def step_of(owner, step_id):
    from goodwill.models import NextStep

    return NextStep.objects.select_related("person").get_owned(owner, step_id)


# The web's own words for a service's neutral error, where the page has a control to point at.
WEB_WORDS = {
    "NoNextStep": 'add a next step, or tick "No next step" to skip it on purpose',
}


def say(exc: UserError) -> str:
    """A user's mistake as the web shows it: the service's words, or the web's where it has its own."""
    return WEB_WORDS.get(type(exc).__name__, str(exc))


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def safe_next(request, default: str) -> str:
    """Where to go after a form: the `next` it names when that is on this site, else `default`."""
    from goodwill.web.forms.common import NextForm

    target = NextForm(request.POST).value("next") or NextForm(request.GET).value("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(default) if ":" in default else default


def redirect_back(request, default: str = "web:today") -> HttpResponseRedirect:
    # 303: the browser (and htmx) follows with a GET, so a reload never re-posts.
    response = HttpResponseRedirect(safe_next(request, default))
    response.status_code = 303
    return response


def act(request, work, success: str | Callable[[Any], str], default: str = "web:today", *, respond=None):
    """Run a service call; its message on success, the user's mistake as an error; then back,
    or, given `respond`, its response (an htmx action answered with the section it changed)."""
    try:
        result = work()
    except UserError as exc:
        messages.error(request, say(exc))
    else:
        messages.success(request, success(result) if callable(success) else success)
    return respond() if respond is not None else redirect_back(request, default)
