"""The demo network: realistic, reproducible, and everything the tour needs is in it."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime

import pytest

from goodwill.demo.generator import Scale, generate

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def network():
    return generate(300, seed=7, now=NOW)


def test_same_seed_same_network():
    a, b = generate(60, seed=3, now=NOW), generate(60, seed=3, now=NOW)
    assert [p.name for p in a.people] == [p.name for p in b.people]
    assert [(i.occurred_at, i.summary) for i in a.interactions] == [(i.occurred_at, i.summary) for i in b.interactions]
    assert [p.name for p in generate(60, seed=4, now=NOW).people] != [p.name for p in a.people]


def test_people_spread_across_circles_and_places(network):
    circles = Counter(p.circle for p in network.people)
    assert len(network.people) == 300
    assert 10 <= circles["inner"] <= 20 and 30 <= circles["close"] <= 60 and circles["network"] > circles["outer"] > 50
    assert len({p.name for p in network.people}) == 300
    located = [p.location for p in network.people if p.location]
    assert len(located) > 250 and sum("CO" in place for place in located) > 60  # many near the Denver home base


def test_two_years_of_history_all_in_the_past(network):
    times = [i.occurred_at for i in network.interactions]
    assert max(times) <= NOW and (NOW - min(times)).days >= 700
    assert len(network.interactions) > 1000


def test_replies_owed_steps_both_ways_and_confidences(network):
    owed = [i for i in network.interactions if i.awaiting_reply and i.replied_at is None]
    assert 5 <= len(owed) <= 8
    open_steps = [s for s in network.steps if s.status == "open"]
    balls = Counter(s.ball for s in open_steps)
    assert balls["mine"] and balls["theirs"]
    assert any(s.due_on and s.due_on < NOW.date() for s in open_steps if s.ball == "mine")  # overdue promises
    assert any(not s.due_firm for s in open_steps)  # "soon": a soft date
    assert any(s.sentence for s in open_steps)  # promises found in what was said
    confidential = [n for n in network.notes if n.confidentiality == "confidential"]
    assert len(confidential) >= 3 and any(n.source is not None for n in confidential)


def test_scales_to_an_exact_benchmark_size():
    big = generate(Scale(people=500, interactions=6000, open_steps=250), seed=7, now=NOW)
    assert len(big.interactions) == 6000
    assert sum(1 for s in big.steps if s.status == "open") == 250


def test_goodwill_demo_builds_its_own_database_and_shows_today(cli, monkeypatch):
    monkeypatch.setenv("GOODWILL_DEMO", "0")  # restored after the test: demo mode must not leak
    result = cli("demo", "--people", "120")
    assert result.exit_code == 0, result.output
    assert "Demo network ready: 125 people (5 of them entered twice: `goodwill dupes --demo`)" in result.output
    for heading in ("Replies I owe", "My next steps due", "Due for a touch", "Theirs to chase"):
        assert heading in result.output
    assert (
        result.output.index("Replies I owe")
        < result.output.index("My next steps due")
        < result.output.index("Due for a touch")
    )
    assert "Getting started" not in cli("today", "--demo").output  # the demo is a network in use

    near = json.loads(cli("near", "home", "--within", "100mi", "--json", "--demo").output)
    assert near["people"] and all(p["distance_km"] <= 161 for p in near["people"])
    promises = cli("promises", "--json", "--demo")
    assert promises.exit_code == 0, promises.output
    assert {p["ball"] for p in json.loads(promises.output)} >= {"mine", "theirs"}

    again = cli("demo", "--people", "120")  # rebuilt from scratch, never doubled
    assert "Demo network ready: 125 people" in again.output
    from goodwill.models import Person
    from goodwill.services.accounts import local_user

    assert Person.objects.filter(owner=local_user()).count() == 125  # 120 drawn, 5 planted copies


def test_serving_commands_work_on_the_demo(cli, monkeypatch):
    monkeypatch.setenv("GOODWILL_DEMO", "0")
    assert cli("demo", "--people", "150").exit_code == 0
    from goodwill.models import Exchange, Introduction, ProfileEntry, Share
    from goodwill.services.accounts import local_user

    owner = local_user()
    from goodwill import search

    assert search.ensure_current(owner) == 0  # everyone indexed at build, the planted copies too
    kinds = set(ProfileEntry.objects.filter(owner=owner).values_list("kind", flat=True))
    assert kinds == {"need", "interest", "offer"}
    assert Share.objects.filter(owner=owner).exists()
    assert len(set(Introduction.objects.filter(owner=owner).values_list("status", flat=True))) >= 6
    assert Exchange.objects.filter(owner=owner, kind="business", direction="received", source__isnull=False).exists()

    ranking = json.loads(cli("pass-on", "A playbook for hiring your first engineers", "--json", "--demo").output)
    assert ranking["people"] and all(p["reasons"] for p in ranking["people"])
    board = json.loads(cli("intro", "list", "--json", "--demo").output)
    assert {"asked_a", "introduced", "declined"} <= set(board)
    assert json.loads(cli("intro", "suggest", "--json", "--demo").output)
    sheet = json.loads(cli("ledger", "--json", "--demo").output)
    assert sheet["people"] and sheet["lead_sources"] and len(sheet["by_quarter"]) == 8
    needy = ProfileEntry.objects.filter(owner=owner, kind="need", person__archived_at__isnull=True).first().person
    ideas = json.loads(cli("ideas", f"#{needy.pk}", "--json", "--demo").output)
    assert ideas["ideas"]
    assert cli("profile", "show", f"#{needy.pk}", "--demo").exit_code == 0
    today = cli("today", "--demo").output
    assert "Introductions to follow up" in today
    assert "idea:" in cli("review", "--list", "--demo").output


def test_planted_duplicates_one_per_kind_of_evidence(network):
    from goodwill.demo.duplicates import KINDS, plan

    copies = plan(network.people, 7)
    assert [c.kind for c in copies] == list(KINDS) and len({c.original for c in copies}) == len(KINDS)
    assert copies == plan(network.people, 7)  # deterministic
    by_kind = {c.kind: c for c in copies}
    original = network.people[by_kind["email"].original]
    assert by_kind["email"].emails[0].lower() == original.emails[0] and by_kind["email"].name != original.name
    assert "+" not in by_kind["phone"].phones[0]  # the same number, written another way
    assert by_kind["linkedin"].urls[0].startswith("linkedin.com/in/")
    assert by_kind["linkedin"].original_urls[0].startswith("https://www.linkedin.com/in/")
    typo = by_kind["typo"]
    assert typo.organization == network.people[typo.original].organization and not (typo.emails or typo.phones)
    assert plan(network.people[:10], 7) == []  # a tiny demo has no room to hide anyone twice
    # The copies are drawn apart from the network: the people themselves are unchanged.
    assert [p.name for p in generate(300, seed=7, now=NOW).people] == [p.name for p in network.people]


def test_dupes_finds_the_planted_duplicates_and_merge_undo_works_on_the_demo(cli, monkeypatch):
    monkeypatch.setenv("GOODWILL_DEMO", "0")
    assert cli("demo", "--people", "120").exit_code == 0
    rows = json.loads(cli("dupes", "--json", "--demo").output)
    assert len(rows) == 5  # exactly the planted copies: nothing else in the demo looks alike
    kinds = [{e["kind"] for e in r["evidence"]} for r in rows]
    for evidence in ("email", "phone", "linkedin", "organization"):
        assert any(evidence in k for k in kinds), evidence
    assert any("similar name" in e["detail"] for r in rows for e in r["evidence"])
    text = cli("dupes", "--demo").output
    assert "5 likely pair(s)" in text and "same email:" in text and "same phone: +1" in text

    from goodwill.models import Interaction, Person
    from goodwill.services.accounts import local_user

    owner = local_user()
    pair = next(r for r in rows if any(e["kind"] == "email" for e in r["evidence"]))
    keep, other = pair["keep"]["id"], pair["other"]["id"]
    touches = Interaction.objects.filter(participants=keep).count()
    assert touches and Person.objects.get(pk=other).created_at > Person.objects.get(pk=keep).created_at
    merged = json.loads(cli("merge", f"#{keep}", f"#{other}", "--json", "--demo").output)
    assert merged["merged"]["id"] == other and not Person.objects.filter(pk=other).exists()
    assert len(json.loads(cli("dupes", "--json", "--demo").output)) == 4
    assert cli("merge", "undo", str(merged["merge_id"]), "--demo").exit_code == 0
    assert Person.objects.filter(owner=owner, pk=other).exists()
    assert Interaction.objects.filter(participants=keep).count() == touches
    assert len(json.loads(cli("dupes", "--json", "--demo").output)) == 5

    dismissed = cli("dupes", "dismiss", f"#{keep}", f"#{other}", "--demo")
    assert dismissed.exit_code == 0, dismissed.output
    assert len(json.loads(cli("dupes", "--json", "--demo").output)) == 4
