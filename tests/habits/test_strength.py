from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.habits.strength import Event, ago, recency, strength

TODAY = date(2026, 6, 1)


def days_ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def test_a_stranger_scores_one_and_has_nothing_to_say():
    s = strength([], TODAY)
    assert s.score == 1
    assert s.parts == []
    assert s.explain() == "no encounters yet"


def test_fresh_encounters_count_their_full_weight():
    events = [
        Event("meeting", TODAY, 2),  # 6
        Event("call", TODAY),  # 2
        Event("introduction", TODAY),  # 3
        Event("referral", TODAY),  # 3
        Event("promise_kept", TODAY, 3),  # 3
    ]
    assert strength(events, TODAY).score == 1 + 6 + 2 + 3 + 3 + 3


def test_reciprocated_emails_count_the_smaller_direction():
    events = [Event("email_in", TODAY, 8), Event("email_out", TODAY, 3)]
    s = strength(events, TODAY)
    assert s.score == 1 + 3
    assert [p.text for p in s.parts] == ["3 reciprocated emails"]


def test_emails_one_way_only_do_not_count():
    assert strength([Event("email_out", TODAY, 40)], TODAY).score == 1


def test_the_score_is_capped_at_100():
    assert strength([Event("meeting", TODAY, 50)], TODAY).score == 100


def test_decay_leaves_a_quarter_share_after_two_years_and_nothing_after_six():
    assert recency(0) == 1.0
    assert recency(730) == pytest.approx(0.25 * (1 - 730 / 2190))
    assert recency(2190) == 0.0
    assert recency(5000) == 0.0
    # 10 meetings a year ago: 30 × (0.75 × 0.5 + 0.25 × (1 − 365/2190)) = 17.5; + 1 = 18.5, rounds half up.
    assert strength([Event("meeting", days_ago(365), 10)], TODAY).score == 19


def test_encounters_after_today_do_not_count_yet():
    s = strength([Event("meeting", TODAY + timedelta(days=3))], TODAY)
    assert s.score == 1
    assert s.last_met is None


def test_explain_names_the_parts_and_the_last_meeting():
    events = [
        Event("meeting", days_ago(100), 11),
        Event("meeting", days_ago(21)),
        Event("email_in", days_ago(5), 8),
        Event("email_out", days_ago(4), 9),
        Event("introduction", days_ago(300)),
    ]
    s = strength(events, TODAY)
    assert s.last_met == days_ago(21)
    assert s.explain() == "12 meetings, 8 reciprocated emails, 1 introduction, last met 3 weeks ago"


@pytest.mark.parametrize(
    "days, words",
    [
        (0, "today"),
        (1, "yesterday"),
        (9, "9 days ago"),
        (21, "3 weeks ago"),
        (150, "5 months ago"),
        (400, "1 year ago"),
        (800, "2 years ago"),
    ],
)
def test_ago_reads_naturally(days, words):
    assert ago(days) == words


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown encounter kind"):
        Event("lunch", TODAY)


kinds = st.sampled_from(["meeting", "call", "email_in", "email_out", "introduction", "referral", "promise_kept"])
events_st = st.builds(Event, kinds, st.integers(0, 3000).map(days_ago), st.integers(1, 20))


@given(st.lists(events_st, max_size=30))
def test_score_is_always_between_1_and_100(events):
    assert 1 <= strength(events, TODAY).score <= 100


@given(st.lists(events_st, max_size=30), events_st)
def test_adding_an_encounter_never_lowers_the_score(events, extra):
    assert strength([*events, extra], TODAY).score >= strength(events, TODAY).score


@given(kinds.filter(lambda k: not k.startswith("email")), st.integers(0, 2500), st.integers(1, 2500))
def test_an_older_encounter_weighs_no_more_than_a_newer_one(kind, newer, older_by):
    newer_s = strength([Event(kind, days_ago(newer), 5)], TODAY)
    older_s = strength([Event(kind, days_ago(newer + older_by), 5)], TODAY)
    assert older_s.parts[0].points <= newer_s.parts[0].points
    if newer < 2190:
        assert older_s.parts[0].points < newer_s.parts[0].points
