"""Places and Trip: `goodwill where`, `goodwill places` (and `places confirm`) and `goodwill trip`
in the browser. Thin over queries.{near,places,trips} and services.{places,trips}: parse,
authorize (every person by owner; anyone else's is a 404), render. Plain forms that post and
redirect back (303) with a message, so everything works without JavaScript."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from goodwill.errors import InvalidInput, UserError
from goodwill.web.auth import owner_view
from goodwill.web.common import person_of, redirect_back, say
from goodwill.web.forms.base import field_of, naming
from goodwill.web.forms.places import PAGE, ConfirmPlaceForm, PlacesForm, TripForm, TripPlanForm

WHERE_SHOWN = 10  # rows of each where-count table shown before "all of them"


def _page(request) -> int:
    return int(PlacesForm(request.GET).values()["page"])


@owner_view
def places_page(request):
    """Where my people are (metro areas, regions, countries), how many have no place, and the
    places that need a decision, each with a form to settle it."""
    from goodwill.queries.near import where
    from goodwill.queries.places import places

    owner, page = request.owner, _page(request)
    counts = where(owner)
    decisions = places(owner, "unresolved", limit=PAGE, offset=page * PAGE)
    tables = [
        ("metros", "Metro areas", counts.metros),
        ("regions", "Regions", counts.regions),
        ("countries", "Countries", counts.countries),
    ]
    return render(
        request,
        "web/places.html",
        {
            "tables": [
                {"key": key, "title": title, "top": rows[:WHERE_SHOWN], "rest": rows[WHERE_SHOWN:]}
                for key, title, rows in tables
            ],
            "placed": sum(n for _, n in counts.countries),
            "unplaced": counts.unplaced,
            "decisions": decisions,
            "page": page,
            "more": (page + 1) * PAGE < decisions.count,
        },
    )


@owner_view
def place_list(request, which: str):
    """Everyone's place (`goodwill places`), or the people without one, a page at a time."""
    from goodwill.queries.places import places

    page = _page(request)
    found = places(request.owner, "unplaced" if which == "unplaced" else "all", limit=PAGE, offset=page * PAGE)
    return render(
        request,
        "web/place_list.html",
        {"which": which, "found": found, "page": page, "more": (page + 1) * PAGE < found.count},
    )


@require_POST
@owner_view
def confirm(request, person_id: int):
    """`goodwill places confirm`: keep the place chosen, or settle on another."""
    from goodwill.services.places import confirm_place

    person = person_of(request.owner, person_id)  # someone else's: 404
    try:
        confirmed = confirm_place(request.owner, person, ConfirmPlaceForm(request.POST).place())
    except UserError as exc:
        messages.error(request, f"{person.name}: {say(exc)}")
    else:
        messages.success(request, f"{confirmed.name}: {confirmed.place_label} (confirmed).")
    return redirect_back(request, "web:places")


def _trip_query(typed: dict) -> str:
    return urlencode({k: typed[k] for k in ("place", "start", "end", "within") if typed.get(k)})


def _typed(data) -> dict[str, str]:
    """The trip as typed, for the page to show back and the redirect to carry."""
    return {name: str(data.get(name, "")).strip() for name in ("place", "start", "end", "within")}


def _plan(owner, form: TripForm, *, listed: int | None = None):
    """The trip's plan (queries.trips) with `listed` visits and their ideas (the query's own
    number by default), or its first mistake naming the box it is about."""
    from goodwill.parsing import parse_radius
    from goodwill.queries.trips import VISITS_LISTED, trip_plan

    values = form.values()
    if not values["place"]:
        raise naming(InvalidInput('where are you going? a city ("Chicago"), a ZIP or "home"'), "place")
    if values["start"] is None:
        raise naming(InvalidInput('give the first day there, e.g. "next monday" or 2026-12-01'), "start")
    try:
        radius = parse_radius(values["within"])
    except UserError as exc:
        raise naming(exc, "within") from None
    try:
        return trip_plan(
            owner,
            values["place"],
            values["start"],
            values["end"] or values["start"],
            radius,
            limit=VISITS_LISTED if listed is None else listed,
        )
    except UserError as exc:
        raise naming(exc, "end" if exc.code == "trip-ends-first" else "place") from None


@owner_view
def trip(request):
    """Who to see on a trip, overdue first, with why and ideas; tick people to meet."""
    typed = _typed(request.GET)
    context: dict = {"typed": typed, "plan": None, "error": None, "error_field": "", "understood": None}
    context["miles"] = "km" not in (typed["within"] or "mi").lower()
    if any(typed.values()):
        try:
            context["plan"] = _plan(request.owner, TripForm(request.GET))
        except UserError as exc:
            context["error"], context["error_field"] = say(exc), field_of(exc)
        else:
            context["understood"] = understood(typed["place"])
            context["understood_rest"] = urlencode({k: typed[k] for k in ("start", "end", "within") if typed[k]})
    return render(request, "web/trip.html", context, status=400 if context["error"] else 200)


def understood(place: str):
    """What a place typed was understood as, with its other readings (None for "home", the home base)."""
    from goodwill.queries.places import understand

    return None if place.strip().lower() == "home" else understand(place)


@require_POST
@owner_view
def trip_plan(request):
    """`goodwill trip … --plan NAME`: "meet NAME in PLACE" as a next step on the first day there."""
    from goodwill.services.trips import plan_meetings

    owner, form = request.owner, TripPlanForm(request.POST)
    back = HttpResponseRedirect(reverse("web:trip") + "?" + _trip_query(_typed(request.POST)), status=303)
    chosen = [person_of(owner, pk) for pk in form.value("person", [])]  # someone else's person: 404
    try:
        plan = _plan(owner, form, listed=0)  # the meetings need only the place, not the list
        steps = plan_meetings(owner, plan, [f"#{person.pk}" for person in chosen])
    except UserError as exc:
        messages.error(request, say(exc))
        return back
    added = "; ".join(step.text for step in steps)
    noun = "next step" if len(steps) == 1 else "next steps"
    messages.success(request, f"Added {len(steps)} {noun}, due {plan.start:%a %d %b}: {added}.")
    return back
