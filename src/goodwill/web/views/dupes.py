"""Duplicates in the browser: the likely pairs with their evidence (queries.dupes), a merge
after a confirmation showing both records (services.merge), "not the same" and its undo
(services.dupes), and the merges made, each with Undo. The CLI's `goodwill dupes` and
`goodwill merge` call the same functions."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST

from goodwill.errors import InvalidInput, UserError
from goodwill.web.auth import owner_view
from goodwill.web.common import act, person_of, redirect_back, say
from goodwill.web.forms.dupes import DupesFilters, PairForm

PAIRS_SHOWN = 100  # the page lists the strongest; the count says how many there are
MERGES_SHOWN = 20


@owner_view
def duplicates(request):
    from goodwill.queries.dupes import DupeList, find_duplicates
    from goodwill.services.merge import merge_history, summarize

    owner = request.owner
    form = DupesFilters(request.GET)
    error = None
    try:
        filters = form.values()
        found = find_duplicates(owner, min_score=filters["min_score"], include_dismissed=filters["dismissed"])
    except UserError as exc:
        error, found = say(exc), DupeList([], 0)
    context = {
        "pairs": found.pairs[:PAIRS_SHOWN],
        "total": len(found.pairs),
        "hidden": found.hidden,
        "min_score": form.value("min_score", ""),
        "show_dismissed": form.value("dismissed", False),
        "error": error,
        "merges": [summarize(m) for m in merge_history(owner)[:MERGES_SHOWN]],
    }
    return render(request, "web/duplicates.html", context, status=400 if error else 200)


def _pair(request, form: PairForm):
    """The two people a form names, both the owner's (anyone else's is a 404)."""
    values = form.values()
    return person_of(request.owner, values["a"]), person_of(request.owner, values["b"])


@owner_view
def merge(request):
    """GET: both records side by side, and which one to keep; POST: merge the other into it."""
    from goodwill.services.merge import check_pair, merge_people, summarize

    owner = request.owner
    form = PairForm(request.POST if request.method == "POST" else request.GET)
    try:
        a, b = _pair(request, form)
        check_pair(owner, a, b)
    except InvalidInput as exc:
        return _back_with_error(request, exc)
    if request.method != "POST":
        from goodwill.queries.dupes import merge_side

        return render(request, "web/merge_confirm.html", {"sides": [merge_side(a), merge_side(b)]})

    def work():
        keep_id, other_id = form.other_than_kept()
        keep, other = (a, b) if keep_id == a.pk else (b, a)
        return summarize(merge_people(owner, keep, other))

    return act(request, work, lambda done: _message(request, "web/_merge_done.html", done=done), "web:duplicates")


@require_POST
@owner_view
def undo_merge(request, merge_id: int):
    from goodwill.services.merge import get_merge
    from goodwill.services.merge import undo_merge as undo

    record = get_merge(request.owner, str(merge_id))  # anyone else's is a 404
    return act(
        request,
        lambda: undo(request.owner, record),
        lambda person: f"Merge undone: {person.name} is back, with what was theirs.",
        "web:duplicates",
    )


@require_POST
@owner_view
def dismiss(request):
    from goodwill.services.dupes import dismiss_pair

    try:
        a, b = _pair(request, PairForm(request.POST))
    except InvalidInput as exc:
        return _back_with_error(request, exc)
    return act(
        request,
        lambda: dismiss_pair(request.owner, a, b)[0],
        lambda mark: _message(request, "web/_dismissed.html", a=mark.person_a, b=mark.person_b),
        "web:duplicates",
    )


@require_POST
@owner_view
def undismiss(request):
    from goodwill.services.dupes import undismiss_pair

    try:
        a, b = _pair(request, PairForm(request.POST))
    except InvalidInput as exc:
        return _back_with_error(request, exc)
    return act(
        request,
        lambda: undismiss_pair(request.owner, a, b),
        f"{a.name} and {b.name} are no longer marked as different people; the list shows them again if they "
        "still look alike.",
        "web:duplicates",
    )


def _message(request, template: str, **context) -> str:
    """A message with its own Undo form: rendered once, escaped by the template, kept as safe HTML."""
    return mark_safe(render_to_string(template, context, request=request))  # noqa: S308 (a template: escaped)


def _back_with_error(request, exc: InvalidInput):
    """A form that names no proper pair: back to the list, with the mistake said above it."""
    from django.contrib import messages

    messages.error(request, say(exc))
    if request.method == "POST":
        return redirect_back(request, "web:duplicates")
    return redirect("web:duplicates")
