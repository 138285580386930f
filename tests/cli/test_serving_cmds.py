"""The serving commands end to end: pass-on, profile, intro, ledger, ideas; bad input exits 2 and writes nothing."""

import csv
import io
import json

import pytest

from goodwill.models import Exchange, Introduction, Item, ProfileEntry, Share


def add(cli, *args):
    result = cli(*args)
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def people(cli):
    add(cli, "add", "Nina Need", "--org", "Ledgerly")
    add(cli, "add", "Ivan Interest")
    add(cli, "add", "Olga Offer")
    add(cli, "profile", "add", "Nina Need", "need", "a custodian for crypto assets", "-c", "shareable")
    add(cli, "profile", "add", "Ivan Interest", "interest", "fintech regulation")
    add(cli, "profile", "add", "Olga Offer", "offer", "crypto custody operations", "-c", "shareable")


def counts():
    return (
        Item.objects.count(),
        Share.objects.count(),
        Exchange.objects.count(),
        Introduction.objects.count(),
        ProfileEntry.objects.count(),
    )


def test_pass_on_json_writes_nothing_then_pick_records_and_drafts(cli, people):
    before = counts()
    result = add(cli, "pass-on", "New SEC guidance on fintech custody", "--json")
    ranking = json.loads(result.output)
    assert {p["name"] for p in ranking["people"]} == {"Nina Need", "Ivan Interest", "Olga Offer"}
    assert all(p["reasons"] for p in ranking["people"])
    assert counts() == before
    result = add(cli, "pass-on", "New SEC guidance on fintech custody", "--url", "https://example.com/a", "--pick", "1")
    assert (
        "Recorded: passed on to" in result.output
        and "Draft:" in result.output
        and "https://example.com/a" in result.output
    )
    assert (Share.objects.count(), Exchange.objects.filter(kind="information").count()) == (1, 1)
    again = json.loads(add(cli, "pass-on", "Other words", "--url", "https://example.com/a", "--json").output)
    assert len(again["already_got_it"]) == 1


def test_profile_commands(cli, people):
    shown = json.loads(add(cli, "profile", "show", "Nina Need", "--json").output)
    need = shown["entries"][0]
    assert need["kind"] == "need" and need["since"] == "2026-11-23"
    add(cli, "profile", "set", "Nina Need", "--industry", "fintech", "--role", "COO")
    assert "fintech" in add(cli, "profile", "show", "Nina Need").output
    add(cli, "profile", "close", str(need["id"]))
    assert json.loads(add(cli, "profile", "show", "Nina Need", "--json").output)["entries"] == []
    add(cli, "note", "Ivan Interest", "He is looking for a fractional CFO. Expert in payments risk.")
    suggested = add(cli, "profile", "suggest", "Ivan Interest")
    assert "need: a fractional CFO" in suggested.output and "offer: payments risk" in suggested.output
    assert ProfileEntry.objects.filter(person__name="Ivan Interest").count() == 1  # never set silently
    add(cli, "profile", "suggest", "Ivan Interest", "--accept", "1")
    assert ProfileEntry.objects.filter(person__name="Ivan Interest", kind="need").exists()


def test_intro_flow_on_the_cli(cli, people):
    result = add(cli, "intro", "propose", "Nina Need", "Olga Offer", "--why", "Olga runs crypto custody")
    assert "Draft to Nina Need" in result.output and "Hi Nina" in result.output
    intro = Introduction.objects.get()
    assert "Draft to Olga Offer" in add(cli, "intro", "answer", str(intro.pk), "a", "yes").output
    assert "Draft to both" in add(cli, "intro", "answer", str(intro.pk), "b", "yes").output
    board = json.loads(add(cli, "intro", "list", "--json").output)
    assert list(board) == ["introduced"]
    add(cli, "intro", "outcome", str(intro.pk), "business", "--note", "signed")
    assert Introduction.objects.get().status == "business"
    assert "No pairs" in add(cli, "intro", "suggest").output  # the only pair was introduced


def test_intro_follow_up_shows_in_today(cli, people, set_now):
    add(cli, "intro", "propose", "Nina Need", "Olga Offer", "--why", "custody")
    assert "Introductions to follow up" not in add(cli, "today").output
    set_now("2026-11-27T09:00:00+00:00")
    today = add(cli, "today").output
    assert "Introductions to follow up" in today and "waiting for Nina Need's answer" in today
    assert json.loads(add(cli, "today", "--json").output)["intro_follow_ups"][0]["a"] == "Nina Need"


