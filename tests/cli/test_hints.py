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


@pytest.mark.parametrize(
    "args,shown",
    [
        (
            ["ledger", "add", "Jane Doe", "referral", "--currency", "EUR"],
            "a currency without an amount; give the amount too; add --amount",
        ),
        (
            ["intro", "propose", "Jane Doe", "Sam Lee", "--why", " "],
            'say why they should meet, e.g. "she is hiring a CFO and he is looking"; add --why',
        ),
        (["pass-on", "the and of"], "add a few specific words or tags; or give them with --tags"),
        (["near", "home"], 'no home base yet; set your home first, e.g. "Boise, ID"; set it with `goodwill config'),
        (["calendar", "--days", "0"], "the days ahead must be from 1 to 366, not 0; see --days"),
    ],
)
def test_serving_and_map_mistakes_get_their_flag_in_the_cli(cli, args, shown):
    assert cli("add", "Jane Doe").exit_code == 0 and cli("add", "Sam Lee").exit_code == 0
    result = cli(*args)
    assert result.exit_code == 2 and shown in " ".join(result.output.split()), result.output


def test_an_imap_mistake_gets_its_flag_in_the_cli(cli, monkeypatch):
    monkeypatch.setenv("IMAP_PASSWORD", "secret")
    result = cli("mail", "sync", "--host", " ", "--user", "me", "--password-env", "IMAP_PASSWORD", "--me", "me@x.test")
    assert result.exit_code == 2
    assert "the IMAP server is missing; give it with --host, e.g. --host imap.gmail.com" in result.output
