"""Momentum: "Always Be Connecting", and catching porpoising.

Outbound touches are counted per ISO week (Monday start). Each week is
compared with its own recent baseline, so a busy stretch of client work that
makes outreach drop off shows up as a dip, whatever the person's usual pace.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

BASELINE_WEEKS = 8  # the baseline looks this far back
MIN_BASELINE_WEEKS = 4  # fewer previous weeks in range and there is no baseline
MIN_DIP_BASELINE = 2.0  # a dip from a baseline of 1 is just noise

_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


@dataclass(frozen=True)
class Week:
    start: date  # the Monday
    count: int
    baseline: float | None  # median of up to 8 previous weeks; None if fewer than 4
    dip: bool  # a completed week below half its baseline
    met_goal: bool


@dataclass(frozen=True)
class Momentum:
    weeks: list[Week]  # oldest first; the last one is the current, partial week
    goal: int
    streak: int
    this_week: int
    average: float  # mean of the completed weeks (the partial week would drag it down)
    dipping_now: bool  # last completed week was a dip


def momentum(touch_days: Iterable[date], *, today: date, weeks: int = 26, goal: int = 5) -> Momentum:
    """Weekly outreach for the `weeks` ISO weeks ending with today's.

    `touch_days` holds one date per outbound touch (repeat a date for several
    touches that day). Days before the first week or after today are ignored.
    The streak only sees weeks inside the window, so it is capped at `weeks`.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be 1 or more, got {weeks}")
    if goal < 1:
        raise ValueError(f"the weekly goal must be 1 or more, got {goal}")
    first = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    per_week = Counter((day - first).days // 7 for day in touch_days if first <= day <= today)
    counts = [per_week[index] for index in range(weeks)]

    rows = []
    for index, count in enumerate(counts):
        previous = counts[max(0, index - BASELINE_WEEKS) : index]
        baseline = float(median(previous)) if len(previous) >= MIN_BASELINE_WEEKS else None
        completed = index < weeks - 1
        dip = completed and baseline is not None and baseline >= MIN_DIP_BASELINE and count < baseline / 2
        rows.append(
            Week(
                start=first + timedelta(weeks=index),
                count=count,
                baseline=baseline,
                dip=dip,
                met_goal=count >= goal,
            )
        )

    completed_weeks, current = rows[:-1], rows[-1]
    streak = 0
    for week in reversed(completed_weeks):
        if not week.met_goal:
            break
        streak += 1
    # The current week only adds to the streak once it has met the goal;
    # until then last week's streak still stands.
    streak += current.met_goal
    return Momentum(
        weeks=rows,
        goal=goal,
        streak=streak,
        this_week=current.count,
        average=(sum(w.count for w in completed_weeks) / len(completed_weeks) if completed_weeks else 0.0),
        dipping_now=bool(completed_weeks) and completed_weeks[-1].dip,
    )


def render_bars(m: Momentum, width: int = 40) -> list[str]:
    """One plain-text line per week, oldest first, for a terminal.

    Each line: the week start ("Sep 01"), a bar of █ scaled so the larger of
    the busiest week and the goal spans `width` cells, a │ column at the goal
    (its own column, so it stays visible when a bar crosses it), the count,
    and "▼ dip" on dipping weeks. The current week is marked "this week".
    """
    if width < 1:
        raise ValueError(f"width must be 1 or more, got {width}")
    top = max([m.goal, *(w.count for w in m.weeks)])
    goal_at = round(m.goal / top * width)
    digits = len(str(top))
    lines = []
    for index, week in enumerate(m.weeks):
        # A week with any touches gets at least one cell, so it never looks empty.
        length = max(round(week.count / top * width), 1 if week.count else 0)
        cells = "█" * length + " " * (width - length)
        bar = cells[:goal_at] + "│" + cells[goal_at:]
        label = f"{_MONTHS[week.start.month - 1]} {week.start.day:02d}"
        marks = []
        if week.dip:
            marks.append("▼ dip")
        if index == len(m.weeks) - 1:
            marks.append("this week")
        line = f"{label} {bar} {week.count:>{digits}}"
        lines.append(f"{line}  {'  '.join(marks)}" if marks else line)
    return lines
