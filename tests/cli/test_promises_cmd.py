import json

from goodwill.models import NextStep

ESSAY = "I'll call you with that information. I'll send you the article. We need to have lunch together soon."


def ok(result):
    assert result.exit_code == 0, result.output
    return result.output


def test_log_with_yes_records_found_promises(cli):
    ok(cli("add", "Jane Doe"))
    out = ok(cli("log", "call", "Jane", ESSAY, "--yes"))
    assert "Your promise" in out and "Joint promise" in out
    assert NextStep.objects.count() == 3


def test_log_without_yes_outside_a_terminal_logs_and_says_how_to_confirm(cli):
    from goodwill.models import Interaction

    ok(cli("add", "Jane Doe"))
    out = ok(cli("log", "call", "Jane", ESSAY))
    interaction = Interaction.objects.get()
    assert f"interaction {interaction.pk}." in out
    assert "Found 3 promises in the note, not recorded yet:" in out
    assert "1. I promised: call Jane Doe with that information" in out
    assert "(why: your side: 'I'll')" in " ".join(out.split())  # the words that made it one, and whose
    assert f"`goodwill promises confirm {interaction.pk}`" in out
    assert "--yes" not in out  # logging again would log the encounter twice
    assert NextStep.objects.count() == 0
    scripted = json.loads(ok(cli("log", "call", "Jane", ESSAY, "--json")))
    assert len(scripted["promises_found"]) == 3 and scripted["steps"] == []
    assert scripted["confirm"] == f"goodwill promises confirm {scripted['interaction_id']}"


def test_promises_confirm_records_them_once(cli):
    from goodwill.models import Interaction

    ok(cli("add", "Jane Doe"))
    ok(cli("log", "call", "Jane", ESSAY))
    pk = Interaction.objects.get().pk
    listed = ok(cli("promises", "confirm", str(pk), "--list"))
    assert listed.splitlines()[1].startswith("2. I promised: send")
    out = ok(cli("promises", "confirm", str(pk), "2"))
    assert "Your promise #" in out and "send" in out
    assert NextStep.objects.count() == 1
    out = ok(cli("promises", "confirm", str(pk)))
    assert "1 already recorded" in out
    assert NextStep.objects.count() == 3
    assert ok(cli("promises", "confirm", str(pk))).startswith("3 already recorded")
    assert NextStep.objects.count() == 3
    assert set(NextStep.objects.values_list("interaction_id", flat=True)) == {pk}
    assert Interaction.objects.count() == 1


def test_promises_confirm_bad_numbers_are_one_line(cli):
    from goodwill.models import Interaction

    ok(cli("add", "Jane Doe"))
    ok(cli("log", "call", "Jane", ESSAY))
    pk = Interaction.objects.get().pk
    for args, expected in ((["9"], "not one of 1 to 3"), (["x"], "not a valid integer")):
        result = cli("promises", "confirm", str(pk), *args)
        assert result.exit_code == 2 and expected in result.output and len(result.output.strip().splitlines()) == 1
    result = cli("promises", "confirm", "4242")
    assert result.exit_code == 2 and "no interaction with id 4242" in result.output
    assert NextStep.objects.count() == 0


def test_no_promises_flag(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("log", "call", "Jane", ESSAY, "--no-promises", "--next", "none"))
    assert NextStep.objects.count() == 0


def test_confirm_edit_or_skip_each_at_a_terminal(cli, monkeypatch):
    from goodwill.cli import log_cmds

    monkeypatch.setattr(log_cmds, "interactive", lambda: True)
    ok(cli("add", "Jane Doe"))
    ok(cli("log", "call", "Jane", ESSAY, input="y\ne\nemail her the HBR article\nfriday\ns\n"))
    steps = {s.text: s for s in NextStep.objects.all()}
    assert set(steps) == {"call Jane Doe with that information", "email her the HBR article"}
    assert steps["email her the HBR article"].due_on.isoformat() == "2026-11-27"


def test_promises_listing_and_lifecycle(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("log", "call", "Jane", "I'll send you the deck by Friday. She'll send me her CV tomorrow.", "--yes"))
    rows = json.loads(ok(cli("promises", "--json")))
    assert {(r["ball"], r["text"], r["due_on"]) for r in rows} == {
        ("mine", "send the deck", "2026-11-27"),
        ("theirs", "send her CV", "2026-11-24"),
    }
    mine = next(r for r in rows if r["ball"] == "mine")
    assert mine["source_sentence"] == "I'll send you the deck by Friday."
    ok(cli("renegotiate", str(mine["id"]), "--due", "next tuesday"))
    listing = ok(cli("promises", "--mine"))
    assert "renegotiated ×1" in listing and "send her CV" not in listing
    ok(cli("kept", str(mine["id"])))
    assert [r["ball"] for r in json.loads(ok(cli("promises", "--json")))] == ["theirs"]
    stats = json.loads(ok(cli("promises", "--stats", "--json")))
    assert stats["overall"]["due"] == 0  # nothing of mine has come due yet


