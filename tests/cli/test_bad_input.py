"""A user's mistake: one line naming what was wrong, exit code 2, nothing written."""

import pytest

from goodwill.models import Interaction, NextStep, Person


@pytest.fixture
def people(cli):
    cli("add", "Jane Doe")
    cli("add", "Sam Lee")
    cli("add", "Sam Ortiz")


def counts():
    return Person.objects.count(), Interaction.objects.count(), NextStep.objects.count()


@pytest.mark.parametrize(
    "args,expected",
    [
        (["log", "call", "Nobody Here", "Chat", "--next", "none"], "no person called"),
        (["log", "call", "Jnae Doe", "Chat", "--next", "none"], 'did you mean "Jane Doe"'),
        (["log", "call", "Sam", "Chat", "--next", "none"], "matches several people"),
        (["log", "call", "Jane", "Chat", "--next", "x", "--due", "blursday"], "blursday"),
        (["log", "call", "Jane", "   ", "--next", "none"], "the note is empty"),
        (["log", "fax", "Jane", "Chat", "--next", "none"], "not a kind of interaction"),
        (["log", "email", "Jane", "Hi", "--awaiting-reply", "--next", "none"], "add --inbound"),
        (["log", "call", "Jane", "Chat", "--when", "next week", "--next", "none"], "future"),
        (["add", "Ann", "--email", "ann-at-example"], "not a valid email address"),
        (["add", "Ann", "--phone", "12"], "not a valid phone number"),
        (["add", "Ann", "--circle", "besties"], "no circle called"),
        (["add", "Ann", "--cadence", "sometimes"], "sometimes"),
        (["snooze", "Jane", "blursday"], "blursday"),
        (["done", "abc"], "not a step id"),
        (["done", "4242"], "no next step with id 4242"),
        (["replied", "Jane"], "no reply owed"),
        (["config", "set", "weekly-goal", "lots"], "whole number"),
        (["config", "set", "colour", "blue"], "unknown setting"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(cli, people, args, expected):
    before = counts()
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert expected in result.output
    assert "Traceback" not in result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:")
    assert counts() == before


def test_user_text_prints_as_written_without_emoji_codes(cli):
    result = cli("add", "Ann :x: Lee")
    assert result.exit_code == 0, result.output
    assert "Ann :x: Lee" in cli("show", "Ann").output
