"""People: add, show, edit, find, list, tag, circle, circles, snooze, archive, note."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, NoPagerOption, open_store
from goodwill.cli.output import console, emit_json
from goodwill.humanize import short_date
from goodwill.parsing import parse_cadence_days, parse_day

Person = Annotated[str, typer.Argument(help="Name, email or #id")]
Emails = Annotated[list[str] | None, typer.Option("--email", "-e", help="Email (repeatable)")]
Phones = Annotated[list[str] | None, typer.Option("--phone", "-p", help="Phone, with country code (repeatable)")]
Urls = Annotated[list[str] | None, typer.Option("--url", help="Link, e.g. LinkedIn (repeatable)")]
Tags = Annotated[list[str] | None, typer.Option("--tag", "-t", help="Tag (repeatable)")]
Org = Annotated[str | None, typer.Option("--org", help="Organization")]
Title = Annotated[str | None, typer.Option("--title", help="Job title")]
CircleOpt = Annotated[str | None, typer.Option("--circle", "-c", help="inner, close, network or outer")]
Cadence = Annotated[str | None, typer.Option("--cadence", help='Personal rhythm: "2w", "30d", "quarterly"')]
HowMet = Annotated[str | None, typer.Option("--how-met", help="How we met")]
IntroducedBy = Annotated[str | None, typer.Option("--introduced-by", help="Who introduced us (a person)")]
Birthday = Annotated[str | None, typer.Option("--birthday", help="YYYY-MM-DD or --MM-DD")]
Location = Annotated[
    str | None, typer.Option("--location", "-l", help='Where they are: "Austin, TX", a ZIP or an address')
]


def _fields(
    name=None,
    org=None,
    title=None,
    email=None,
    phone=None,
    url=None,
    tag=None,
    circle=None,
    cadence=None,
    how_met=None,
    introduced_by=None,
    birthday=None,
    location=None,
):
    from goodwill.services.people import PersonFields

    return PersonFields(
        name=name,
        organization=org,
        title=title,
        emails=email or [],
        phones=phone or [],
        urls=url or [],
        tags=tag or [],
        circle=circle,
        cadence_days=parse_cadence_days(cadence) if cadence else None,
        how_met=how_met,
        introduced_by=introduced_by,
        birthday=birthday,
        location=location,
    )


def add(
    name: Annotated[str, typer.Argument(help='Full name, e.g. "Jane Doe"')],
    email: Emails = None,
    phone: Phones = None,
    url: Urls = None,
    tag: Tags = None,
    org: Org = None,
    title: Title = None,
    circle: CircleOpt = None,
    cadence: Cadence = None,
    how_met: HowMet = None,
    introduced_by: IntroducedBy = None,
    birthday: Birthday = None,
    location: Location = None,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Add a person."""
    owner = open_store(demo)
    from goodwill.services.people import add_person

    person = add_person(
        owner,
        _fields(name, org, title, email, phone, url, tag, circle, cadence, how_met, introduced_by, birthday, location),
    )
    if json:
        emit_json({"id": person.pk, "name": person.name})
        return
    console.print(f"Added {person.name} (#{person.pk}) to {person.circle.name if person.circle else 'no circle'}.")


def edit(
    person: Person,
    name: Annotated[str | None, typer.Option("--name", help="New name")] = None,
    email: Emails = None,
    phone: Phones = None,
    url: Urls = None,
    tag: Tags = None,
    org: Org = None,
    title: Title = None,
    circle: CircleOpt = None,
    cadence: Cadence = None,
    how_met: HowMet = None,
    introduced_by: IntroducedBy = None,
    birthday: Birthday = None,
    location: Location = None,
    demo: DemoOption = False,
) -> None:
    """Change a person's details (emails, phones, links and tags are added)."""
    owner = open_store(demo)
    from goodwill.services.people import edit_person, resolve_person

    target = resolve_person(owner, person, include_archived=True)
    edit_person(
        owner,
        target,
        _fields(name, org, title, email, phone, url, tag, circle, cadence, how_met, introduced_by, birthday, location),
    )
    console.print(f"Updated {target.name} (#{target.pk}).")


def show(person: Person, json: JsonOption = False, demo: DemoOption = False) -> None:
    """A person's profile, rhythm, open steps both ways, notes and timeline."""
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.queries.people import person_page
    from goodwill.services.people import resolve_person

    today = clock.today()
    from goodwill.queries.strength import person_strength, strength_fields

    page = person_page(owner, resolve_person(owner, person, include_archived=True), today)
    strength = person_strength(owner, page.person, today)
    if json:
        emit_json(_page_json(page) | {"strength": strength_fields(strength)})
        return
    from goodwill.cli.person_view import print_person

    print_person(page, today, strength)


