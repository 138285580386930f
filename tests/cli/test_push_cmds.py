"""`goodwill push ...`: channels, a test push that arrives at a local endpoint, quiet hours,
on and off; mistakes are one line and exit 2."""

from __future__ import annotations

import json

from tests.pushserver import closed_port_url, push_server  # noqa: F401


def test_add_list_test_pause_resume_remove(cli, push_server):
    added = cli("push", "add", "phone", push_server.json_url, "--json")
    assert added.exit_code == 0, added.output
    channel = json.loads(added.output)
    assert channel["name"] == "phone" and channel["shown"] == f"json://127.0.0.1:{push_server.port}/…"
    listed = cli("push", "list")
    assert "Pushes are off; quiet 21:00 to 08:00 (UTC)." in listed.output
    assert "phone" in listed.output and "/hook" not in listed.output
    tested = cli("push", "test", str(channel["id"]))
    assert tested.exit_code == 0 and "Test push sent" in tested.output
    assert push_server.messages[-1]["title"] == "Goodwill: test push"
    assert cli("push", "pause", str(channel["id"])).exit_code == 0
    assert json.loads(cli("push", "list", "--json").output)["channels"][0]["paused"] is True
    assert (
        "no push channel to test (none, or every one is paused); add one with `goodwill push add NAME URL`"
        in cli("push", "test").output
    )
    assert cli("push", "resume", str(channel["id"])).exit_code == 0
    assert cli("push", "test").exit_code == 0
    assert len(push_server.received) == 2
    removed = cli("push", "remove", str(channel["id"]))
    assert removed.exit_code == 0 and f'Removed push channel #{channel["id"]} "phone"' in removed.output
    assert "No push channels" in cli("push", "list").output


def test_the_url_can_come_from_standard_input(cli, push_server):
    """A URL with a token need not go into the shell's history."""
    added = cli("push", "add", "phone", "-", "--json", input=push_server.json_url + "\n")
    assert added.exit_code == 0, added.output
    assert cli("push", "test").exit_code == 0 and len(push_server.received) == 1


def test_a_push_that_does_not_arrive_exits_1(cli):
    channel = json.loads(cli("push", "add", "phone", closed_port_url(), "--json").output)
    result = cli("push", "test", str(channel["id"]))
    assert result.exit_code == 1 and "was not delivered" in result.output


def test_on_off_and_quiet_hours(cli):
    on = cli("push", "on")
    assert on.exit_code == 0 and "Pushes are on" in on.output and "No push channel yet" in on.output
    assert "Quiet 22:30 to 07:00 (UTC)." in cli("push", "quiet", "22:30", "7am").output
    assert "Quiet 22:30 to 07:00" in cli("push", "quiet").output
    assert "No quiet hours." in cli("push", "quiet", "--off").output
    shown = json.loads(cli("push", "list", "--json").output)
    assert shown["on"] is True and shown["quiet_from"] is None and shown["time_zone"] == "UTC"
    assert cli("push", "off").exit_code == 0
    assert json.loads(cli("push", "list", "--json").output)["on"] is False


def test_mistakes_are_one_line_and_exit_2(cli):
    for args, words in [
        (("push", "add", "phone", "foo://bar"), '"foo://" is not a kind of channel'),
        (("push", "add", "phone", "ntfy.sh/topic"), "no scheme"),
        (("push", "remove", "4242"), "no push channel with id 4242; `goodwill push list` shows yours"),
        (("push", "pause", "abc"), "no push channel with id abc"),
        (("push", "quiet", "21:00"), "both a start and an end"),
        (("push", "quiet", "25:00", "08:00"), "quiet hours' start"),
        (("push", "quiet", "21:00", "21:00"), "same time"),
        (("push", "quiet", "21:00", "08:00", "--off"), "either the two times or --off"),
    ]:
        result = cli(*args)
        assert result.exit_code == 2, (args, result.output)
        assert words in result.output and "Traceback" not in result.output
