"""Duplicates: `goodwill dupes` lists likely pairs with their evidence;
`dupes dismiss A B` / `dupes undismiss A B` say whether a pair is two people;
`goodwill merge A B` merges B into A; `merge list` and `merge undo ID`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from goodwill.cli.common import DemoOption, JsonOption, open_store
from goodwill.cli.output import console, emit_json
from goodwill.errors import InvalidInput


def dupes(
    args: Annotated[
        list[str] | None,
        typer.Argument(
            help="Nothing to list the pairs; `dismiss A B` when A and B are two different people; "
            "`undismiss A B` to take that back (A and B by name, email or #id)",
            show_default=False,
        ),
    ] = None,
    min_score: Annotated[
        int, typer.Option("--min-score", min=0, max=100, help="Hide pairs scoring below this (0-100)")
    ] = 50,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Show at most this many pairs")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Show dismissed pairs too, marked as such")] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """People who are probably entered twice, strongest first, with the evidence for each;
    `dupes dismiss A B` says they are two people, `dupes undismiss A B` takes it back."""
    owner = open_store(demo)
    if args:
        return _dismissal(owner, args, json)
    from goodwill.queries.dupes import find_duplicates

    found = find_duplicates(owner, min_score=min_score, limit=limit, include_dismissed=all_)
    pairs = found.pairs
    if json:
        emit_json(
            [
                {
                    "score": p.score,
                    "keep": {"id": p.keep_id, "name": p.keep_name},
                    "other": {"id": p.other_id, "name": p.other_name},
                    "evidence": [{"kind": e.kind, "detail": e.detail} for e in p.evidence],
                    "merge": f"goodwill merge {p.keep_id} {p.other_id}",
                    "dismissed": p.dismissed,
                    (
                        "undismiss" if p.dismissed else "dismiss"
                    ): f"goodwill dupes {'undismiss' if p.dismissed else 'dismiss'} {p.keep_id} {p.other_id}",
                }
                for p in pairs
            ]
        )
        return
    hidden = (
        f" ({found.hidden} pair(s) you marked as different people are hidden; --all shows them)" if found.hidden else ""
    )
    if not pairs:
        console.print("No likely duplicates." + hidden, markup=False)
        return
    for p in pairs:
        mark = "  [yellow](dismissed: not the same person)[/]" if p.dismissed else ""
        console.print(
            f"[bold]{p.score:>3}[/]  #{p.keep_id} {_plain(p.keep_name)}  ⟷  #{p.other_id} {_plain(p.other_name)}{mark}",
            markup=True,
        )
        for e in p.evidence:
            console.print(f"       {e.detail}")
        if p.dismissed:
            console.print(f"       [dim]goodwill dupes undismiss {p.keep_id} {p.other_id}[/]", markup=True)
        else:
            console.print(
                f"       [dim]goodwill merge {p.keep_id} {p.other_id}  ·  not the same: "
                f"goodwill dupes dismiss {p.keep_id} {p.other_id}[/]",
                markup=True,
            )
    console.print(
        f"\n{len(pairs)} likely pair(s). `goodwill merge A B` keeps A and folds B into it; it can be undone." + hidden,
        markup=False,
    )


def _dismissal(owner, args: list[str], json: bool) -> None:
    verb = args[0]
    if verb not in ("dismiss", "undismiss") or len(args) != 3:
        raise InvalidInput(
            "give `goodwill dupes dismiss A B` (A and B are two different people) or "
            "`goodwill dupes undismiss A B`, A and B by name, email or #id; "
            "or no arguments to list the pairs"
        )
    from goodwill.services.dupes import dismiss_pair, undismiss_pair
    from goodwill.services.people import resolve_person

    a, b = resolve_person(owner, args[1]), resolve_person(owner, args[2])
    if verb == "dismiss":
        record, created = dismiss_pair(owner, a, b)
        low, high = record.person_a, record.person_b
        text = (
            f"Marked #{low.pk} {low.name} and #{high.pk} {high.name} as two different people"
            + ("" if created else " (they already were)")
            + f"; `goodwill dupes` no longer lists them. Undo with: goodwill dupes undismiss {low.pk} {high.pk}"
        )
    else:
        undismiss_pair(owner, a, b)
        low, high = sorted((a, b), key=lambda p: p.pk)
        created = True
        text = (
            f"#{low.pk} {low.name} and #{high.pk} {high.name} are no longer marked as different people; "
            "`goodwill dupes` lists them again if they still look alike."
        )
    if json:
        emit_json(
            {
                "action": verb,
                "changed": created,
                "pair": [{"id": low.pk, "name": low.name}, {"id": high.pk, "name": high.name}],
            }
        )
        return
    console.print(text, markup=False)


def _plain(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def merge(
    args: Annotated[
        list[str], typer.Argument(help="A B (keep A, fold B into it); or `list`; or `undo ID`", show_default=False)
    ],
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Merge person B into person A (by name, email or #id); `merge list`, `merge undo ID`."""
    owner = open_store(demo)
    if args[0] == "list" and len(args) == 1:
        return _list(owner, json)
    if args[0] == "undo":
        return _undo(owner, args[1:], json)
    if len(args) != 2:
        raise InvalidInput(
            "give two people: goodwill merge KEEP OTHER (by name, email or #id), "
            "or `goodwill merge list`, or `goodwill merge undo ID`"
        )
    from goodwill.services.merge import merge_people, summarize
    from goodwill.services.people import resolve_person

    keep, other = resolve_person(owner, args[0]), resolve_person(owner, args[1])
    done = summarize(merge_people(owner, keep, other))
    if json:
        emit_json(
            {
                "merge_id": done.id,
                "kept": {"id": done.kept_id, "name": done.kept_name},
                "merged": {"id": done.merged_id, "name": done.merged_name},
                "rows_moved": done.rows_moved,
                "already_there": done.already_there,
                "filled": done.filled,
            }
        )
        return
    console.print(done.describe(), markup=False)
    console.print(f"Undo with: goodwill merge undo {done.id}", markup=False)


def _list(owner, json: bool) -> None:
    from goodwill.services.merge import merge_history, summarize

    rows: list[dict[str, Any]] = [
        {
            "id": m.id,
            "at": m.created_at,
            "kept": {"id": m.kept_id, "name": m.kept_name},
            "merged": {"id": m.merged_id, "name": m.merged_name},
            "undone_at": m.undone_at,
        }
        for m in map(summarize, merge_history(owner))
    ]
    if json:
        emit_json(rows)
        return
    if not rows:
        console.print("No merges yet.")
        return
    for r in rows:
        state = f" (undone {r['undone_at']:%Y-%m-%d})" if r["undone_at"] else ""
        console.print(
            f"#{r['id']}  {r['at']:%Y-%m-%d %H:%M}  #{r['merged']['id']} {r['merged']['name']} → "
            f"#{r['kept']['id']} {r['kept']['name']}{state}",
            markup=False,
        )


def _undo(owner, args: list[str], json: bool) -> None:
    if len(args) != 1:
        raise InvalidInput("give one merge id: goodwill merge undo ID (see goodwill merge list)")
    from goodwill.services.merge import get_merge, undo_merge

    record = get_merge(owner, args[0])
    restored = undo_merge(owner, record)
    if json:
        emit_json({"merge_id": record.pk, "restored": {"id": restored.pk, "name": restored.name}})
        return
    console.print(
        f"Merge #{record.pk} undone: #{restored.pk} {restored.name} is back with what was theirs.", markup=False
    )


def register(app: typer.Typer) -> None:
    app.command("dupes")(dupes)
    app.command("merge")(merge)
