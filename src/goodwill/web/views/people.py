"""People (search as you type, filters) and one person's page.

Lists never show notes: a confidential note appears only on its own person's page."""

from __future__ import annotations

from django.shortcuts import render
from django.views.decorators.http import require_POST

from goodwill import clock
from goodwill.errors import UserError
from goodwill.web.auth import owner_view
from goodwill.web.common import act, is_htmx, person_of
from goodwill.web.forms.people import NoteForm, PeopleFilters, RhythmForm, StepForm
from goodwill.web.page_cache import cached_page
from goodwill.web.views.today import KINDS, SNOOZE_CHOICES

LIST_LIMIT = 100  # rows on one page; the count says how many match in all
CONFIDENTIALITY = ("private", "shareable", "confidential")  # a tuple: a stencil's fixed value


def km(text: str) -> float:
    """A radius as typed ("100mi", "160km"; miles when no unit), or a one-line error."""
    from goodwill.parsing import parse_radius

    return parse_radius(text)


def _near_filter(owner, place: str, within: str):
    """{person id: km} within the radius of a place ("home", a city, a ZIP)."""
    from goodwill.queries.near import near_ids
    from goodwill.services.places import resolve_point

    lat, lon, label = resolve_point(owner, place)
    return dict(near_ids(owner, lat, lon, km(within or "100mi"))), label


@owner_view
def people(request):
    from goodwill.models import Circle, Tag
    from goodwill.queries.people import find_people, people_list
    from goodwill.queries.rhythm import state_of

    owner, today = request.owner, clock.today()
    filters = PeopleFilters(request.GET).values()
    query = filters["q"]
    error, near_label, distances = None, "", None
    rows = people_list(
        owner,
        today,
        circle=filters["circle"] or None,
        tag=filters["tag"] or None,
        due=filters["due"],
        overdue=filters["overdue"],
    )
    try:
        if query:
            rows = rows.filter(pk__in=find_people(owner, query).values("pk"))
        if filters["near"]:
            distances, near_label = _near_filter(owner, filters["near"], filters["within"])
            rows = rows.filter(pk__in=list(distances))
    except UserError as exc:
        error = str(exc)
        rows = rows.none()
    total = rows.count()
    shown = list(rows[:LIST_LIMIT])
    if distances is not None:
        shown.sort(key=lambda p: distances[p.pk])
    listed = [
        {"person": p, "state": state_of(p, today), "km": distances.get(p.pk) if distances else None} for p in shown
    ]
    context = {
        "rows": listed,
        "total": total,
        "limit": LIST_LIMIT,
        "filters": filters,
        "error": error,
        "near_label": near_label,
        "circles": list(Circle.objects.filter(owner=owner).values_list("name", flat=True)),
        "tags": list(Tag.objects.filter(owner=owner).values_list("name", flat=True)[:200]),
    }
    template = (
        "web/_people_results.html"
        if is_htmx(request) and request.headers.get("HX-Target") == "results"
        else "web/people.html"
    )
    return render(request, template, context, status=400 if error else 200)


@owner_view
@cached_page
def person(request, person_id: int):
    from goodwill.queries.ideas import PageReads, ideas_for
    from goodwill.queries.owed import owed_to
    from goodwill.queries.pass_on import meaning_rebuilding
    from goodwill.queries.people import person_page

    owner = request.owner
    target = person_of(owner, person_id)
    page = person_page(owner, target, clock.today())
    from goodwill.services.dates import dates_of
    from goodwill.services.profiles import profile_of

    owed, profile = owed_to(owner, target), profile_of(owner, target, include_closed=True)
    # How to bring them value today: the ideas of `goodwill ideas`, each with its action
    # (web/_ideas.html), from what the page read already where they can.
    ideas = ideas_for(owner, target, clock.today(), known=PageReads(page.my_steps, owed, profile))
    from goodwill.web.views.photos import has_photo

    dates = dates_of(owner, target)  # each shown in words by the in_words filter
    from goodwill.queries.strength import person_strength
    from goodwill.web.views.firm_admin import sharing_context
    from goodwill.web.views.firm_who import ties_context

    return render(
        request,
        "web/person.html",
        {
            "dates": dates,
            "profile": profile,
            "page": page,
            "person": target,
            "has_photo": has_photo(target),
            "strength": person_strength(owner, target, clock.today()),  # the score and why
            "ideas": ideas,
            "meaning_rebuilding": meaning_rebuilding(owner),  # why introductions may be fewer for now
            "replies_owed": len(owed),
            "snooze_choices": SNOOZE_CHOICES,
            "kinds": KINDS,
            "confidentiality": CONFIDENTIALITY,
            "today": clock.today(),
            # What colleagues see of them (web/firm/_person_sharing.html): shown, so read, only with a
            # password login; a laptop's local user has no colleagues (as on the settings page).
            **(sharing_context(owner, target) if request.user.is_authenticated else {}),
            **ties_context(owner, target),  # colleagues who know them too (web/firm/_person_ties.html)
        },
    )


@require_POST
@owner_view
def add_note(request, person_id: int):
    from goodwill.services.notes import add_note as add

    target = person_of(request.owner, person_id)
    note = NoteForm(request.POST).values()
    return act(
        request,
        lambda: add(request.owner, target, note["text"], note["confidentiality"]),
        f"Note added to {target.name}.",
        default=f"/people/{target.pk}",
    )


@require_POST
@owner_view
def add_step(request, person_id: int):
    from goodwill.services.steps import add_step as add

    target = person_of(request.owner, person_id)
    form = StepForm(request.POST)

    def work():
        step = form.values()
        due, firm = step["due"]
        return add(request.owner, target, step["text"], due=due, firm=firm, ball=form.ball)

    return act(request, work, lambda step: f"Next step with {target.name}: {step.text}", default=f"/people/{target.pk}")


@require_POST
@owner_view
def set_rhythm(request, person_id: int):
    """A circle, or a personal cadence ("6w"), as in the weekly review."""
    from goodwill.services.people import set_circle

    target = person_of(request.owner, person_id)
    form = RhythmForm(request.POST)

    def work():
        rhythm = form.values()
        set_circle(request.owner, target, rhythm["circle"] or None, rhythm["cadence"])

    return act(request, work, f"Rhythm changed for {target.name}.", default=f"/people/{target.pk}")
