"""The weekly review at a terminal: only finishing, or "done for this week", marks the week done."""

import pytest

from goodwill.models import WeeklyReview


@pytest.fixture
def queue(cli, monkeypatch, set_now):
    from goodwill.cli import review_cmds

    for name in ("Jane Doe", "Sam Lee", "Ann Kim"):
        assert cli("add", name, "--circle", "inner").exit_code == 0
    set_now("2027-01-10T09:00:00+00:00")
    monkeypatch.setattr(review_cmds, "interactive", lambda: True)


def test_quitting_early_leaves_the_week_open(cli, queue):
    result = cli("review", input="k\nq\n")
    assert result.exit_code == 0
    assert "Stopped after 1 of 3; this week's review is still open" in result.output
    assert not WeeklyReview.objects.exists()
    assert "This week's review is not done yet" in cli("today").output


def test_done_for_this_week_records_it_early(cli, queue):
    result = cli("review", input="k\nd\n")
    assert "Review done: 1 people reviewed" in result.output
    assert WeeklyReview.objects.get().reviewed == 1


def test_finishing_the_queue_records_it(cli, queue):
    result = cli("review", input="k\nk\nk\n")
    assert "Review done: 3 people reviewed" in result.output
    assert WeeklyReview.objects.get().reviewed == 3
