"""The firm's momentum: only sharers appear, weekly counts per professional, dips flagged,
per team and together; partners only at every door."""

from __future__ import annotations

import json
from datetime import datetime, time, timedelta

import pytest

from tests.firm.conftest import api_client, make_user, web_client

# The clock is Monday 23 Nov 2026: the quarter's 13 weeks start on Monday 31 Aug 2026.
FIRST_MONDAY = datetime(2026, 8, 31).date()


def _share(*users, on=True):
    from goodwill.models import Member

    Member.objects.filter(user__in=users).update(share_momentum=on)


def _touch(user, person, week: int, count: int = 1, **extra):
    """`count` outbound calls at 8 on the Monday of the quarter's `week` (0 = the first; 12 = this week)."""
    from goodwill import clock
    from goodwill.services.interactions import LogRequest, log_interaction

    day = FIRST_MONDAY + timedelta(weeks=week)
    when = datetime.combine(day, time(8), tzinfo=clock.local_zone())
    for _ in range(count):
        log_interaction(user, LogRequest(kind="call", people=[person], summary="Catching up", when=when, **extra))


@pytest.fixture
def dana(firm):
    """A sharer in Advisory with a known quarter: 4 calls a week for 11 weeks, then none (a dip), 2 this week."""
    from goodwill.services.accounts import settings_for_update
    from goodwill.services.people import PersonFields, add_person

    user = make_user("dana", teams=("Advisory",))
    prefs = settings_for_update(user)
    prefs.weekly_goal = 3
    prefs.save()
    kim = add_person(user, PersonFields(name="Kim Lee"))
    for week in range(11):
        _touch(user, kim, week, 4)
    _touch(user, kim, 12, 2)
    _touch(user, kim, 3, 1, direction="inbound")  # inbound: not a touch of hers
    _share(user)
    return user


def test_only_sharers_appear_and_the_others_are_only_counted(firm, dana, now):
    from goodwill.queries.firm_momentum import firm_momentum, not_sharing_text

    result = firm_momentum(firm["users"]["partner"], now.date())
    assert [p.professional.login for p in result.professionals] == ["dana"]
    assert result.in_scope == 6 and result.not_sharing == 5
    assert not_sharing_text(result) == "5 of 6 don't share their momentum"


def test_counts_per_week_and_the_dip(firm, dana, now):
    from goodwill.queries.firm_momentum import firm_momentum

    (line,) = firm_momentum(firm["users"]["admin"], now.date()).professionals
    m = line.momentum
    assert [w.count for w in m.weeks] == [4] * 11 + [0, 2]
    assert m.weeks[0].start == FIRST_MONDAY and len(m.weeks) == 13
    assert m.goal == 3 and m.this_week == 2
    assert [w.dip for w in m.weeks] == [False] * 11 + [True, False]
    assert m.dipping_now


def test_the_same_numbers_as_the_personal_momentum(firm, now):
    """One rule: a sharer's line is their own momentum page's, confidential touches counted as a number."""
    from goodwill.queries.firm_momentum import firm_momentum
    from goodwill.queries.momentum import touch_momentum

    alice = firm["users"]["owner"]
    _share(alice)
    (line,) = firm_momentum(firm["users"]["partner"], now.date()).professionals
    assert line.momentum == touch_momentum(alice, now.date(), 13)
    assert sum(w.count for w in line.momentum.weeks) == 3  # 1, 3 and 10 weeks ago; the 1-week one is confidential


def test_teams_total_and_filter(firm, dana, now):
    from goodwill.queries.firm_momentum import firm_momentum

    alice, pat = firm["users"]["owner"], firm["users"]["partner"]
    _share(alice, pat)
    result = firm_momentum(pat, now.date())
    assert {p.professional.login for p in result.professionals} == {"alice", "dana", "pat"}
    teams = {t.team.name: t for t in result.teams}
    advisory, tax = teams["Advisory"], teams["Tax"]
    assert (advisory.sharing, advisory.members) == (2, 3)  # alice and dana share, bob doesn't
    assert (tax.sharing, tax.members) == (1, 2)  # pat shares, charlie doesn't
    assert advisory.momentum.goal == 5 + 3  # the sum of alice's (default) and dana's goals
    lines = {p.professional.login: p.momentum for p in result.professionals}
    for index, week in enumerate(advisory.momentum.weeks):
        assert week.count == lines["alice"].weeks[index].count + lines["dana"].weeks[index].count
    assert result.total.weeks[-1].count == sum(m.weeks[-1].count for m in lines.values())

    only = firm_momentum(pat, now.date(), team="advisory")
    assert only.team.name == "Advisory" and [t.team.name for t in only.teams] == ["Advisory"]
    assert {p.professional.login for p in only.professionals} == {"alice", "dana"}
    assert (only.in_scope, only.not_sharing) == (3, 1)


