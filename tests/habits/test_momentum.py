from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goodwill.habits.momentum import momentum, render_bars

TODAY = date(2026, 11, 25)  # a Wednesday; its week starts Monday 23 Nov
THIS_MONDAY = date(2026, 11, 23)


def touches(counts, today=TODAY):
    """Touch days giving these weekly counts, oldest week first, ending with today's week."""
    monday = today - timedelta(days=today.weekday())
    days = []
    for back, count in enumerate(reversed(counts)):
        week = monday - timedelta(weeks=back)
        days += [min(week + timedelta(days=i % 7), today) for i in range(count)]
    return days


def run(counts, goal=5, **kwargs):
    return momentum(touches(counts), today=TODAY, weeks=len(counts), goal=goal, **kwargs)


# weeks and counts


def test_weeks_are_mondays_oldest_first_ending_with_this_week():
    result = momentum([], today=TODAY)
    assert len(result.weeks) == 26
    assert result.weeks[-1].start == THIS_MONDAY
    assert result.weeks[0].start == THIS_MONDAY - timedelta(weeks=25)
    assert all(week.start.weekday() == 0 for week in result.weeks)
    assert [w.count for w in result.weeks] == [0] * 26


def test_counts_per_week_and_this_week():
    result = run([1, 2, 3, 4])
    assert [w.count for w in result.weeks] == [1, 2, 3, 4]
    assert result.this_week == 4


def test_days_outside_the_window_are_ignored():
    first_monday = THIS_MONDAY - timedelta(weeks=3)
    days = [
        first_monday - timedelta(days=1),  # Sunday before the window
        first_monday,
        TODAY,
        TODAY + timedelta(days=1),  # tomorrow has not happened yet
        date(2019, 5, 5),
    ]
    result = momentum(days, today=TODAY, weeks=4)
    assert [w.count for w in result.weeks] == [1, 0, 0, 1]


def test_a_monday_today_is_a_week_of_one_day():
    days = [THIS_MONDAY, THIS_MONDAY, THIS_MONDAY - timedelta(days=1)]
    result = momentum(days, today=THIS_MONDAY, weeks=2)
    assert [(w.start, w.count) for w in result.weeks] == [
        (THIS_MONDAY - timedelta(weeks=1), 1),
        (THIS_MONDAY, 2),
    ]


def test_average_is_over_completed_weeks_only():
    assert run([2, 4, 6, 0]).average == 4.0
    assert momentum([TODAY], today=TODAY, weeks=1).average == 0.0


@pytest.mark.parametrize("kwargs", [{"weeks": 0}, {"goal": 0}])
def test_rejects_empty_window_or_goal(kwargs):
    with pytest.raises(ValueError):
        momentum([], today=TODAY, **kwargs)


# baseline and dips


def test_baseline_needs_four_previous_weeks():
    result = run([4, 4, 4, 4, 4, 4])
    assert [w.baseline for w in result.weeks] == [None, None, None, None, 4.0, 4.0]


def test_baseline_is_median_of_previous_eight_weeks():
    counts = [100, 1, 2, 3, 4, 5, 6, 7, 8, 0]
    result = run(counts)
    # Week 9 looks at weeks 1..8 (1..8), not the 100 nine weeks back.
    assert result.weeks[9].baseline == 4.5
    assert result.weeks[4].baseline == 2.5  # median of 100, 1, 2, 3


def test_dip_is_a_completed_week_below_half_its_baseline():
    result = run([6, 6, 6, 6, 2, 3, 6])
    assert [w.dip for w in result.weeks] == [False] * 4 + [True, False, False]
    assert result.weeks[4].baseline == 6.0


def test_half_the_baseline_exactly_is_not_a_dip():
    assert not run([6, 6, 6, 6, 3, 0]).weeks[4].dip


def test_current_week_is_never_a_dip():
    result = run([8, 8, 8, 8, 0])
    assert not result.weeks[-1].dip
    assert not result.dipping_now


def test_small_baselines_never_dip():
    result = run([1, 1, 1, 1, 0, 0])
    assert result.weeks[4].baseline == 1.0
    assert not result.weeks[4].dip


def test_baseline_of_two_can_dip():
    assert run([2, 2, 2, 2, 0, 0]).weeks[4].dip


def test_dipping_now_is_last_week():
    assert run([6, 6, 6, 6, 0, 9]).dipping_now
    assert not run([6, 6, 6, 6, 0, 6, 0]).dipping_now


def test_porpoising_busy_stretch_shows_as_consecutive_dips():
    counts = [7, 8, 6, 7, 9, 7, 1, 0, 2, 8, 1]
    result = run(counts)
    assert [i for i, w in enumerate(result.weeks) if w.dip] == [6, 7, 8]


