"""The daily loop through the `goodwill` command, as a user types it."""

import json

from goodwill.models import Interaction, NextStep, Person


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_capture_and_today(cli):
    ok(cli("add", "Jane Doe", "--email", "jane@example.com", "--circle", "inner", "--org", "Acme"))
    ok(cli("add", "Sam Lee"))
    out = ok(
        cli(
            "log",
            "call",
            "Jane Doe",
            "Talked about her move to Austin",
            "--next",
            "send her the remote-hiring article",
            "--due",
            "friday",
        )
    )
    assert "send her the remote-hiring article, due Fri 27 Nov" in out
    ok(cli("log", "email", "Sam", "Asked about the Q3 proposal", "--inbound", "--awaiting-reply", "--next", "none"))
    today = ok(cli("today"))
    assert today.index("Replies I owe") < today.index("Asked about the Q3 proposal") < today.index("My next steps")
    assert "This week's review is not done yet" in today
    out = ok(cli("replied", "Sam"))
    assert "Marked 1 reply to Sam Lee" in out
    assert "Asked about the Q3 proposal" not in ok(cli("today"))


def test_today_json_has_every_section(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("log", "email", "Jane", "Q3?", "--inbound", "--awaiting-reply", "--next", "none"))
    data = json.loads(ok(cli("today", "--json")))
    assert list(data)[:6] == ["today", "replies_owed", "my_steps", "people_due", "people_due_total", "their_steps"]
    assert data["replies_owed"][0]["person_name"] == "Jane Doe"


def test_done_and_drop_steps(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("log", "call", "Jane", "Chat", "--next", "send deck", "--due", "today"))
    step = NextStep.objects.get()
    assert "send deck" in ok(cli("today"))
    ok(cli("done", str(step.pk)))
    step.refresh_from_db()
    assert step.status == "done"
    assert "send deck" not in ok(cli("today"))
    result = cli("done", str(step.pk))
    assert result.exit_code == 2 and "already done" in result.output


def test_done_is_all_or_nothing(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("next", "Jane", "send deck"))
    step = NextStep.objects.get()
    result = cli("done", str(step.pk), "9999")
    assert result.exit_code == 2
    step.refresh_from_db()
    assert step.status == "open"


def test_their_steps_and_next_command(cli):
    ok(cli("add", "Jane Doe"))
    ok(
        cli(
            "log",
            "meeting",
            "Jane",
            "Lunch",
            "--next",
            "intro her to Bo",
            "--theirs",
            "send me her CV",
            "--their-due",
            "today",
        )
    )
    assert "send me her CV" in ok(cli("today")).split("Theirs to chase")[1]
    ok(cli("next", "Jane", "call about the board seat", "--due", "in two weeks"))
    steps = json.loads(ok(cli("steps", "--json")))
    assert {s["text"] for s in steps} == {"intro her to Bo", "send me her CV", "call about the board seat"}
    theirs = json.loads(ok(cli("steps", "--theirs", "--json")))
    assert [s["text"] for s in theirs] == ["send me her CV"]


def test_log_without_next_outside_a_terminal_records_no_step(cli):
    ok(cli("add", "Jane Doe"))
    out = ok(cli("log", "call", "Jane", "Quick catch-up"))
    assert "No next step recorded" in out
    assert Interaction.objects.count() == 1 and not NextStep.objects.exists()


def test_log_with_confidential_note_and_when(cli):
    ok(cli("add", "Jane Doe"))
    ok(
        cli(
            "log",
            "meeting",
            "Jane",
            "She is interviewing elsewhere",
            "--confidential",
            "--when",
            "yesterday",
            "--next",
            "none",
        )
    )
    interaction = Interaction.objects.get()
    assert interaction.confidentiality == "confidential"
    assert interaction.occurred_at.date().isoformat() == "2026-11-22"


