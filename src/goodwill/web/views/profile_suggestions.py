"""A person's profile suggestions: what their notes and encounters suggest (needs, interests,
offers; confidential notes never read), nothing added until ticked. The same service as
`goodwill profile suggest` and /api/v1/people/{id}/profile/suggestions. Computed here only,
never on the Person page, which only links to it (its build time is a tracked target)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from goodwill import clock
from goodwill.errors import UserError
from goodwill.web.auth import owner_view
from goodwill.web.common import person_of, say
from goodwill.web.forms.suggestions import SuggestionPicksForm


def _page(request, person, *, error: str | None = None):
    from goodwill.services.profiles import suggestions

    context = {"person": person, "found": suggestions(request.owner, person), "error": error, "today": clock.today()}
    return render(request, "web/profile_suggestions.html", context, status=400 if error else 200)


def _added(entries) -> str:
    return "Added " + "; ".join(f"the {e.kind} \u201c{e.text}\u201d" for e in entries) + " to the profile."


@require_http_methods(["GET", "HEAD", "POST"])
@owner_view
def profile_suggestions(request, person_id: int):
    """GET lists the suggestions; POST adds the ticked ones and goes back to the person."""
    from goodwill.services.profiles import accept_suggestions

    person = person_of(request.owner, person_id)  # someone else's person: 404
    if request.method != "POST":  # GET or HEAD
        return _page(request, person)
    try:
        picks = SuggestionPicksForm(request.POST).picks()
        added = accept_suggestions(request.owner, person, list(picks), shown=picks)
    except UserError as exc:  # nothing is added: the list as it is now, with the one line
        return _page(request, person, error=say(exc))
    messages.success(request, _added(added))
    return HttpResponseRedirect(reverse("web:person", args=[person.pk]) + "#profile", status=303)
