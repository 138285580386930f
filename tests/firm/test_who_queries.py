"""Who knows whom (queries.firm_who): ties across colleagues' networks, each showing only what
its owner's sharing allows; confidential encounters never reach a colleague."""

from __future__ import annotations

from datetime import timedelta

import pytest

from goodwill.models import ShareLevel, SharingRule

SECRET = "She is leaving Acme in March"


def _share(owner, person, level):
    SharingRule.objects.update_or_create(owner=owner, person=person, defaults={"level": level})


def _only(humans):
    assert len(humans) == 1, humans
    return humans[0]


def _tie(human, login):
    found = [t for t in human.ties if t.colleague == login]
    return found[0] if found else None


def test_alice_sees_pats_tie_at_pats_level(firm):
    from goodwill.queries.firm_who import who_knows

    alice = firm["users"]["owner"]
    priya = _only(who_knows(alice, "Priya Patel"))
    assert priya.name == "Priya Patel" and priya.organization == "Acme Inc."  # from alice's own record
    assert priya.my_person_id == firm["priya"].pk
    mine, pats = _tie(priya, "alice"), _tie(priya, "pat")
    assert mine.mine and mine.level == "mine" and mine.person_id == firm["priya"].pk
    assert pats.level == ShareLevel.KNOWS and pats.person_id == firm["pats_priya"].pk
    assert pats.score >= 1 and "1 call" in pats.explain
    assert pats.last_met is None and pats.summaries == [] and "last met" not in pats.explain
    # ranked by the shared strength: alice's meetings outweigh pat's one old call
    assert [t.colleague for t in priya.ties] == ["alice", "pat"]


def test_a_tie_shared_at_nothing_disappears(firm):
    from goodwill.queries.firm_who import who_knows

    alice, pat = firm["users"]["owner"], firm["users"]["partner"]
    _share(pat, firm["pats_priya"], ShareLevel.NOTHING)
    priya = _only(who_knows(alice, "Priya Patel"))
    assert [t.colleague for t in priya.ties] == ["alice"]
    # and for bob, who knows her from nobody else, she is unknown
    assert who_knows(firm["users"]["teammate"], "Priya Patel") != []  # alice's tie at knows
    _share(alice, firm["priya"], ShareLevel.NOTHING)
    assert who_knows(firm["users"]["teammate"], "Priya Patel") == []


def test_a_default_rule_of_nothing_hides_everyone(firm):
    from goodwill.queries.firm_who import who_knows

    SharingRule.objects.create(owner=firm["users"]["partner"], level=ShareLevel.NOTHING)
    assert [t.colleague for t in _only(who_knows(firm["users"]["owner"], "priya patel")).ties] == ["alice"]


def test_last_met_level_adds_the_day_but_no_summaries(firm, now):
    from goodwill.queries.firm_who import who_knows

    _share(firm["users"]["owner"], firm["priya"], ShareLevel.LAST_MET)
    alices = _tie(_only(who_knows(firm["users"]["partner"], "Priya Patel")), "alice")
    # the confidential meeting a week ago is not the last meeting colleagues see
    assert alices.last_met == (now - timedelta(weeks=3)).date()
    assert "last met 3 weeks ago" in alices.explain
    assert alices.summaries == []


def test_summaries_never_include_a_confidential_encounter(firm):
    from goodwill.queries.firm_who import who_knows

    _share(firm["users"]["owner"], firm["priya"], ShareLevel.SUMMARIES)
    for viewer in ("partner", "teammate", "admin", "outsider"):
        priya = _only(who_knows(firm["users"][viewer], "Priya Patel"))
        alices = _tie(priya, "alice")
        assert alices.level == ShareLevel.SUMMARIES
        assert [s.summary for s in alices.summaries] == ["Lunch about Acme's audit"] * 3
        assert SECRET not in repr(priya)
        # the shared count leaves the confidential meeting out: 3 meetings, not 4
        assert [(p.kind, p.count) for p in alices.parts] == [("meeting", 3)]
        assert "3 meetings" in alices.explain


def test_the_owner_sees_their_own_full_score(firm):
    from goodwill.queries.firm_who import who_knows

    mine = _tie(_only(who_knows(firm["users"]["owner"], "Priya Patel")), "alice")
    assert [(p.kind, p.count) for p in mine.parts] == [("meeting", 4)]


