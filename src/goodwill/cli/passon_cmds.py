"""`goodwill pass-on`: who else would be interested in this? `goodwill for-later`: what I kept for later,
and who stands out for it now. And `goodwill reindex`."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, interactive, open_store
from goodwill.cli.output import console, emit_json, print_rebuilding


def pass_on_cmd(
    text: Annotated[str, typer.Argument(help='What to pass on, e.g. "New SEC guidance on fintech custody"')],
    url: Annotated[str | None, typer.Option("--url", help="Its web address")] = None,
    tags: Annotated[list[str] | None, typer.Option("--tags", help="Topics, comma-separated; weigh matching up")] = None,
    to: Annotated[list[str] | None, typer.Option("--to", help="Send to this person (repeatable)")] = None,
    pick: Annotated[str | None, typer.Option("--pick", help="Send to these ranks, e.g. 1,3")] = None,
    via: Annotated[str, typer.Option("--via", help="email, message, call or meeting")] = "email",
    limit: Annotated[int, typer.Option("--limit", min=1, max=100, help="How many people to rank")] = 10,
    keep: Annotated[
        bool, typer.Option("--keep", help="Unless you pick someone, keep it for later: `goodwill for-later` lists it")
    ] = False,
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
    print_rebuilding(ranking.meaning_rebuilding)
    if ranking.already_got_it:
        console.print(f"[dim]Already got it: {escape(', '.join(ranking.already_got_it))}[/]", markup=True)
    if not ranking.people and not recipients:
        if not ranking.nobody:  # everyone it suits already got it
            console.print("No one else in your network stands out for this.")
            return
        console.print(NOBODY)
        if keep or (interactive() and typer.confirm("Keep it for later?", default=False)):
            _keep(owner, ranking)
        else:
            console.print(
                "[dim]Keep it for later with --keep: `goodwill for-later` asks again who stands out.[/]", markup=True
            )
        return
    for row in ranking.people:
        console.print(
            f"[bold]{row.rank:>2}. {escape(row.name)}[/]  [dim]#{row.person_id} · score {row.score:.1f}[/]", markup=True
        )
        for reason in row.reasons:
            console.print(f"      {escape(reason)}", markup=True)
    if pick is None and not to and interactive() and ranking.people:
        answer = typer.prompt("Pass it on to (ranks like 1,3; blank for nobody)", default="", show_default=False)
        chosen = _ranks(answer, by_rank)
    from goodwill.models import Person

    people = recipients + [Person.objects.get_owned(owner, by_rank[r].person_id) for r in chosen]
    if not people:
        if keep:
            _keep(owner, ranking)
        return
    from goodwill.services.pass_on import pass_on

    ranked = {r.person_id: r for r in ranking.people}
    sent = pass_on(owner, ranking.text, people, url=ranking.url, tags=ranking.tags, ranked=ranked, via=via)
    for s in sent:
        console.print(
            f"\n[bold]Recorded: passed on to {escape(s.person.name)}[/] (share #{s.share.pk}; "
            "ledger: information given). Draft:",
            markup=True,
        )
        if s.email:
            console.print(f"To: {s.email}", markup=False)
        console.print(s.draft, markup=False)


NOBODY = "No one in your network stands out for this."


def _keep(owner, ranking) -> None:
    from goodwill.services.pass_on import keep_item

    item = keep_item(owner, ranking.text, url=ranking.url, tags=ranking.tags)
    console.print(
        f"Kept for later (item #{item.pk}): `goodwill for-later` asks again who stands out, "
        "and `goodwill ideas NAME` offers it to people it suits.",
        markup=False,
    )


def for_later(
    forget: Annotated[str | None, typer.Option("--forget", help="Forget this kept item (its #id), for good")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=200, help="How many items, newest first")] = 20,
    top: Annotated[int, typer.Option("--top", min=1, max=100, help="How many people to name for each")] = 3,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """What I kept for later, newest first, each ranked again: who stands out for it now."""
    owner = open_store(demo)
    from rich.markup import escape

    from goodwill.errors import UserError
    from goodwill.queries.pass_on import kept_items, kept_ranking

    if forget is not None:
        from goodwill.services.pass_on import forget_item

        gone = forget_item(owner, forget)
        console.print(f"Forgot {gone.title!r}.", markup=False)
        return
    rows = []
    for item in kept_items(owner, limit=limit):
        try:
            _, ranking = kept_ranking(owner, item.id, limit=top)
        except UserError as exc:  # kept before keeping checked its words
            ranking, problem = None, str(exc)
        else:
            problem = ""
        rows.append((item, ranking, problem))
    if json:
        emit_json([{**_plain_item(item), "ranking": ranking, "problem": problem} for item, ranking, problem in rows])
        return
    if not rows:
        console.print(
            'Nothing kept for later. When no one stands out for an item, `goodwill pass-on "…" --keep` keeps it.'
        )
        return
    from goodwill import clock
    from goodwill.humanize import short_date

    today = clock.today()
    for item, ranking, problem in rows:
        console.print(
            f"[bold]#{item.id}[/] {escape(item.title)}  [dim]kept {short_date(item.kept_at, today)}[/]", markup=True
        )
        if item.url or item.tags:
            console.print(
                f"      [dim]{escape(' · '.join(filter(None, [item.url, ', '.join(item.tags)])))}[/]", markup=True
            )
        if ranking is None:
            console.print(f"      [dim]{escape(problem)}[/]", markup=True)
        elif ranking.people:
            names = ", ".join(f"{r.name} (#{r.person_id})" for r in ranking.people)
            console.print(f"      Stands out now: {escape(names)}", markup=True)
        elif ranking.nobody:
            console.print("      [dim]No one stands out yet.[/]", markup=True)
        else:
            console.print(
                "      [dim]No one else stands out; already got it: "
                + escape(", ".join(ranking.already_got_it))
                + "[/]",
                markup=True,
            )
    console.print(
        '[dim]Pass one on with `goodwill pass-on "TITLE"` (it ranks again, with reasons); '
        "forget one with `goodwill for-later --forget ID`.[/]",
        markup=True,
    )


def _plain_item(item) -> dict:
    from dataclasses import asdict

    return asdict(item)


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
    app.command("for-later")(for_later)
    app.command("reindex")(reindex)
