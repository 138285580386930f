"""Momentum (weekly touches against the goal, dips marked), Replies (owed, and how fast I
answer) and Near (a list and a map)."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from goodwill import clock
from goodwill.errors import UserError
from goodwill.web.auth import owner_view
from goodwill.web.forms.insight import MomentumForm, NearForm, RepliesForm

MAP_PEOPLE = 3000  # points drawn at most; the list and count stay exact


@owner_view
def momentum(request):
    from goodwill.queries.momentum import touch_momentum
    from goodwill.web.charts import momentum_chart

    weeks = MomentumForm(request.GET).values()["weeks"]
    result = touch_momentum(request.owner, clock.today(), weeks)
    return render(
        request,
        "web/momentum.html",
        {
            "m": result,
            "chart": momentum_chart(result),
            "weeks": weeks,
            "dips": [w for w in result.weeks if w.dip],
        },
    )


@owner_view
def replies(request):
    """Replies I owe with their ages, and how fast I answer per month: `goodwill replies`."""
    from goodwill.queries.replies import replies_view

    months = RepliesForm(request.GET).values()["months"]
    view = replies_view(request.owner, months=months)
    return render(request, "web/replies.html", {"view": view, "months": months, "today": view.now.date()})


def _points(people):
    return [(p.latitude, p.longitude, p.name, reverse("web:person", args=[p.pk])) for p in people]


@owner_view
def near(request):
    from goodwill.models import Circle, Person
    from goodwill.queries.first_run import guide as first_run_guide
    from goodwill.queries.near import near as near_query
    from goodwill.services.accounts import settings_for
    from goodwill.services.places import resolve_point
    from goodwill.web.charts import area_map, world_map
    from goodwill.web.views.people import km
    from goodwill.web.views.places import understood

    owner = request.owner
    prefs = settings_for(owner)
    default_place = "home" if prefs.home_latitude is not None else ""
    wanted = NearForm(request.GET).values()
    place, within, circle, due = wanted["place"] or default_place, wanted["within"], wanted["circle"], wanted["due"]
    context = {
        "place": place,
        "within": within,
        "circle": circle,
        "due": due,
        "error": None,
        "rows": None,
        "circles": list(Circle.objects.filter(owner=owner).values_list("name", flat=True)),
        "home": prefs.home,
        "miles": "km" not in within.lower(),
        "guide": first_run_guide(owner),
    }
    if place:
        try:
            lat, lon, label = resolve_point(owner, place)
            radius = km(within)
            rows = near_query(owner, lat, lon, radius, circle=circle or None, due_on=clock.today() if due else None)
            context |= {
                "rows": rows,
                "label": label,
                "understood": understood(place),
                "understood_rest": urlencode(
                    {k: v for k, v in (("within", within), ("circle", circle), ("due", "1" if due else "")) if v}
                ),
                "map": area_map(lat, lon, radius, _points(n.person for n in rows[:MAP_PEOPLE])),
            }
        except UserError as exc:
            context["error"] = str(exc)
    if context["rows"] is None:
        placed = Person.objects.filter(owner=owner, archived_at__isnull=True, latitude__isnull=False)
        context |= {
            "map": world_map(_points(placed.only("pk", "name", "latitude", "longitude")[:MAP_PEOPLE])),
            "placed": placed.count(),
        }
    return render(request, "web/near.html", context, status=400 if context["error"] else 200)