def test_departed_are_not_in_the_firm(firm, dana, now):
    from goodwill import clock
    from goodwill.models import Member
    from goodwill.queries.firm_momentum import firm_momentum

    Member.objects.filter(user=dana).update(departed_at=clock.now())
    result = firm_momentum(firm["users"]["partner"], now.date())
    assert result.professionals == [] and result.total is None and result.in_scope == 5


def test_an_unknown_team_is_a_one_line_mistake(firm, now):
    from goodwill.errors import InvalidInput
    from goodwill.queries.firm_momentum import firm_momentum

    with pytest.raises(InvalidInput, match='no team "Nope" in the firm; the teams are: Advisory, .*Tax'):
        firm_momentum(firm["users"]["partner"], now.date(), team="Nope")


@pytest.mark.parametrize("role", ["owner", "teammate", "outsider"])
def test_members_get_not_found(firm, now, role):
    from goodwill.errors import NotFound
    from goodwill.queries.firm_momentum import firm_momentum

    with pytest.raises(NotFound):
        firm_momentum(firm["users"][role], now.date())


def test_web_page(firm, dana, now):
    alice = firm["users"]["owner"]
    _share(alice)
    response = web_client(firm["users"]["partner"]).get("/firm/momentum/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "4 of 6 don&#x27;t share their momentum" in page
    assert 'data-login="dana"' in page and 'data-login="alice"' in page and 'data-login="bob"' not in page
    assert "dip-mark" in page and 'id="dipping"' in page
    assert "She is leaving Acme" not in page  # a confidential touch is a number, never its content
    assert "goodwill " not in page.replace("goodwill.css", "")
    filtered = web_client(firm["users"]["partner"]).get("/firm/momentum/", {"team": firm["ids"]["tax_team"]})
    assert 'data-login="dana"' not in filtered.content.decode()
    wrong = web_client(firm["users"]["partner"]).get("/firm/momentum/", {"team": "999999"})
    assert wrong.status_code == 400 and "no team" in wrong.content.decode()


def test_api(firm, dana, now):
    partner = api_client(firm["users"]["partner"])
    response = partner.get("/firm/momentum")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["sharing_text"] == "5 of 6 don't share their momentum"
    (line,) = body["professionals"]
    assert line["professional"]["login"] == "dana"
    assert [w["count"] for w in line["momentum"]["weeks"]] == [4] * 11 + [0, 2]
    assert line["momentum"]["dipping_now"] is True
    advisory = partner.get("/firm/momentum", {"team": "Advisory"}).json()
    assert [t["team"]["name"] for t in advisory["teams"]] == ["Advisory"]
    wrong = partner.get("/firm/momentum", {"team": "Nope"})
    assert wrong.status_code == 400 and "no team" in wrong.json()["detail"]
    assert api_client(firm["users"]["owner"]).get("/firm/momentum").status_code == 404


def test_cli(firm, dana, cli):
    result = cli("firm", "momentum", "--as", "pat")
    assert result.exit_code == 0, result.output
    # The CLI's own local user (no password) is no professional of the firm: 5 of 6, as on the web.
    assert "5 of 6 don't share their momentum" in result.output
    assert "Dana" in result.output or "dana" in result.output
    assert "▼ dip" in result.output
    data = json.loads(cli("firm", "momentum", "--as", "pat", "--team", "Advisory", "--json").output)
    assert [p["professional"]["login"] for p in data["professionals"]] == ["dana"]
    assert data["team"]["name"] == "Advisory"


def test_cli_members_and_bad_teams_get_one_line_errors(firm, cli):
    denied = cli("firm", "momentum", "--as", "alice")
    assert denied.exit_code == 2 and "partners" in denied.output and "Traceback" not in denied.output
    wrong = cli("firm", "momentum", "--as", "pat", "--team", "Nope")
    assert wrong.exit_code == 2 and 'no team "Nope"' in wrong.output
