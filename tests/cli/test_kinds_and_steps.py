"""Kinds as people say them, and `steps` saying whose step each is."""

import json

from goodwill.models import Interaction


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_log_lunch_is_a_meeting_shown_as_lunch(cli):
    ok(cli("add", "Jane Doe"))
    out = ok(cli("log", "lunch", "Jane", "Talked about Austin", "--next", "none"))
    logged = Interaction.objects.get()
    assert (logged.kind, logged.kind_label) == ("meeting", "lunch")
    assert out.startswith(f"Logged lunch (a meeting) with Jane Doe: interaction {logged.pk}.")
    assert f"(#{logged.pk})" not in out  # #N names a person everywhere else
    assert "→ lunch" in ok(cli("show", "Jane"))


def test_log_text_and_phone(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("log", "text", "Jane", "Sent the link", "--next", "none"))
    ok(cli("log", "phone", "Jane", "Quick call", "--next", "none"))
    ok(cli("log", "video call", "Jane", "Screen share", "--next", "none"))
    assert set(Interaction.objects.values_list("kind", "kind_label")) == {
        ("message", "text"),
        ("call", "phone"),
        ("meeting", "video call"),
    }


def test_steps_show_whose_and_the_person(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("add", "Sam Lee"))
    jane_id = json.loads(ok(cli("list", "--json")))[0]["id"]
    ok(cli("next", "Jane", "send the deck", "--due", "friday"))
    ok(cli("next", "Sam", "intro to Bo", "--theirs"))
    out = ok(cli("steps"))
    lines = out.splitlines()
    assert lines[0].split() == ["step", "whose", "person", "what", "due"]
    mine = next(line for line in lines if "send the deck" in line)
    assert "mine" in mine and f"Jane Doe (#{jane_id})" in mine
    theirs = next(line for line in lines if "intro to Bo" in line)
    assert "theirs" in theirs and "Sam Lee" in theirs
    rows = json.loads(ok(cli("steps", "--json")))
    assert {r["ball"] for r in rows} == {"mine", "theirs"}


def test_renegotiate_takes_the_date_as_an_argument(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("log", "call", "Jane", "I'll send you the deck by Friday.", "--yes"))
    step = json.loads(ok(cli("promises", "--json")))[0]
    out = ok(cli("renegotiate", str(step["id"]), "next tuesday"))
    assert "→ Tue 01 Dec 2026" in out
    ok(cli("renegotiate", str(step["id"]), "--due", "next wednesday"))  # the option still works
    assert json.loads(ok(cli("promises", "--json")))[0]["renegotiations"] == 2
    both = cli("renegotiate", str(step["id"]), "friday", "--due", "monday")
    assert both.exit_code == 2 and len(both.output.strip().splitlines()) == 1
    neither = cli("renegotiate", str(step["id"]))
    assert neither.exit_code == 2 and "new date" in neither.output


def test_replies_owed_name_the_interaction_not_a_person_number(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("log", "email", "Jane", "Asked about the lease", "--inbound", "--awaiting-reply", "--next", "none"))
    logged = Interaction.objects.get()
    out = ok(cli("replies"))
    header = next(line for line in out.splitlines() if "Who" in line)
    assert "Interaction" in header and "#" not in header
    assert f"#{logged.pk}" not in out


def test_steps_come_soonest_first_those_with_no_date_last_and_filter_by_whose_ball(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("next", "Jane", "whenever: lunch"))
    ok(cli("next", "Jane", "send the deck", "--due", "friday"))
    ok(cli("next", "Jane", "call back", "--due", "today"))
    ok(cli("next", "Jane", "intro to Bo", "--theirs", "--due", "tomorrow"))
    lines = ok(cli("steps", "--no-pager")).splitlines()[1:]
    assert [
        next(t for t in ("call back", "intro to Bo", "send the deck", "whenever") if t in line) for line in lines
    ] == [
        "call back",
        "intro to Bo",
        "send the deck",
        "whenever",
    ]
    assert "no date" in lines[-1]
    mine = ok(cli("steps", "--mine"))
    assert "intro to Bo" not in mine and "call back" in mine
    theirs = [r["text"] for r in json.loads(ok(cli("steps", "--theirs", "--json")))]
    assert theirs == ["intro to Bo"]
    assert [r["text"] for r in json.loads(ok(cli("steps", "--json")))][-1] == "whenever: lunch"
    ok(cli("done", str(json.loads(ok(cli("steps", "--theirs", "--json")))[0]["step_id"])))
    assert ok(cli("steps", "--theirs")).strip() == "No open next steps."