def _page_json(page) -> dict:
    p = page.person
    return {
        "id": p.pk,
        "name": p.name,
        "organization": p.organization.name if p.organization_id else None,
        "title": p.title,
        "circle": p.circle.name if p.circle_id else None,
        "cadence_days": p.rhythm_days,
        "emails": page.emails,
        "phones": page.phones,
        "urls": page.urls,
        "tags": page.tags,
        "how_met": p.how_met,
        "introduced_by": p.introduced_by.name if p.introduced_by_id else None,
        "birthday": p.birthday or None,
        "location": p.location or None,
        "important_dates": [
            {"id": d.pk, "label": d.label, "month": d.month, "day": d.day, "year": d.year}
            for d in p.important_dates.all()
        ],
        "place": p.place_label or None,
        "latitude": p.latitude,
        "longitude": p.longitude,
        "timezone": p.timezone or None,
        "snoozed_until": p.snoozed_until,
        "archived": p.archived_at is not None,
        "rhythm": page.state,
        "my_steps": [_step_json(s) for s in page.my_steps],
        "their_steps": [_step_json(s) for s in page.their_steps],
        "notes": [
            {"id": n.pk, "text": n.text, "confidentiality": n.confidentiality, "created_at": n.created_at}
            for n in page.notes
        ],
        "timeline": [
            {
                "id": i.pk,
                "kind": i.kind,
                "direction": i.direction,
                "occurred_at": i.occurred_at,
                "summary": i.summary,
                "confidentiality": i.confidentiality,
                "awaiting_reply": i.awaiting_reply and not i.replied_at,
            }
            for i in page.timeline
        ],
    }


def _step_json(step) -> dict:
    return {"id": step.pk, "text": step.text, "ball": step.ball, "due_on": step.due_on, "firm": step.due_firm}


def _people_rows(people, json: bool, today, *, pager: bool = True) -> None:
    from goodwill.queries.rhythm import state_of

    if json:
        emit_json([_person_row(p, state_of(p, today)) for p in people.iterator(chunk_size=2000)])
        return
    from goodwill.cli.pager import at_terminal, paged
    from goodwill.cli.streamed_table import Column, shrink_to, write_table
    from goodwill.queries.people import longest

    widest = longest(people)
    if not widest["id"]:
        console.print("Nobody matches.")
        return
    columns = [
        Column("id", len(f"#{widest['id']}")),
        Column("name", max(widest["name"] + (len(ARCHIVED) if widest["archived"] else 0), 4)),
        Column("organization", max(widest["organization"], len("organization"))),
        Column("circle", max(widest["circle"], len("circle"))),
        Column("status", len("overdue")),
        Column("due", len("30 Sep 2026")),
        Column("last touch", len("30 Sep 2026")),
    ]
    if at_terminal():
        shrink_to(columns, console.width, order=(2, 1))  # a long organization gives way first, then the name

    def cells():
        for p in people.iterator(chunk_size=2000):
            r = _person_row(p, state_of(p, today))
            yield (
                f"#{r['id']}",
                r["name"] + (ARCHIVED if r["archived"] else ""),
                r["organization"] or "",
                r["circle"] or "",
                r["status"],
                short_date(r["due_on"], today),
                short_date(r["last_touch"], today),
            )

    with paged(pager) as out:
        count = write_table(out, columns, cells())
        out.write(f"{count} {'person' if count == 1 else 'people'}\n")


ARCHIVED = " (archived)"


def _person_row(p, state) -> dict:
    return {
        "id": p.pk,
        "name": p.name,
        "organization": p.organization.name if p.organization_id else None,
        "circle": p.circle.name if p.circle_id else None,
        "status": state.status,
        "due_on": state.due_on,
        "last_touch": p.last_touch_at,
        "archived": p.archived_at is not None,
    }


def find(
    text: Annotated[str, typer.Argument(help="Name, organization, tag, email or phone")],
    json: JsonOption = False,
    no_pager: NoPagerOption = False,
    demo: DemoOption = False,
) -> None:
    """Find people by name, organization, tag, email or phone (paged at a terminal, as list is)."""
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.queries.people import find_people

    _people_rows(find_people(owner, text)[:200], json, clock.today(), pager=not no_pager)


def list_cmd(
    circle: CircleOpt = None,
    tag: Annotated[str | None, typer.Option("--tag", "-t", help="Only people with this tag")] = None,
    due: Annotated[bool, typer.Option("--due", help="Only people due (or overdue) for a touch")] = False,
    overdue: Annotated[bool, typer.Option("--overdue", help="Only people past their maximum gap")] = False,
    archived: Annotated[bool, typer.Option("--archived", help="Archived people instead")] = False,
    json: JsonOption = False,
    no_pager: NoPagerOption = False,
    demo: DemoOption = False,
) -> None:
    """List people, with filters (through $PAGER or `less -FRX` at a terminal)."""
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.queries.people import people_list

    today = clock.today()
    if not json:
        from goodwill.cli.first_run import print_guide_if_empty

        if print_guide_if_empty(owner):
            return
    _people_rows(
        people_list(owner, today, circle=circle, tag=tag, due=due, overdue=overdue, archived=archived),
        json,
        today,
        pager=not no_pager,
    )


