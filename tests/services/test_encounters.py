"""The encounter rule, once for every door: encounter_request turns the raw choices into
the LogRequest (next step, due date, skip, their step, confirmed promises)."""

from __future__ import annotations

from datetime import date

import pytest

from goodwill.services.encounters import DueWithoutStep, NoNextStep, encounter_request, needs_next_step
from goodwill.services.interactions import StepRequest

JANE = object()  # the rule never looks at the people; log_interaction does


def _request(**choices):
    return encounter_request(kind="call", people=[JANE], summary="Talked about her move", **choices)


def test_my_next_step_with_its_due_date(now):
    request = _request(next_text="  send the deck ", due_text="friday")
    (step,) = request.next_steps
    assert (step.text, step.ball, step.due) == ("send the deck", "mine", date(2026, 11, 27))
    assert request.people == [JANE] and request.kind == "call"


def test_a_due_date_needs_a_step(now):
    with pytest.raises(DueWithoutStep, match="a due date needs a next step"):
        _request(due_text="friday", skip_next=True)


def test_no_next_step_is_refused_unless_skipped_on_purpose(now):
    with pytest.raises(NoNextStep):
        _request()
    assert _request(skip_next=True).next_steps == []


def test_a_promise_of_mine_is_the_next_step_but_theirs_is_not(now):
    mine = StepRequest("send the article", ball="mine", source_sentence="I'll send the article")
    theirs = StepRequest("intro to Sam", ball="theirs", source_sentence="She'll introduce me to Sam")
    assert _request(promises=[mine]).next_steps == [mine]
    with pytest.raises(NoNextStep):
        _request(promises=[theirs])
    assert needs_next_step([theirs]) and not needs_next_step([theirs, mine])


def test_their_step_and_the_promises_follow_mine_in_order(now):
    promise = StepRequest("call back", ball="both")
    request = _request(
        next_text="send the deck", their_text="read it", their_due_text="in two weeks", promises=[promise]
    )
    assert [(s.text, s.ball) for s in request.next_steps] == [
        ("send the deck", "mine"),
        ("read it", "theirs"),
        ("call back", "both"),
    ]
    assert request.next_steps[1].due == date(2026, 12, 7)


def test_the_cli_adds_its_own_hint_to_the_neutral_error(cli):
    cli("add", "Jane Doe")
    result = cli("log", "call", "Jane Doe", "Talked", "--due", "friday")
    assert result.exit_code == 2
    assert "a due date needs a next step" in result.output and 'add --next "what you will do"' in result.output
