"""Capture in seconds: log, replied, next, done, drop, reopen, steps."""

from __future__ import annotations

from typing import Annotated

import typer

from goodwill.cli.common import DemoOption, JsonOption, NoPagerOption, interactive, open_store
from goodwill.cli.output import console
from goodwill.parsing import parse_when

NONE_WORDS = {"none", "no", "-", "nothing", "n"}


def log(
    kind: Annotated[
        str,
        typer.Argument(
            help="call, meeting, email, message, event or note; or the word for it: lunch, coffee, video call (meetings), text, sms (messages), phone (a call)"
        ),
    ],
    person: Annotated[str, typer.Argument(help="Name, email or #id")],
    summary: Annotated[str, typer.Argument(help="What happened, in a few words")],
    next_step: Annotated[
        str | None, typer.Option("--next", "-n", help='My next step, e.g. "send her the article"; "none" for none')
    ] = None,
    due: Annotated[
        str | None,
        typer.Option("--due", "-d", help='When the next step is due: "friday", "in two weeks", 2026-12-01'),
    ] = None,
    their_next: Annotated[str | None, typer.Option("--theirs", help="A next step they owe me")] = None,
    their_due: Annotated[str | None, typer.Option("--their-due", help="When their step is due")] = None,
    inbound: Annotated[bool, typer.Option("--inbound", help="They reached out to me")] = False,
    awaiting_reply: Annotated[bool, typer.Option("--awaiting-reply", help="It awaits my answer: a reply owed")] = False,
    when: Annotated[
        str | None, typer.Option("--when", help='When it happened, e.g. "yesterday", 2026-11-20 (default now)')
    ] = None,
    body: Annotated[str, typer.Option("--body", help="Longer notes")] = "",
    confidential: Annotated[
        bool, typer.Option("--confidential", help="Told in confidence: never leaves this person's page")
    ] = False,
    shareable: Annotated[bool, typer.Option("--shareable", help="Fine to pass on")] = False,
    with_people: Annotated[
        list[str] | None, typer.Option("--with", help="Someone else who was there (repeatable)")
    ] = None,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Record every promise found in the note without asking")
    ] = False,
    no_promises: Annotated[bool, typer.Option("--no-promises", help="Do not look for promises in the note")] = False,
    json: JsonOption = False,
    demo: DemoOption = False,
) -> None:
    """Log an encounter, always with its next step."""
    owner = open_store(demo)
    from goodwill.errors import InvalidInput
    from goodwill.services.encounters import encounter_request, needs_next_step
    from goodwill.services.interactions import log_interaction
    from goodwill.services.people import resolve_person

    if confidential and shareable:
        raise InvalidInput("choose one of --confidential and --shareable")
    people = [resolve_person(owner, person)] + [resolve_person(owner, p) for p in with_people or []]
    occurred = _past_moment(when) if when else None
    direction = "inbound" if inbound else "outbound"
    promises, pending = ([], []) if no_promises else ask_found_promises(summary, body, people, occurred, direction, yes)
    if next_step is None and needs_next_step(promises) and interactive():
        next_step = typer.prompt("Next step (or 'none')", default="none")
        if next_step.strip().lower() not in NONE_WORDS and not due:
            due = (
                typer.prompt("Due (e.g. friday, in two weeks; blank for none)", default="", show_default=False) or None
            )
    if next_step is not None and next_step.strip().lower() in NONE_WORDS:
        next_step = None
    # The rule is the service's; a script that gives no --next logs without one, and is told so below.
    result = log_interaction(
        owner,
        encounter_request(
            kind=kind.lower(),
            people=people,
            summary=summary,
            body=body,
            next_text=next_step,
            due_text=due,
            their_text=their_next,
            their_due_text=their_due,
            skip_next=True,
            direction=direction,
            when=occurred,
            confidentiality="confidential" if confidential else "shareable" if shareable else "private",
            awaiting_reply=awaiting_reply,
            promises=promises,
        ),
    )
    if json:
        from goodwill.cli.output import emit_json

        emit_json(
            {
                "interaction_id": result.interaction.pk,
                "steps": [
                    {"id": s.pk, "person": s.person.name, "text": s.text, "ball": s.ball, "due_on": s.due_on}
                    for s in result.steps
                ],
                "replies_closed": result.replies_closed,
                "promises_found": [_found_json(p) for p in pending],
                "confirm": f"goodwill promises confirm {result.interaction.pk}" if pending else None,
            }
        )
        return
    names = ", ".join(p.name for p in people)
    what = result.interaction.kind_label or result.interaction.kind
    if result.interaction.kind_label:
        kind = result.interaction.kind
        what += f" ({'an' if kind[0] in 'aeiou' else 'a'} {kind})"
    # "interaction 12", never "#12": a bare #12 names person 12 in every other command.
    console.print(f"Logged {what} with {names}: interaction {result.interaction.pk}.", markup=False)
    if awaiting_reply:
        console.print("Reply owed: it is on today's agenda until you run `goodwill replied`.")
    for step in result.steps:
        print_step(step, with_person=len(people) > 1)
    if not result.steps and not pending:
        console.print('No next step recorded. Keep the ball: `goodwill next NAME "..."` adds one.')
    if result.replies_closed:
        console.print(f"Closed {result.replies_closed} reply owed.")
    print_pending(pending, result.interaction.pk)


