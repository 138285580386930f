"""Who is near: geocode, places, near, where, trip."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json
from goodwill.parsing import parse_day

Within = Annotated[str, typer.Option("--within", "-w", help='Radius: "100mi", "160km" (miles when no unit)')]


def _km(text: str) -> float:
    from goodwill.parsing import parse_radius

    return parse_radius(text)


def _distance(km: float, unit_text: str) -> str:
    from goodwill.habits.geo import KM_PER_MILE

    if "km" in unit_text.lower() or "kilomet" in unit_text.lower():
        return f"{km:.0f} km"
    return f"{km / KM_PER_MILE:.0f} mi"


def geocode_cmd(
    place: Annotated[str, typer.Argument(help='"Austin, TX", "São Paulo", "78701", "NYC"')], json: JsonOption = False
) -> None:
    """What a place resolves to, offline: name, region, country, point, precision, time zone."""
    from goodwill.queries.places import understand

    answer = understand(place)
    if json:
        emit_json(answer)
        return
    p = answer.place
    if p is None:
        console.print(f"{place}: unresolved", markup=False)
        return
    console.print(
        f"{p.label}  ({p.latitude:.4f}, {p.longitude:.4f})  precision: {p.precision}  time zone: {p.timezone or '—'}",
        markup=False,
    )
    if answer.ambiguous:
        others = "; ".join(answer.alternatives[:4])
        console.print(f"ambiguous: chose the most populous; also {others}", markup=False)


def places(
    unresolved: Annotated[bool, typer.Option("--unresolved", help="Only places that need a decision")] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """People's places; --unresolved lists those that are unknown or ambiguous."""
    owner = open_store(demo)
    from goodwill.queries.places import places as place_rows

    rows = place_rows(owner, "unresolved" if unresolved else "all").rows
    if json:
        emit_json(rows)
        return
    for r in rows:
        console.print(
            f"#{r.id} {r.name}: {r.location or '(address)'} → {r.place or 'unresolved'} [{r.status}]",
            markup=False,
        )
        if r.alternatives:
            console.print(f"    or: {'; '.join(r.alternatives[:4])}", markup=False)
    if unresolved and rows:
        console.print('Fix one with: goodwill places confirm NAME ["Portland, OR"]', markup=False)
    if not rows:
        console.print("Nothing needs a decision." if unresolved else "No places yet.")


def confirm(
    person: Annotated[str, typer.Argument(help="Name, email or #id")],
    place: Annotated[str | None, typer.Argument(help="A clearer place; omit to accept the chosen one")] = None,
    demo: DemoOption = False,
) -> None:
    """Accept an ambiguous place, or give a clearer one."""
    owner = open_store(demo)
    from goodwill.services.people import resolve_person
    from goodwill.services.places import confirm_place

    target = confirm_place(owner, resolve_person(owner, person), place)
    console.print(f"{target.name}: {target.place_label} (confirmed)", markup=False)


