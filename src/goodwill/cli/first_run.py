"""The empty network in the terminal: the three ways in (wording: goodwill.queries.first_run)."""

from __future__ import annotations

from goodwill.cli.output import console

# The CLI's own words for the guide and the checklist (queries.first_run has the shared ones).
DEMO = "goodwill demo builds it and shows its Today; then add --demo to any command (goodwill review --demo)."
CHECKLIST_COMMANDS = {
    "people": 'goodwill import FILE, or goodwill add "Jane Doe"',
    "home": 'goodwill config set home "Boise, ID"',
    "goal": "goodwill config set weekly-goal 5",
    "touch": 'goodwill log call "Jane Doe" "what we talked about"',
}


def print_guide_if_empty(owner) -> bool:
    """Print the guide when nobody is in the network yet; True when it did."""
    from goodwill.queries.first_run import guide

    found = guide(owner)
    if found is None:
        return False
    print_guide(found)
    return True


def print_guide(guide) -> None:
    say = lambda text="": console.print(text, markup=False, highlight=False)  # noqa: E731
    say(f"{guide.empty} Three ways to begin:")
    say()
    say("1. Import your contacts: goodwill import FILE (a dry run; add --apply to write it)")
    for source in guide.sources:
        say(f"     {source.name}: {source.where}")
    say('2. Add a person: goodwill add "Jane Doe" --email jane@example.com')
    say(f"3. Look at the demo: {guide.demo}")
    say(f"     {DEMO}")
    say()
    say("Or in the browser: goodwill serve, then Import or Add a person.")


def print_checklist(checklist) -> None:
    """The short first-run checklist: what is left, each with its command."""
    console.print(
        f"[bold]Getting started[/bold] [dim]{checklist.done_count} of {len(checklist.items)} done[/dim]", markup=True
    )
    for item in checklist.items:
        if not item.done:
            console.print(f"  ○ {item.label}: {CHECKLIST_COMMANDS[item.key]}", markup=False, highlight=False)
    console.print("[dim]  (goodwill today --hide-checklist puts this list away)[/dim]", markup=True)
    console.print()