def test_ledger_commands(cli, people):
    add(
        cli,
        "ledger",
        "add",
        "Nina Need",
        "referral",
        "--received",
        "--amount",
        "5000",
        "--currency",
        "usd",
        "--status",
        "won",
    )
    add(
        cli,
        "ledger",
        "add",
        "Olga Offer",
        "business",
        "--received",
        "--amount",
        "900",
        "--currency",
        "EUR",
        "--source",
        "Ivan Interest",
    )
    add(cli, "ledger", "add", "Ivan Interest", "advice", "--on", "yesterday")
    sheet = json.loads(add(cli, "ledger", "--json").output)
    assert sheet["total_equity"] == 1 - 3 - 3
    assert {s["name"] for s in sheet["lead_sources"]} == {"Nina Need", "Ivan Interest"}
    text = add(cli, "ledger").output
    assert "Network equity: -5" in text and "People I owe" in text and "By quarter" in text
    rows = list(csv.DictReader(io.StringIO(add(cli, "ledger", "--csv").output)))
    assert {r["name"]: r["equity"] for r in rows}["Ivan Interest"] == "1"
    entries = json.loads(add(cli, "ledger", "entries", "--json").output)
    referral = next(e for e in entries if e["kind"] == "referral")
    add(cli, "ledger", "status", str(referral["id"]), "lost")
    assert Exchange.objects.get(pk=referral["id"]).status == "lost"


def test_kept_item_becomes_an_idea(cli, people):
    add(cli, "pass-on", "Crypto custody checklist", "--keep")
    assert Item.objects.count() == 1 and not Share.objects.exists()
    ideas = json.loads(add(cli, "ideas", "Nina Need", "--json").output)["ideas"]
    assert any(i["kind"] == "pass_on" and "Crypto custody checklist" in i["text"] for i in ideas)


def test_ideas_command(cli, people):
    add(cli, "next", "Nina Need", "send her the custody memo", "--due", "friday")
    result = add(cli, "ideas", "Nina Need")
    assert "Introduce them to Olga Offer" in result.output
    assert "Keep your promise: send her the custody memo" in result.output
    data = json.loads(add(cli, "ideas", "Nina Need", "--json").output)
    assert {i["kind"] for i in data["ideas"]} >= {"introduce", "promise"}
    intro = next(i for i in data["ideas"] if i["kind"] == "introduce")
    assert intro["action"]["kind"] == "propose-intro" and intro["action"]["other"]["name"] == "Olga Offer"


def test_an_idea_shows_the_command_that_does_it_and_it_runs(cli, people):
    import shlex

    output = add(cli, "ideas", "Nina Need").output
    (line,) = [line.strip() for line in output.splitlines() if line.strip().startswith("goodwill intro propose")]
    assert line == 'goodwill intro propose "Nina Need" "Olga Offer" --why "a custodian for crypto assets"'
    add(cli, *shlex.split(line)[1:])
    intro = Introduction.objects.get()
    assert (intro.person_a.name, intro.person_b.name, intro.why) == (
        "Nina Need",
        "Olga Offer",
        "a custodian for crypto assets",
    )


@pytest.mark.parametrize(
    "args,message",
    [
        (["pass-on", "  "], "nothing to pass on"),
        (["pass-on", "custody", "--to", "Nobody Here"], "no person called"),
        (["pass-on", "custody", "--pick", "9"], "not a rank"),
        (["intro", "propose", "Nina Need", "Nina Need", "--why", "x"], "themselves"),
        (["intro", "propose", "Nina Need", "Ghost", "--why", "x"], "no person called"),
        (["intro", "answer", "99", "a", "yes"], "no introduction with id 99"),
        (["ledger", "add", "Nina Need", "referral", "--amount", "10", "--currency", "ABC"], "ISO 4217"),
        (["ledger", "add", "Nina Need", "referral", "--amount", "-10", "--currency", "USD"], "negative"),
        (["ledger", "add", "Ghost", "advice"], "no person called"),
        (["ledger", "add", "Nina Need", "gift"], "kind of exchange"),
        (["profile", "add", "Nina Need", "wish", "x"], "interest, need or offer"),
        (["profile", "add", "Ghost", "need", "x"], "no person called"),
        (["ideas", "Ghost"], "no person called"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(cli, people, args, message):
    before = counts()
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert counts() == before


def test_archived_person_cannot_be_introduced(cli, people):
    add(cli, "archive", "Olga Offer")
    result = cli("intro", "propose", "Nina Need", "Olga Offer", "--why", "x")
    assert result.exit_code == 2 and "archived" in result.output
    assert not Introduction.objects.exists()
