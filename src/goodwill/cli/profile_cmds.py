"""`goodwill profile`: interests, needs and offers, industry, role and place; suggestions from notes."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json

Person = Annotated[str, typer.Argument(help="Name, email or #id")]
Level = Annotated[str, typer.Option("--confidentiality", "-c", help="shareable, private (default) or confidential")]


def _entry_json(e):
    return {
        "id": e.pk,
        "kind": e.kind,
        "text": e.text,
        "since": e.since,
        "confidentiality": e.confidentiality,
        "active": e.active,
        "closed_on": e.closed_on,
    }


def show(
    person: Person,
    closed: Annotated[bool, typer.Option("--closed", help="Include met needs")] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """What matters to them: needs, interests, offers, industry, role and place."""
    owner = open_store(demo)
    from rich.markup import escape

    from goodwill.services.people import resolve_person
    from goodwill.services.profiles import profile_of

    target = resolve_person(owner, person)
    entries = profile_of(owner, target, include_closed=closed)
    if json:
        emit_json(
            {
                "person_id": target.pk,
                "name": target.name,
                "industry": target.industry,
                "role": target.title,
                "location": target.location,
                "entries": [_entry_json(e) for e in entries],
            }
        )
        return
    console.print(
        f"[bold]{escape(target.name)}[/]  {escape(target.title or '')}"
        f"{' · ' + escape(target.industry) if target.industry else ''}"
        f"{' · ' + escape(target.location) if target.location else ''}",
        markup=True,
    )
    if not entries:
        console.print(
            'No needs, interests or offers yet: `goodwill profile add NAME need "..."`, '
            "or `goodwill profile suggest NAME` to see what the notes say.",
            markup=False,
        )
    for kind, title in (("need", "Needs"), ("interest", "Interests"), ("offer", "Offers")):
        rows = [e for e in entries if e.kind == kind]
        if rows:
            console.print(f"\n[bold]{title}[/]", markup=True)
        for e in rows:
            since = f" (since {e.since:%d %b %Y})" if e.since and kind == "need" else ""
            closed_text = f" [dim]closed {e.closed_on}[/]" if not e.active else ""
            console.print(f"  #{e.pk} {escape(e.text)}{since} [dim]{e.confidentiality}[/]{closed_text}", markup=True)


def add(
    person: Person,
    kind: Annotated[str, typer.Argument(help="need, interest or offer")],
    text: Annotated[str, typer.Argument(help='What, e.g. "a fractional CFO"')],
    since: Annotated[str | None, typer.Option("--since", help="Since when (needs): a date or 'last month'")] = None,
    confidentiality: Level = "private",
    demo: DemoOption = False,
) -> None:
    """Add a need (with since-when), an interest or an offer."""
    owner = open_store(demo)
    from goodwill.parsing import parse_past_day
    from goodwill.services.people import resolve_person
    from goodwill.services.profiles import add_entry

    target = resolve_person(owner, person)
    entry = add_entry(
        owner, target, kind, text, since=parse_past_day(since) if since else None, confidentiality=confidentiality
    )
    console.print(f"Added {entry.kind} #{entry.pk} for {target.name}: {entry.text}", markup=False)


def close(entry_id: Annotated[str, typer.Argument(help="Profile entry id")], demo: DemoOption = False) -> None:
    """A need was met (or an interest is gone): kept as history, out of matching."""
    owner = open_store(demo)
    from goodwill.services.profiles import close_entry, get_entry

    entry = close_entry(owner, get_entry(owner, entry_id))
    console.print(f"Closed {entry.kind} #{entry.pk} for {entry.person.name}.", markup=False)


def remove(entry_id: Annotated[str, typer.Argument(help="Profile entry id")], demo: DemoOption = False) -> None:
    """Delete a profile entry that was wrong."""
    owner = open_store(demo)
    from goodwill.services.profiles import get_entry, remove_entry

    entry = get_entry(owner, entry_id)
    remove_entry(owner, entry)
    console.print(f'Removed {entry.kind} "{entry.text}".', markup=False)


def set_cmd(
    person: Person,
    industry: Annotated[str | None, typer.Option("--industry")] = None,
    role: Annotated[str | None, typer.Option("--role", help="Their title or role")] = None,
    location: Annotated[str | None, typer.Option("--location", help='e.g. "Austin, TX"')] = None,
    demo: DemoOption = False,
) -> None:
    """Set industry, role and location."""
    owner = open_store(demo)
    from goodwill.errors import InvalidInput
    from goodwill.services.people import resolve_person
    from goodwill.services.profiles import set_details

    if industry is None and role is None and location is None:
        raise InvalidInput("nothing to set; give --industry, --role or --location")
    target = set_details(owner, resolve_person(owner, person), industry=industry, role=role, location=location)
    console.print(f"Updated {target.name}.", markup=False)


def suggest(
    person: Person,
    accept: Annotated[str | None, typer.Option("--accept", help="Numbers to add, e.g. 1,3")] = None,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """What the notes suggest for their profile; nothing is added until you --accept it."""
    owner = open_store(demo)
    from goodwill.errors import InvalidInput
    from goodwill.services.people import resolve_person
    from goodwill.services.profiles import accept_suggestions, suggestions

    target = resolve_person(owner, person)
    if accept:
        try:
            numbers = [int(n) for n in accept.replace(" ", "").split(",") if n]
        except ValueError:
            raise InvalidInput(f'"{accept}" is not a list of numbers; e.g. --accept 1,3') from None
        added = accept_suggestions(owner, target, numbers)
        for e in added:
            console.print(f"Added {e.kind} #{e.pk}: {e.text}", markup=False)
        return
    found = suggestions(owner, target)
    if json:
        emit_json(found)
        return
    if not found:
        console.print(f"The notes about {target.name} suggest nothing new.", markup=False)
        return
    for s in found:
        console.print(f'{s.number}. {s.kind}: {s.text}   (from {s.source}: "{s.sentence}")', markup=False)
    console.print(f'Add some with: goodwill profile suggest "{target.name}" --accept 1,2', markup=False)


def register(app: typer.Typer) -> None:
    from goodwill.cli.main import new_app

    group = new_app(help="What matters to people: needs, interests, offers, industry, role and place.")
    group.command("show")(show)
    group.command("add")(add)
    group.command("close")(close)
    group.command("remove")(remove)
    group.command("set")(set_cmd)
    group.command("suggest")(suggest)
    app.add_typer(group, name="profile")