WHOSE = {"mine": "I promised", "theirs": "they promised", "both": "we agreed"}


def print_step(step, *, with_person: bool = True) -> None:
    due_text = f", due {step.due_on:%a %d %b}" + ("" if step.due_firm else " (soft)") if step.due_on else ""
    whose = {"mine": "Your", "theirs": "Their", "both": "Joint"}[step.ball]
    kind = "promise" if step.source_sentence else "next step"
    person = f" with {step.person.name}" if with_person else ""
    console.print(f"{whose} {kind} #{step.pk}{person}: {step.text}{due_text}", markup=False)


def describe_found(request) -> str:
    due_text = f", due {request.due:%a %d %b}" + ("" if request.firm else " (soft)") if request.due else ""
    why = f" (why: {request.why})" if getattr(request, "why", "") else ""
    return f"{WHOSE[request.ball]}: {request.text}{due_text}{why}"


def print_pending(pending: list, interaction_id: int) -> None:
    """Promises seen in the note and not recorded: the encounter is logged, so the
    way to keep them is `promises confirm`, never logging it again."""
    if not pending:
        return
    console.print(
        f"Found {len(pending)} promise{'s' if len(pending) != 1 else ''} in the note, not recorded yet:", markup=False
    )
    for number, request in enumerate(pending, 1):
        console.print(f"  {number}. {describe_found(request)}", markup=False)
    some = f", or only some: `goodwill promises confirm {interaction_id} 1`" if len(pending) > 1 else ""
    console.print(f"Record them with `goodwill promises confirm {interaction_id}`{some}.", markup=False)


def _found_json(request) -> dict:
    return {
        "text": request.text,
        "ball": request.ball,
        "due_on": request.due,
        "firm": request.firm,
        "source_sentence": request.source_sentence,
        "why": request.why,
    }


def ask_found_promises(summary, body, people, occurred, direction, yes: bool) -> tuple[list, list]:
    """Promises in the note → (to record, left unrecorded). --yes records all; at a
    terminal each is confirmed, edited or skipped; in a script none is recorded and
    the caller says how to record them later."""
    from goodwill.services.encounters import promises_in_note

    found = promises_in_note(summary, body, people, occurred, direction)
    if not found or yes:
        return found, []
    if not interactive():
        return [], found
    accepted = []
    for request in found:
        due_text = f", due {request.due:%a %d %b}" + ("" if request.firm else " (soft)") if request.due else ""
        console.print(f"Promise found ({WHOSE[request.ball]}): {request.text}{due_text}", markup=False)
        answer = typer.prompt("  [y]es / [e]dit / [s]kip", default="y").strip().lower()[:1]
        if answer == "e":
            request.text = typer.prompt("  What", default=request.text)
            new_due = typer.prompt("  Due (blank for none)", default="", show_default=False)
            parsed = parse_when(new_due) if new_due.strip() else None
            request.due, request.firm = (parsed.day, parsed.firm) if parsed else (None, True)
        if answer in ("y", "e"):
            accepted.append(request)
    return accepted, []


def _step_request(text: str, due: str | None, ball: str):
    from goodwill.services.encounters import step_request

    return step_request(text, due, ball)


def _past_moment(text: str):
    """--when: "yesterday", "last friday" or a date → noon that day (or now for today)."""
    from goodwill import clock
    from goodwill.parsing import parse_past_day

    day = parse_past_day(text)
    return clock.now() if day == clock.today() else clock.at_noon(day)


def replied(
    person: Annotated[str, typer.Argument(help="Name, email or #id")],
    demo: DemoOption = False,
) -> None:
    """I answered them: close the replies I owed this person."""
    owner = open_store(demo)
    from goodwill.services.interactions import mark_replied
    from goodwill.services.people import resolve_person

    target = resolve_person(owner, person)
    count = mark_replied(owner, target)
    console.print(f"Marked {count} repl{'y' if count == 1 else 'ies'} to {target.name} as answered.")


def next_cmd(
    person: Annotated[str, typer.Argument(help="Name, email or #id")],
    text: Annotated[str, typer.Argument(help='The step, e.g. "send the deck"')],
    due: Annotated[str | None, typer.Option("--due", "-d", help='"friday", "in two weeks", 2026-12-01')] = None,
    theirs: Annotated[bool, typer.Option("--theirs", help="They owe this step, not me")] = False,
    demo: DemoOption = False,
) -> None:
    """Add a next step for someone without logging an encounter."""
    owner = open_store(demo)
    from goodwill.services.people import resolve_person
    from goodwill.services.steps import add_step

    target = resolve_person(owner, person)
    request = _step_request(text, due, "theirs" if theirs else "mine")
    step = add_step(owner, target, request.text, due=request.due, firm=request.firm, ball=request.ball)
    console.print(
        f"Next step #{step.pk} with {target.name}: {step.text}"
        + (f", due {step.due_on:%a %d %b}" if step.due_on else "")
    )


