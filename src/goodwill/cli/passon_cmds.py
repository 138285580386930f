"""`goodwill pass-on`: who else would be interested in this? And `goodwill reindex`."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, interactive, open_store
from goodwill.cli.output import console, emit_json


def pass_on_cmd(
    text: Annotated[str, typer.Argument(help='What to pass on, e.g. "New SEC guidance on fintech custody"')],
    url: Annotated[str | None, typer.Option("--url", help="Its web address")] = None,
    tags: Annotated[list[str] | None, typer.Option("--tags", help="Topics, comma-separated; weigh matching up")] = None,
    to: Annotated[list[str] | None, typer.Option("--to", help="Send to this person (repeatable)")] = None,
    pick: Annotated[str | None, typer.Option("--pick", help="Send to these ranks, e.g. 1,3")] = None,
    via: Annotated[str, typer.Option("--via", help="email, message, call or meeting")] = "email",
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help="How many people to rank")] = 10,
    keep: Annotated[bool, typer.Option("--keep", help="Keep the item for later: `goodwill ideas` offers it")] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Rank who would care about this, with reasons; --to/--pick records a Share and drafts the message.

    With --json it prints the ranking for scripts and records nothing."""
    owner = open_store(demo)
    from rich.markup import escape

    from goodwill.queries.pass_on import pass_on_ranking
    from goodwill.services.people import resolve_person

    ranking = pass_on_ranking(owner, text, url=url or "", tags=tags, limit=limit)
    if json:
        emit_json(ranking)
        return
    # Check every choice before printing anything: a mistake is one line, and nothing is recorded.
    by_rank = {r.rank: r for r in ranking.people}
    recipients = [resolve_person(owner, name, include_archived=True) for name in (to or [])]
    chosen = _ranks(pick, by_rank) if pick else []
    if ranking.already_got_it:
        console.print(f"[dim]Already got it: {escape(', '.join(ranking.already_got_it))}[/]")
    if not ranking.people and not recipients:
        console.print("Nobody in your network matches this yet. Add needs and interests with `goodwill profile add`.")
        return
    for row in ranking.people:
        console.print(f"[bold]{row.rank:>2}. {escape(row.name)}[/]  [dim]#{row.person_id} · score {row.score:.1f}[/]")
        for reason in row.reasons:
            console.print(f"      {escape(reason)}")
    if pick is None and not to and interactive() and ranking.people:
        answer = typer.prompt("Pass it on to (ranks like 1,3; blank for nobody)", default="", show_default=False)
        chosen = _ranks(answer, by_rank)
    from goodwill.models import Person

    people = recipients + [Person.objects.get_owned(owner, by_rank[r].person_id) for r in chosen]
    if not people:
        if keep:
            from goodwill.services.pass_on import keep_item

            item = keep_item(owner, ranking.text, url=ranking.url, tags=ranking.tags)
            console.print(f"Kept item #{item.pk} for later: `goodwill ideas NAME` will suggest it.", markup=False)
        return
    from goodwill.services.pass_on import pass_on

    ranked = {r.person_id: r for r in ranking.people}
    sent = pass_on(owner, ranking.text, people, url=ranking.url, tags=ranking.tags, ranked=ranked, via=via)
    for s in sent:
        console.print(
            f"\n[bold]Recorded: passed on to {escape(s.person.name)}[/] (share #{s.share.pk}; "
            "ledger: information given). Draft:"
        )
        if s.email:
            console.print(f"To: {s.email}", markup=False)
        console.print(s.draft, markup=False)


def _ranks(text: str, by_rank: dict) -> list[int]:
    from goodwill.errors import InvalidInput

    result = []
    for part in (text or "").replace(" ", "").split(","):
        if not part:
            continue
        if not part.isdecimal() or int(part) not in by_rank:
            raise InvalidInput(f'"{part}" is not a rank in this list (1–{len(by_rank)})')
        result.append(int(part))
    return result


def reindex(demo: DemoOption = False) -> None:
    """Rebuild the search index that pass-on, intro suggestions and ideas use."""
    owner = open_store(demo)
    from goodwill import search

    count = search.rebuild(owner)
    console.print(f"Search index rebuilt: {count} people.")


def register(app: typer.Typer) -> None:
    app.command("pass-on")(pass_on_cmd)
    app.command("reindex")(reindex)