def test_email_search_finds_the_human_under_another_spelling(firm):
    from goodwill.queries.firm_who import who_knows
    from goodwill.services.people import PersonFields, add_person

    bob = firm["users"]["teammate"]
    add_person(bob, PersonFields(name="P. Patel", organization="Acme", emails=["PRIYA@acme.test"]))
    priya = _only(who_knows(firm["users"]["outsider"], "priya@ACME.test"))
    assert {t.colleague for t in priya.ties} == {"alice", "bob", "pat"}
    # a name search reaches bob's record too, through the email the others have
    assert {t.colleague for t in _only(who_knows(firm["users"]["outsider"], "Priya Patel")).ties} == {
        "alice",
        "bob",
        "pat",
    }


def test_departed_colleagues_are_left_out(firm, now):
    from goodwill.models import Member
    from goodwill.queries.firm_who import who_knows

    Member.objects.filter(user=firm["users"]["partner"]).update(departed_at=now)
    assert [t.colleague for t in _only(who_knows(firm["users"]["teammate"], "Priya Patel")).ties] == ["alice"]


def test_a_departed_viewer_finds_nobody(firm, now):
    from goodwill.errors import NotFound
    from goodwill.models import Member
    from goodwill.queries.firm_who import who_knows

    Member.objects.filter(user=firm["users"]["partner"]).update(departed_at=now)
    with pytest.raises(NotFound):
        who_knows(firm["users"]["partner"], "Priya Patel")


def test_two_humans_with_one_name_stay_apart(firm):
    from goodwill.queries.firm_who import who_knows
    from goodwill.services.people import PersonFields, add_person

    add_person(firm["users"]["teammate"], PersonFields(name="Priya Patel", organization="Initech"))
    humans = who_knows(firm["users"]["outsider"], "Priya Patel")
    assert sorted(h.organization for h in humans) == ["Acme Inc.", "Initech"]
    acme = next(h for h in humans if h.organization == "Acme Inc.")
    # without a record of her own, the outsider sees the name and place of the strongest tie
    assert acme.my_person_id is None and acme.ties[0].colleague == "alice"


def test_nobody_and_bad_input(firm):
    from goodwill.errors import InvalidInput
    from goodwill.queries.firm_who import who_knows, who_knows_org

    assert who_knows(firm["users"]["owner"], "Nobody Known") == []
    with pytest.raises(InvalidInput, match="name or an email"):
        who_knows(firm["users"]["owner"], "   ")
    with pytest.raises(InvalidInput, match="organization"):
        who_knows_org(firm["users"]["owner"], "")


def test_org_search_finds_both_and_ranks_paths_by_strength(firm):
    from goodwill.queries.firm_who import who_knows_org

    answer = who_knows_org(firm["users"]["outsider"], "ACME")
    assert answer.key == "acme"
    assert [g.colleague for g in answer.colleagues] == ["alice", "pat"]
    assert [p.colleague for p in answer.paths] == ["alice", "pat"]
    best = answer.paths[0]
    assert best.person_id == firm["priya"].pk and best.name == "Priya Patel"
    assert best.text == f"Ask alice: knows Priya Patel (strength {best.score})"
    assert answer.paths[0].score > answer.paths[1].score


def test_org_search_puts_the_viewers_own_ties_first_and_not_in_paths(firm):
    from goodwill.queries.firm_who import who_knows_org

    answer = who_knows_org(firm["users"]["partner"], "Acme, Inc.")
    assert [(g.colleague, g.mine) for g in answer.colleagues] == [("pat", True), ("alice", False)]
    assert [p.colleague for p in answer.paths] == ["alice"]
    assert SECRET not in repr(answer)


def test_org_search_suggests_names_when_nothing_matches(firm):
    from goodwill.queries.firm_who import who_knows_org
    from goodwill.services.people import PersonFields, add_person

    add_person(firm["users"]["teammate"], PersonFields(name="Kim Lee", organization="Umbrella Holdings"))
    answer = who_knows_org(firm["users"]["owner"], "umbrella")
    assert answer.colleagues == [] and answer.paths == []
    assert answer.did_you_mean == ["Umbrella Holdings"]
    assert who_knows_org(firm["users"]["owner"], "Nowhere Ltd").did_you_mean == []