def test_people_commands(cli):
    ok(cli("add", "Jane Doe", "--email", "jane@example.com", "--tag", "fintech", "--org", "Acme", "--title", "CTO"))
    ok(cli("add", "Sam Lee", "--circle", "outer"))
    assert "Acme" in ok(cli("find", "acme"))
    assert "Jane Doe" in ok(cli("find", "fintech"))
    assert "Jane Doe" in ok(cli("find", "jane@example"))
    ok(cli("edit", "Jane", "--title", "CEO", "--phone", "+1 208 555 0143"))
    shown = json.loads(ok(cli("show", "Jane", "--json")))
    assert shown["title"] == "CEO" and shown["phones"] == ["+1 208 555 0143"] and shown["tags"] == ["fintech"]
    ok(cli("tag", "Sam", "golf", "boise"))
    assert [p["name"] for p in json.loads(ok(cli("list", "--tag", "golf", "--json")))] == ["Sam Lee"]
    assert [p["name"] for p in json.loads(ok(cli("list", "--circle", "outer", "--json")))] == ["Sam Lee"]
    ok(cli("circle", "Sam", "inner"))
    ok(cli("circle", "Sam", "--cadence", "3w"))
    assert Person.objects.get(name="Sam Lee").rhythm_days == 21
    ok(cli("snooze", "Sam", "in two weeks"))
    ok(cli("archive", "Sam"))
    assert [p["name"] for p in json.loads(ok(cli("list", "--json")))] == ["Jane Doe"]
    ok(cli("archive", "Sam", "--restore"))
    page = ok(cli("show", "Jane"))
    assert "CEO at Acme" in page and "jane@example.com" in page


def test_due_and_overdue_filters(cli, set_now):
    ok(cli("add", "Jane Doe", "--circle", "inner"))
    assert json.loads(ok(cli("list", "--due", "--json"))) == []
    set_now("2026-12-08T09:00:00+00:00")  # 15 days later: due, not yet overdue
    assert [p["status"] for p in json.loads(ok(cli("list", "--due", "--json")))] == ["due"]
    assert json.loads(ok(cli("list", "--overdue", "--json"))) == []
    set_now("2026-12-20T09:00:00+00:00")
    assert [p["status"] for p in json.loads(ok(cli("list", "--overdue", "--json")))] == ["overdue"]


def test_notes_with_confidentiality(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("add", "Sam Lee"))
    ok(cli("note", "Jane", "Interviewing at Stripe", "--confidential", "--source", "Sam"))
    page = ok(cli("show", "Jane"))
    assert "[confidential] Interviewing at Stripe (from Sam Lee)" in page


def test_circles_and_config(cli):
    assert "inner" in ok(cli("circles"))
    ok(cli("circles", "set", "inner", "3w"))
    assert json.loads(ok(cli("circles", "--json")))[0] == {
        "name": "inner",
        "ideal_days": 21,
        "max_days": 32,
        "people": 0,
    }
    ok(cli("config", "set", "weekly-goal", "8"))
    assert json.loads(ok(cli("config", "show", "--json")))["weekly-goal"] == 8


def test_review_list_and_momentum(cli, set_now):
    ok(cli("add", "Jane Doe", "--circle", "inner"))
    ok(cli("log", "call", "Jane", "Catch-up", "--next", "none"))
    set_now("2027-01-10T09:00:00+00:00")
    assert "Jane Doe" in ok(cli("review", "--list"))
    queue = json.loads(ok(cli("review", "--json")))
    assert queue[0]["name"] == "Jane Doe" and queue[0]["state"]["status"] == "overdue"
    chart = ok(cli("momentum"))
    assert "Goal 5 a week" in chart and "│" in chart


def test_interactive_review_records_it_was_done(cli, monkeypatch, set_now):
    from goodwill.cli import review_cmds
    from goodwill.models import WeeklyReview

    ok(cli("add", "Jane Doe", "--circle", "inner"))
    ok(cli("add", "Sam Lee", "--circle", "inner"))
    set_now("2027-01-10T09:00:00+00:00")
    monkeypatch.setattr(review_cmds, "interactive", lambda: True)
    # Jane: add a next step; Sam: snooze.
    out = ok(cli("review", input="n\nsend her the report\nfriday\ns\nin a month\n"))
    assert "Review done: 2 people reviewed" in out
    assert NextStep.objects.get().text == "send her the report"
    assert Person.objects.get(name="Sam Lee").snoozed_until is not None
    assert WeeklyReview.objects.get().reviewed == 2


def test_interactive_log_asks_for_the_next_step(cli, monkeypatch):
    from goodwill.cli import log_cmds

    ok(cli("add", "Jane Doe"))
    monkeypatch.setattr(log_cmds, "interactive", lambda: True)
    ok(cli("log", "call", "Jane", "Chat", input="send the deck\nfriday\n"))
    step = NextStep.objects.get()
    assert step.text == "send the deck" and step.due_on.isoformat() == "2026-11-27"
    ok(cli("log", "call", "Jane", "Chat again", input="none\n"))
    assert NextStep.objects.count() == 1
