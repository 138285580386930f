"""Errors speak neutrally: a service says what is wrong and names the kind of mistake;
the CLI adds which command or flag helps (cli/hints.py), keeping its output as it was."""

from __future__ import annotations

import pytest

from goodwill.errors import InvalidInput


def test_a_service_error_names_no_command_and_says_its_kind(alice):
    from goodwill.services.steps import get_step

    with pytest.raises(InvalidInput) as caught:
        get_step(alice, "abc")
    assert "goodwill" not in str(caught.value) and caught.value.code == "step-id"


def test_the_cli_adds_its_hint(cli):
    result = cli("done", "abc")
    assert result.exit_code == 2
    assert '"abc" is not a step id; `goodwill today` and `goodwill show PERSON` list them' in result.output


def test_the_cli_hint_for_a_missing_record_names_the_command(cli):
    result = cli("done", "4242")
    assert result.exit_code == 2
    assert "no next step with id 4242; `goodwill today` lists the open ones" in result.output
