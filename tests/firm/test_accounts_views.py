"""Key relationships: marking accounts, and what a partner sees of the firm's ties there."""

from __future__ import annotations

from datetime import timedelta

import pytest

from goodwill.errors import InvalidInput, NotFound


def _warm_up(owner, person, now, meetings=5):
    """Enough recent meetings to make a tie warm (shared score >= WARM)."""
    from goodwill.services.interactions import LogRequest, log_interaction

    for days in range(meetings):
        log_interaction(
            owner, LogRequest(kind="meeting", people=[person], summary="Catch-up", when=now - timedelta(days=5 + days))
        )


def _acme(firm):
    from goodwill.models import KeyAccount

    return KeyAccount.objects.get(pk=firm["ids"]["acme_account"])


def test_partner_sees_who_knows_whom_at_acme(firm, now):
    from goodwill.queries.firm_accounts import account

    view = account(firm["users"]["partner"], _acme(firm).pk, now.date())
    assert [(t.colleague, t.person) for t in view.ties] == [("alice", "Priya Patel"), ("pat", "Priya Patel")]
    assert view.strongest.colleague == "alice"
    assert view.colleagues == 2
    # Alice shares "that I know her and how well": the score's parts, not when they last met.
    alices = view.ties[0]
    assert alices.level == "knows" and alices.last_met is None and "last met" not in alices.why
    # Her confidential meeting does not count: three meetings, not four.
    assert alices.why == "3 meetings"


def test_the_admin_sees_the_accounts_too_and_members_get_not_found(firm, now):
    from goodwill.queries.firm_accounts import account, overview

    assert [v.name for v in overview(firm["users"]["admin"], now.date())] == ["Acme"]
    for role in ("owner", "teammate", "outsider"):
        with pytest.raises(NotFound):
            overview(firm["users"][role], now.date())
        with pytest.raises(NotFound):
            account(firm["users"][role], _acme(firm).pk, now.date())


def test_a_tie_shared_at_nothing_is_invisible_to_partners(firm, now):
    from goodwill.models import SharingRule
    from goodwill.queries.firm_accounts import account

    SharingRule.objects.create(owner=firm["users"]["owner"], person=firm["priya"], level="nothing")
    for viewer in ("partner", "admin"):
        view = account(firm["users"][viewer], _acme(firm).pk, now.date())
        assert [t.colleague for t in view.ties] == ["pat"]


def test_last_met_shows_when_the_level_allows_it(firm, now):
    from goodwill.models import SharingRule
    from goodwill.queries.firm_accounts import account

    SharingRule.objects.create(owner=firm["users"]["owner"], person=firm["priya"], level="last_met")
    alices = account(firm["users"]["partner"], _acme(firm).pk, now.date()).ties[0]
    # The last non-confidential meeting (3 weeks ago), never the confidential one last week.
    assert alices.last_met == (now - timedelta(weeks=3)).date()
    assert "last met 3 weeks ago" in alices.why


def test_single_threaded_when_only_one_colleague_holds_a_warm_tie(firm, now):
    from goodwill.queries.firm_accounts import WARM, account

    view = account(firm["users"]["partner"], _acme(firm).pk, now.date())
    assert not view.single_threaded and view.warm_colleagues == 0
    _warm_up(firm["users"]["owner"], firm["priya"], now)
    view = account(firm["users"]["partner"], _acme(firm).pk, now.date())
    assert view.ties[0].score >= WARM and view.ties[0].warm
    assert view.single_threaded
    _warm_up(firm["users"]["partner"], firm["pats_priya"], now, meetings=6)
    view = account(firm["users"]["partner"], _acme(firm).pk, now.date())
    assert view.warm_colleagues == 2 and not view.single_threaded


def test_going_cold_when_strength_falls_or_a_touch_is_overdue(firm, now, set_now):
    from goodwill.queries.firm_accounts import account

    view = account(firm["users"]["partner"], _acme(firm).pk, now.date())
    pats = next(t for t in view.ties if t.colleague == "pat")
    # Pat's one call was 60 weeks ago: past Priya's rhythm in his network.
    assert pats.overdue and pats.cold
    assert view.cold == 1
    # Half a year on with no encounter, alice's tie is weaker than a quarter before: falling.
    later = now.date() + timedelta(days=200)
    alices = next(t for t in account(firm["users"]["partner"], _acme(firm).pk, later).ties if t.colleague == "alice")
    assert alices.falling and alices.cold


def test_departed_colleagues_ties_are_not_the_firms(firm, now):
    from goodwill.queries.firm_accounts import account
    from goodwill.services.firm_departures import depart

    depart(firm["users"]["admin"], firm["users"]["owner"])
    view = account(firm["users"]["partner"], _acme(firm).pk, now.date())
    assert [t.colleague for t in view.ties] == ["pat"]


def test_mark_edit_and_unmark(firm, now):
    from goodwill.models import KeyAccount
    from goodwill.queries.firm_accounts import overview
    from goodwill.services.firm_accounts import edit, mark, unmark

    pat = firm["users"]["partner"]
    globex = mark(pat, "Globex Corp.", "target", "Win their audit")
    assert (globex.key, globex.kind, globex.marked_by) == ("globex", "target", pat)
    views = {v.name: v for v in overview(pat, now.date())}
    assert views["Globex Corp."].strongest.colleague == "bob"
    edit(pat, globex.pk, kind="client", note="Won")
    globex.refresh_from_db()
    assert (globex.kind, globex.note) == ("client", "Won")
    unmark(pat, globex.pk)
    assert not KeyAccount.objects.filter(pk=globex.pk).exists()


def test_marking_the_same_organization_twice_names_the_existing_account(firm):
    from goodwill.services.firm_accounts import mark

    with pytest.raises(InvalidInput, match=r"already a key account: #\d+ Acme"):
        mark(firm["users"]["partner"], "ACME, Inc.")


@pytest.mark.parametrize(
    ("name", "kind", "message"),
    [
        ("", "client", "no organization named"),
        ("Initech", "friend", '"friend" is not a kind'),
        ("x" * 201, "client", "keep it to 200"),
    ],
)
def test_bad_marks_are_one_line_errors(firm, name, kind, message):
    from goodwill.services.firm_accounts import mark

    with pytest.raises(InvalidInput, match=message):
        mark(firm["users"]["partner"], name, kind)


def test_members_cannot_mark_or_unmark(firm):
    from goodwill.services.firm_accounts import mark, unmark

    with pytest.raises(NotFound):
        mark(firm["users"]["owner"], "Initech")
    with pytest.raises(NotFound):
        unmark(firm["users"]["teammate"], firm["ids"]["acme_account"])


def test_an_account_page_scores_every_tie_in_one_call(firm, now, monkeypatch):
    """Batched for firm scale: one strength_trends call for every tie on the page."""
    from goodwill.queries.firm_accounts import account
    from goodwill.services.people import PersonFields, add_person

    for i in range(6):
        add_person(firm["users"]["teammate"], PersonFields(name=f"Person {i}", organization="Acme"))
    from goodwill.queries import firm_strength

    calls = []
    original = firm_strength.strength_trends

    def counting(ids, today):
        calls.append(list(ids))
        return original(ids, today)

    monkeypatch.setattr(firm_strength, "strength_trends", counting)
    view = account(firm["users"]["partner"], firm["ids"]["acme_account"], now.date())
    assert len(view.ties) == 8
    assert len(calls) == 1 and len(calls[0]) == 8