def done(
    step_ids: Annotated[list[str], typer.Argument(help="Step id(s), as shown by `goodwill today`")],
    demo: DemoOption = False,
) -> None:
    """Mark next steps done; at a terminal, asks for the next step with each person (keep the ball)."""
    closed = _close(step_ids, demo, "done")
    if interactive():
        _keep_the_ball(closed)


def _keep_the_ball(closed: list) -> None:
    """The next step with each person whose step was just done; "none" (the default) adds nothing."""
    from goodwill.errors import UserError
    from goodwill.services.steps import add_step

    seen: set[int] = set()
    for step in closed:
        person = step.person
        if person.pk in seen:
            continue
        seen.add(person.pk)
        text = typer.prompt(f"What's the next step with {person.name}? (or 'none')", default="none")
        if text.strip().lower() in NONE_WORDS:
            continue
        due = typer.prompt("Due (e.g. friday, in two weeks; blank for none)", default="", show_default=False)
        try:
            request = _step_request(text, due or None, "mine")
            new = add_step(step.owner, person, request.text, due=request.due, firm=request.firm)
        except UserError as exc:
            console.print(f"error: {exc} (no next step added)", markup=False)
            continue
        due_text = f", due {new.due_on:%a %d %b}" if new.due_on else ""
        console.print(f"Next step #{new.pk} with {person.name}: {new.text}{due_text}", markup=False)


def reopen(
    step_ids: Annotated[list[str], typer.Argument(help="Step id(s) closed by mistake")],
    demo: DemoOption = False,
) -> None:
    """Undo done (or dropped, kept, released, broken): the step is open again, as it was."""
    owner = open_store(demo)
    from goodwill.services.steps import reopen_steps

    for step in reopen_steps(owner, step_ids):
        due_text = f", due {step.due_on:%a %d %b}" if step.due_on else ""
        console.print(f"#{step.pk} open again: {step.text} ({step.person.name}){due_text}", markup=False)


def drop(
    step_ids: Annotated[list[str], typer.Argument(help="Step id(s)")],
    demo: DemoOption = False,
) -> None:
    """Drop next steps that no longer apply."""
    _close(step_ids, demo, "dropped")


def _close(step_ids: list[str], demo: bool, status: str, verb: str | None = None) -> list:
    owner = open_store(demo)
    from goodwill.services.steps import close_steps

    closed = close_steps(owner, step_ids, status)
    for step in closed:
        console.print(f"#{step.pk} {verb or status}: {step.text} ({step.person.name})")
    console.print(f"Undo: goodwill reopen {' '.join(str(step.pk) for step in closed)}", markup=False)
    return closed


def steps(
    theirs: Annotated[bool, typer.Option("--theirs", help="Only steps they owe me")] = False,
    mine: Annotated[bool, typer.Option("--mine", help="Only steps I owe")] = False,
    json: JsonOption = False,
    no_pager: NoPagerOption = False,
    demo: DemoOption = False,
) -> None:
    """List open next steps, both ways, soonest first (those with no date last)."""
    owner = open_store(demo)
    from goodwill import clock
    from goodwill.queries.today import open_steps

    balls = ["theirs"] if theirs and not mine else ["mine", "both"] if mine and not theirs else None
    today = clock.today()
    if json:
        from goodwill.cli.output import emit_json

        emit_json(list(open_steps(owner, today, balls)))
        return
    _steps_table(owner, balls, open_steps(owner, today, balls), pager=not no_pager)


def _steps_table(owner, balls, rows, *, pager: bool) -> None:
    """Open steps with whose ball each is and the person as `show` takes them ("Jane Doe (#12)"),
    written as they are read (Rich's Table measured every cell first: 28 s for 50,000 steps)."""
    from goodwill.cli.pager import at_terminal, paged
    from goodwill.cli.streamed_table import Column, shrink_to, write_table
    from goodwill.humanize import relative_days
    from goodwill.queries.today import open_steps_widest

    widest = open_steps_widest(owner, balls)
    if not widest["id"]:
        console.print("No open next steps.")
        return
    columns = [
        Column("step", max(len(f"#{widest['id']}"), len("step"))),
        Column("whose", len("theirs")),
        Column("person", max(widest["name"] + len(f" (#{widest['person_id']})"), len("person"))),
        Column("what", max(widest["text"], len("what"))),
        Column("due", len("in 999 days (soft)")),
    ]
    if at_terminal():
        shrink_to(columns, console.width, order=(3, 2))  # a long step gives way first, then the name

    def cells():
        for row in rows:
            when = relative_days(row.days_late) if row.due_on else "no date"
            if row.due_on and not row.firm:
                when += " (soft)"
            yield (f"#{row.step_id}", row.ball, f"{row.person_name} (#{row.person_id})", row.text, when)

    with paged(pager) as out:
        write_table(out, columns, cells())


def register(app: typer.Typer) -> None:
    app.command()(log)
    app.command()(replied)
    app.command("next")(next_cmd)
    app.command()(done)
    app.command()(drop)
    app.command()(reopen)
    app.command()(steps)