def near_cmd(
    place: Annotated[str, typer.Argument(help='"home", a city ("Chicago"), a ZIP or an address')],
    within: Within = "100mi",
    circle: Annotated[str | None, typer.Option("--circle", "-c", help="Only this circle")] = None,
    due: Annotated[bool, typer.Option("--due", help="Only people due for a touch")] = False,
    count: Annotated[bool, typer.Option("--count", help="Just the number")] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """People within a radius, nearest first."""
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.queries.near import near, near_ids
    from goodwill.services.places import resolve_point

    lat, lon, label = resolve_point(owner, place)
    due_on = clock.today() if due else None
    if count:  # a count needs no Person rows
        total = len(near_ids(owner, lat, lon, _km(within), circle=circle, due_on=due_on))
        if json:
            emit_json({"place": label, "within_km": round(_km(within), 1), "count": total, "people": []})
        else:
            console.print(f"{total} of your contacts live within {within} of {label}.", markup=False)
        return
    found = near(owner, lat, lon, _km(within), circle=circle, due_on=due_on)
    if json:
        people = [
            {
                "id": n.person.pk,
                "name": n.person.name,
                "place": n.person.place_label,
                "distance_km": round(n.distance_km, 1),
            }
            for n in found
        ]
        emit_json({"place": label, "within_km": round(_km(within), 1), "count": len(found), "people": people})
        return
    if not found:
        from goodwill.cli.first_run import print_guide_if_empty

        if print_guide_if_empty(owner):
            return
    for n in found:
        console.print(f"{_distance(n.distance_km, within):>7}  {n.person.name}  {n.person.place_label}", markup=False)
    console.print(f"{len(found)} within {within} of {label}.", markup=False)


def where(json: JsonOption = False, demo: DemoOption = False) -> None:
    """How many people by metro area, region and country."""
    owner = open_store(demo)
    from goodwill.queries.near import where as where_counts

    counts = where_counts(owner)
    if json:
        emit_json(counts)
        return
    for title, rows in (("Metro areas", counts.metros), ("Regions", counts.regions), ("Countries", counts.countries)):
        console.print(f"[bold]{title}[/]", markup=True)
        for name, n in rows[:15]:
            console.print(f"  {n:>5}  {name}", markup=False)
        if len(rows) > 15:
            console.print(f"  … and {len(rows) - 15} more", markup=False)
    if counts.unplaced:
        console.print(
            f"{counts.unplaced} {'person has' if counts.unplaced == 1 else 'people have'} no place yet.", markup=False
        )


def trip(
    place: Annotated[str, typer.Argument(help='Where you are going, e.g. "Chicago"')],
    date_from: Annotated[str, typer.Option("--from", help="First day there")],
    date_to: Annotated[str | None, typer.Option("--to", help="Last day there")] = None,
    within: Within = "50mi",
    plan: Annotated[
        list[str] | None, typer.Option("--plan", help='Add "meet NAME in PLACE" as a next step (repeatable)')
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=500, help="List at most this many, with ideas")] = 20,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Who to see on a trip: overdue first, with ideas; --plan adds the meetings as next steps."""
    owner = open_store(demo)
    from rich.markup import escape

    from goodwill.queries.trips import trip_plan
    from goodwill.services.trips import plan_meetings

    start = parse_day(date_from)
    end = parse_day(date_to) if date_to else start
    # Planning needs no list: whoever is named must be near, ranked or not.
    result = trip_plan(owner, place, start, end, _km(within), limit=0 if plan else limit)
    if plan:
        for step in plan_meetings(owner, result, plan):
            console.print(f"Next step #{step.pk}: {step.text}, due {step.due_on:%a %d %b}", markup=False)
        return
    if json:
        emit_json(result)
        return
    console.print(
        f"[bold]{escape(result.place)}[/], {start:%a %d %b}" + (f" – {end:%a %d %b}" if end != start else ""),
        markup=True,
    )
    if not result.visits:
        console.print(f"Nobody you know within {within}.", markup=False)
    for visit in result.visits:
        console.print(f"  {visit.name} ({_distance(visit.distance_km, within)}): {visit.why}", markup=False)
        for idea in visit.ideas:
            console.print(f"      idea: {idea}", markup=False)
    if result.count > len(result.visits):
        console.print(
            f"  … and {result.count - len(result.visits)} more within {within} (--limit lists more; "
            "a smaller radius, fewer)",
            markup=False,
        )
    if result.visits:
        console.print(
            f'Plan one with: goodwill trip "{place}" --from {start} --plan "{result.visits[0].name}"', markup=False
        )


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    app.command("geocode")(geocode_cmd)
    group = new_app(help="People's places; `confirm` settles an ambiguous one.", invoke_without_command=True)
    group.callback()(_places_default)
    group.command("confirm")(confirm)
    app.add_typer(group, name="places")
    app.command("near")(near_cmd)
    app.command()(where)
    app.command()(trip)


def _places_default(
    ctx: typer.Context,
    unresolved: Annotated[bool, typer.Option("--unresolved", help="Only places that need a decision")] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """People's places; --unresolved lists those that need a decision."""
    if ctx.invoked_subcommand is None:
        places(unresolved=unresolved, json=json, demo=demo)
