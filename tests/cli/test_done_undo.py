"""Done on a step keeps the ball (asks for the next one at a terminal) and can be undone."""

import pytest

from goodwill.models import NextStep, StepChange


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture
def step(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("next", "Jane", "send the deck", "--due", "friday"))
    return NextStep.objects.get()


def test_done_prints_the_undo_command_and_reopen_restores_the_step_exactly(cli, step):
    before = NextStep.objects.values("status", "due_on", "due_firm", "text", "ball", "closed_at").get()
    out = ok(cli("done", str(step.pk)))
    assert f"Undo: goodwill reopen {step.pk}" in out
    step.refresh_from_db()
    assert step.status == "done" and step.closed_at is not None
    out = ok(cli("reopen", str(step.pk)))
    assert f"#{step.pk} open again: send the deck (Jane Doe), due Fri 27 Nov" in out
    assert NextStep.objects.values("status", "due_on", "due_firm", "text", "ball", "closed_at").get() == before
    # Both changes are in the step's history; nothing is rewritten silently.
    assert [(c.old, c.new) for c in StepChange.objects.filter(step=step, field="status")] == [
        ("open", "done"),
        ("done", "open"),
    ]
    assert "send the deck" in ok(cli("steps"))


def test_a_dropped_step_can_be_reopened_too(cli, step):
    assert f"Undo: goodwill reopen {step.pk}" in ok(cli("drop", str(step.pk)))
    ok(cli("reopen", str(step.pk)))
    step.refresh_from_db()
    assert step.status == "open"


def test_reopening_an_open_step_is_a_one_line_error(cli, step):
    result = cli("reopen", str(step.pk))
    assert result.exit_code == 2
    assert result.output.strip() == f"error: step #{step.pk} is open; there is nothing to undo"


def test_reopen_is_all_or_nothing(cli, step):
    ok(cli("done", str(step.pk)))
    result = cli("reopen", str(step.pk), "9999")
    assert result.exit_code == 2
    step.refresh_from_db()
    assert step.status == "done"


def test_done_at_a_terminal_asks_for_the_next_step(cli, step, monkeypatch):
    from goodwill.cli import log_cmds

    monkeypatch.setattr(log_cmds, "interactive", lambda: True)
    out = ok(cli("done", str(step.pk), input="book the follow-up call\nin two weeks\n"))
    assert "What's the next step with Jane Doe?" in out
    new = NextStep.objects.get(status="open")
    assert new.text == "book the follow-up call" and str(new.due_on) == "2026-12-07"
    assert f"Next step #{new.pk} with Jane Doe: book the follow-up call, due Mon 07 Dec" in out


def test_done_at_a_terminal_accepts_none(cli, step, monkeypatch):
    from goodwill.cli import log_cmds

    monkeypatch.setattr(log_cmds, "interactive", lambda: True)
    ok(cli("done", str(step.pk), input="\n"))
    assert not NextStep.objects.filter(status="open").exists()


def test_a_bad_due_for_the_next_step_adds_nothing_and_says_why(cli, step, monkeypatch):
    from goodwill.cli import log_cmds

    monkeypatch.setattr(log_cmds, "interactive", lambda: True)
    out = ok(cli("done", str(step.pk), input="call her\nin -3 weeks\n"))
    assert "counts backwards" in out and "no next step added" in out
    assert not NextStep.objects.filter(status="open").exists()


def test_done_in_a_script_asks_nothing(cli, step):
    out = ok(cli("done", str(step.pk)))
    assert "next step with" not in out