# goal and streak


def test_met_goal():
    result = run([4, 5, 6, 0], goal=5)
    assert [w.met_goal for w in result.weeks] == [False, True, True, False]


def test_streak_counts_back_from_last_week():
    assert run([5, 1, 5, 6, 7, 0]).streak == 3


def test_streak_includes_this_week_once_met():
    assert run([5, 1, 5, 6, 7, 5]).streak == 4


def test_streak_this_week_alone():
    assert run([5, 5, 0, 5]).streak == 1


def test_streak_broken_last_week():
    assert run([5, 5, 5, 4, 0]).streak == 0


def test_streak_is_capped_by_the_window():
    assert run([9] * 6).streak == 6


def test_goal_is_kept():
    assert run([1, 1], goal=3).goal == 3


# render_bars


def sample():
    return run([6, 6, 6, 6, 8, 1, 3], goal=5)


def test_one_line_per_week_labelled_by_week_start():
    lines = render_bars(sample())
    assert len(lines) == 7
    assert lines[-1].startswith("Nov 23 ")
    assert lines[0].startswith("Oct 12 ")


def test_dip_marker_only_on_dip_weeks():
    lines = render_bars(sample())
    assert ["▼ dip" in line for line in lines] == [False] * 5 + [True, False]


def test_goal_marker_sits_in_one_column_on_every_line():
    lines = render_bars(sample(), width=16)
    columns = {line.index("│") for line in lines}
    assert len(columns) == 1
    # Busiest week (8) spans the width; the goal (5) sits at 5/8 of it.
    assert columns == {len("Oct 12 ") + 10}


def test_bars_are_scaled_to_the_busiest_week():
    lines = render_bars(sample(), width=16)
    assert lines[4].count("█") == 16  # the 8
    assert lines[0].count("█") == 12  # 6/8 of 16
    assert lines[5].count("█") == 2  # 1/8 of 16


def shown_count(line):
    return line.split("│")[1].replace("█", " ").split()[0]


def test_counts_are_shown_after_the_bar():
    counts = [shown_count(line) for line in render_bars(sample())]
    assert counts == ["6", "6", "6", "6", "8", "1", "3"]


def test_current_week_is_marked():
    lines = render_bars(sample())
    assert lines[-1].endswith("this week")
    assert not any("this week" in line for line in lines[:-1])


def test_goal_above_every_count_sits_at_the_right_edge():
    lines = render_bars(run([1, 2, 0], goal=10), width=20)
    assert all(line[len("Nov 09 ") + 20] == "│" for line in lines)
    assert lines[0].count("█") == 2
    assert "█" not in lines[2]


def test_empty_history_renders():
    lines = render_bars(momentum([], today=TODAY, weeks=3))
    assert len(lines) == 3
    assert all("│" in line and "█" not in line for line in lines)


def test_a_single_touch_is_always_visible():
    assert render_bars(run([200, 1, 0]), width=10)[1].count("█") == 1


def test_render_rejects_zero_width():
    with pytest.raises(ValueError):
        render_bars(sample(), width=0)


# properties

days_around = st.lists(st.dates(date(2025, 11, 1), date(2026, 12, 31)), max_size=300)


@given(days_around, st.integers(1, 60), st.dates(date(2026, 1, 1), date(2026, 12, 31)))
def test_total_equals_in_window_days(days, weeks, today):
    result = momentum(days, today=today, weeks=weeks)
    first = result.weeks[0].start
    assert sum(w.count for w in result.weeks) == sum(first <= d <= today for d in days)
    assert len(result.weeks) == weeks
    assert 0 <= result.streak <= weeks


@given(days_around, st.integers(1, 30), st.integers(1, 12), st.integers(1, 80))
def test_rendering_is_aligned(days, weeks, goal, width):
    result = momentum(days, today=TODAY, weeks=weeks, goal=goal)
    lines = render_bars(result, width=width)
    assert len(lines) == weeks
    assert len({line.index("│") for line in lines}) == 1
    assert all(line.count("█") <= width for line in lines)
    assert [("▼ dip" in line) for line in lines] == [w.dip for w in result.weeks]


@given(days_around, st.integers(1, 30), st.integers(1, 12))
def test_dips_follow_the_rule(days, weeks, goal):
    result = momentum(days, today=TODAY, weeks=weeks, goal=goal)
    assert not result.weeks[-1].dip
    for week in result.weeks:
        if week.dip:
            assert week.baseline >= 2 and week.count < week.baseline / 2
        assert week.met_goal == (week.count >= goal)