def tag(
    person: Person,
    tags: Annotated[list[str], typer.Argument(help="Tags to add")],
    remove: Annotated[bool, typer.Option("--remove", "-r", help="Remove these tags instead")] = False,
    demo: DemoOption = False,
) -> None:
    """Add (or --remove) tags."""
    owner = open_store(demo)
    from goodwill.services.people import resolve_person, tag_person

    target = resolve_person(owner, person)
    tag_person(owner, target, [] if remove else tags, tags if remove else [])
    console.print(f"{target.name}: " + ", ".join(target.tags.values_list("name", flat=True)) or "no tags")


def circle(
    person: Person,
    name: Annotated[str | None, typer.Argument(help="inner, close, network or outer")] = None,
    cadence: Cadence = None,
    clear_cadence: Annotated[bool, typer.Option("--clear-cadence", help="Go back to the circle's rhythm")] = False,
    demo: DemoOption = False,
) -> None:
    """Put someone in a circle, or give them a personal cadence."""
    owner = open_store(demo)
    from goodwill.errors import InvalidInput
    from goodwill.services.people import resolve_person, set_circle

    if not name and not cadence and not clear_cadence:
        raise InvalidInput("give a circle (e.g. inner) or --cadence 3w")
    target = resolve_person(owner, person)
    days = 0 if clear_cadence else parse_cadence_days(cadence) if cadence else None
    set_circle(owner, target, name, days)
    console.print(
        f"{target.name}: circle {target.circle.name if target.circle else '—'}, every {target.rhythm_days} days."
    )


def circles_list(json: JsonOption = False, demo: DemoOption = False) -> None:
    """The circles and their rhythms."""
    owner = open_store(demo)
    from goodwill.queries.circles import circles

    data = [
        {"name": c.name, "ideal_days": c.ideal_days, "max_days": c.max_days, "people": c.people} for c in circles(owner)
    ]
    if json:
        emit_json(data)
        return
    for c in data:
        console.print(
            f"{c['name']:<10} every {c['ideal_days']} days (overdue after {c['max_days']})  {c['people']} people"
        )


def circles_set(
    name: Annotated[str, typer.Argument(help="Circle name")],
    cadence: Annotated[str, typer.Argument(help='"14d", "2w", "quarterly"')],
    demo: DemoOption = False,
) -> None:
    """Change a circle's default cadence (moves everyone on it)."""
    owner = open_store(demo)
    from goodwill.services.people import set_circle_cadence

    c = set_circle_cadence(owner, name, parse_cadence_days(cadence))
    console.print(f"{c.name}: every {c.ideal_days} days, overdue after {c.max_days}.")


def snooze(
    person: Person,
    until: Annotated[str, typer.Argument(help='"next month", "in 3 weeks", 2027-01-15')],
    demo: DemoOption = False,
) -> None:
    """Leave someone off the agenda until a date."""
    owner = open_store(demo)
    from goodwill.services.people import resolve_person, snooze_person

    target = resolve_person(owner, person)
    snooze_person(owner, target, parse_day(until))
    console.print(f"{target.name} is snoozed until {target.snoozed_until:%a %d %b %Y}.")


def archive(
    person: Person,
    restore: Annotated[bool, typer.Option("--restore", help="Bring an archived person back")] = False,
    demo: DemoOption = False,
) -> None:
    """Archive someone (kept, but off lists and agendas)."""
    owner = open_store(demo)
    from goodwill.services.people import archive_person, resolve_person

    target = resolve_person(owner, person, include_archived=True)
    archive_person(owner, target, restore=restore)
    console.print(f"{target.name} {'restored' if restore else 'archived'}.")


def note(
    person: Person,
    text: Annotated[str, typer.Argument(help="The note or fact")],
    confidential: Annotated[bool, typer.Option("--confidential", help="Told in confidence")] = False,
    shareable: Annotated[bool, typer.Option("--shareable", help="Fine to pass on")] = False,
    source: Annotated[str | None, typer.Option("--source", help="Who told me, if not them")] = None,
    demo: DemoOption = False,
) -> None:
    """Keep a note or fact about someone (private unless marked)."""
    owner = open_store(demo)
    from goodwill.errors import InvalidInput
    from goodwill.services.notes import add_note
    from goodwill.services.people import resolve_person

    if confidential and shareable:
        raise InvalidInput("choose one of --confidential and --shareable")
    target = resolve_person(owner, person)
    level = "confidential" if confidential else "shareable" if shareable else "private"
    added = add_note(owner, target, text, level, source=resolve_person(owner, source) if source else None)
    console.print(f"Noted ({added.confidentiality}) for {target.name}.")


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    command: Callable[..., None]  # the commands below take different options
    for command in (add, show, edit, find):
        app.command()(command)
    app.command("list")(list_cmd)
    for command in (tag, circle, snooze, archive, note):
        app.command()(command)
    circles = new_app(help="Circles and their default rhythms.", invoke_without_command=True)
    circles.callback()(_circles_default)
    circles.command("set")(circles_set)
    app.add_typer(circles, name="circles")


def _circles_default(ctx: typer.Context, json: JsonOption = False, demo: DemoOption = False) -> None:
    """The circles and their rhythms; `circles set NAME CADENCE` changes one."""
    if ctx.invoked_subcommand is None:
        circles_list(json=json, demo=demo)