def test_promises_find_writes_nothing(cli):
    out = ok(cli("promises", "find", "I'll send you the article by Friday. I sent the deck."))
    assert "send the article" in out and "Fri 27 Nov 2026" in out and "deck" not in out
    assert "why: your side: 'I'll'" in " ".join(out.split())
    data = json.loads(
        ok(
            cli("promises", "find", "-", "--lines", "--json"),
        )
        if False
        else cli(
            "promises", "find", "-", "--lines", "--json", input="I'll call you tomorrow\nI won't be able to make it\n"
        ).output
    )
    assert [len(note["promises"]) for note in data] == [1, 0]
    assert NextStep.objects.count() == 0


def test_kept_unknown_id_is_exit_2(cli):
    result = cli("kept", "777")
    assert result.exit_code == 2 and "no next step with id 777" in result.output


def test_promises_find_refuses_binary_data_with_a_clear_message(cli):
    result = cli("promises", "find", "-", input="\x00\x01binary\x00I'll send it\x00")
    assert result.exit_code == 2 and "binary data" in result.output
    assert "Traceback" not in result.output


def test_promises_find_says_when_a_huge_note_was_cut(cli):
    from goodwill.habits.promises.segment import MAX_TEXT

    note = "I'll send you the article by Friday.\n" + "Notes about nothing in particular.\n" * (MAX_TEXT // 30)
    out = ok(cli("promises", "find", "-", "--on", "2026-11-23", input=note))
    assert "send the article" in out and f"first {MAX_TEXT:,} characters" in out


# The essays' own promise sentences ("Networking for success"), logged as a user would.
ESSAY_SENTENCES = [
    # sentence, ball, action, (due, firm): no timing or "soon" gets a soft date
    ("I'll call you with that information.", "mine", "call Jane Doe with that information"),
    ("I'll send you the article.", "mine", "send the article"),
    ("We need to have lunch together soon.", "both", "have lunch together"),
]


def test_logging_the_essays_sentences_creates_the_right_promises(cli, me):
    from datetime import date, timedelta

    from goodwill.models import Person
    from goodwill.services.promises import vague_days_for

    ok(cli("add", "Jane Doe"))
    jane = Person.objects.get(name="Jane Doe")
    soft_day = date(2026, 11, 23) + timedelta(days=vague_days_for([jane]))  # half her rhythm, 3-30 days
    for sentence, _ball, _action in ESSAY_SENTENCES:
        ok(cli("log", "call", "Jane", sentence, "--yes"))
    steps = list(NextStep.objects.order_by("id"))
    assert [(s.ball, s.text, s.due_on, s.due_firm, s.source_sentence) for s in steps] == [
        (ball, action, soft_day, False, sentence) for sentence, ball, action in ESSAY_SENTENCES
    ]
    assert all(s.person == jane and s.owner == me and s.interaction is not None for s in steps)
    assert len({s.interaction_id for s in steps}) == 3  # each links to its own logged call
    listing = ok(cli("promises"))
    assert "I owe: send the article" in listing and "we agreed: have lunch together" in listing
    assert "(soft)" in listing


def test_the_essays_sentences_with_stated_times_get_firm_dates(cli):
    ok(cli("add", "Jane Doe"))
    ok(cli("log", "call", "Jane", "I'll send you the article by Friday. Let's have lunch next Tuesday.", "--yes"))
    rows = json.loads(ok(cli("promises", "--json")))
    assert {(r["ball"], r["text"], r["due_on"], r["firm"]) for r in rows} == {
        ("mine", "send the article", "2026-11-27", True),
        ("both", "have lunch", "2026-12-01", True),
    }


def test_review_log_a_touch_runs_the_promise_finder(cli, monkeypatch, set_now):
    from goodwill.cli import log_cmds, review_cmds
    from goodwill.models import Interaction

    ok(cli("add", "Jane Doe", "--circle", "inner"))
    set_now("2027-01-10T09:00:00+00:00")
    monkeypatch.setattr(review_cmds, "interactive", lambda: True)
    monkeypatch.setattr(log_cmds, "interactive", lambda: True)
    # log a touch: a coffee; the one promise found is kept (y), so no next-step prompt; then quit.
    out = ok(cli("review", input="l\ncoffee\nCoffee. I'll send her the deck by Friday.\ny\n"))
    assert "Promise found (I promised): send the deck" in out
    logged = Interaction.objects.get()
    assert (logged.kind, logged.kind_label) == ("meeting", "coffee")
    step = NextStep.objects.get()
    assert step.interaction == logged and step.source_sentence == "I'll send her the deck by Friday."
    assert f"Logged: interaction {logged.pk}." in out and f"Your promise #{step.pk}: send the deck" in out