def test_ties_of_my_person(firm):
    from goodwill.errors import NotFound
    from goodwill.queries.firm_who import ties_of

    alice, pat = firm["users"]["owner"], firm["users"]["partner"]
    ties = ties_of(alice, firm["priya"])
    assert [(t.colleague, t.person_id) for t in ties] == [("pat", firm["pats_priya"].pk)]
    assert SECRET not in repr(ties_of(pat, firm["pats_priya"]))
    with pytest.raises(NotFound):
        ties_of(pat, firm["priya"])
    _share(pat, firm["pats_priya"], ShareLevel.NOTHING)
    assert ties_of(alice, firm["priya"]) == []


def test_summaries_are_each_ties_own_five_latest(firm, now):
    """Read for every tie at once, each tie still shows its own person's five latest encounters,
    newest first, never another colleague's."""
    from goodwill.queries.firm_who import who_knows
    from goodwill.services.interactions import LogRequest, log_interaction

    owner, partner = firm["users"]["owner"], firm["users"]["partner"]
    for day in range(1, 8):
        log_interaction(
            owner,
            LogRequest(kind="call", people=[firm["priya"]], summary=f"Call {day}", when=now - timedelta(days=day)),
        )
    _share(owner, firm["priya"], ShareLevel.SUMMARIES)
    _share(partner, firm["pats_priya"], ShareLevel.SUMMARIES)
    priya = _only(who_knows(firm["users"]["teammate"], "Priya Patel"))
    assert [s.summary for s in _tie(priya, "alice").summaries] == [f"Call {day}" for day in range(1, 6)]
    assert [s.summary for s in _tie(priya, "pat").summaries] == ["Met at a conference"]


def _at_acme(owner, *names):
    from goodwill.services.people import PersonFields, add_person

    return [add_person(owner, PersonFields(name=name, organization="Acme Inc.")) for name in names]


def test_a_large_organization_shows_each_colleagues_strongest_and_counts_the_rest(firm, monkeypatch):
    from goodwill.queries import firm_who

    monkeypatch.setattr(firm_who, "TIES_SHOWN", 1)
    monkeypatch.setattr(firm_who, "COLLEAGUES_SHOWN", 1)
    alice, bob = firm["users"]["owner"], firm["users"]["teammate"]
    hidden = _at_acme(alice, "Quinn Hidden")[0]
    _share(alice, hidden, ShareLevel.NOTHING)
    _at_acme(alice, "Ravi Shah", "Sara Lind")
    _at_acme(bob, "Tom Ng")
    answer = firm_who.who_knows_org(firm["users"]["outsider"], "acme")
    # alice holds the strongest tie (Priya): shown with her one strongest, her other two counted;
    # the hidden record is neither shown nor counted.
    assert [(g.colleague, [t.name for t in g.ties], g.more) for g in answer.colleagues] == [
        ("alice", ["Priya Patel"], 2)
    ]
    assert sorted((a.colleague, a.ties) for a in answer.also) == [("bob", 1), ("pat", 1)]
    assert [p.colleague for p in answer.paths] == ["alice"]
    # The viewer's own people are shown whatever the bound (pat's own record of Priya).
    assert [g.colleague for g in firm_who.who_knows_org(firm["users"]["partner"], "acme").colleagues] == [
        "pat",
        "alice",
    ]


def test_one_colleagues_people_at_an_organization_all_of_them(firm, monkeypatch):
    from goodwill.errors import NotFound
    from goodwill.queries import firm_who

    monkeypatch.setattr(firm_who, "TIES_SHOWN", 1)
    alice = firm["users"]["owner"]
    _share(alice, _at_acme(alice, "Quinn Hidden")[0], ShareLevel.NOTHING)
    _at_acme(alice, "Ravi Shah", "Sara Lind")
    answer = firm_who.who_knows_org(firm["users"]["outsider"], "acme", colleague="alice")
    assert answer.colleague == "alice" and answer.also == []
    [group] = answer.colleagues
    assert group.more == 0 and group.ties[0].name == "Priya Patel"
    assert sorted(t.name for t in group.ties) == ["Priya Patel", "Ravi Shah", "Sara Lind"]
    # Her own view of her people shows the one she keeps from the firm too.
    mine = firm_who.who_knows_org(alice, "acme", colleague="alice").colleagues[0]
    assert "Quinn Hidden" in [t.name for t in mine.ties] and mine.mine
    with pytest.raises(NotFound, match="no colleague with the login 'nobody'"):
        firm_who.who_knows_org(alice, "acme", colleague="nobody")
