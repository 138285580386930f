"""Quiet hours (a window may cross midnight), a channel's URL shown without its secret,
and times of day as people write them."""

from __future__ import annotations

from datetime import time

import pytest

from goodwill.habits.push import is_quiet, mask_url, parse_clock


@pytest.mark.parametrize(
    "at,quiet",
    [
        (time(20, 59), False),
        (time(21, 0), True),
        (time(23, 59), True),
        (time(0, 0), True),
        (time(7, 59), True),
        (time(8, 0), False),
        (time(12, 0), False),
    ],
)
def test_quiet_hours_across_midnight(at, quiet):
    assert is_quiet(at, time(21, 0), time(8, 0)) is quiet


@pytest.mark.parametrize(
    "at,quiet", [(time(12, 59), False), (time(13, 0), True), (time(14, 29), True), (time(14, 30), False)]
)
def test_quiet_hours_within_one_day(at, quiet):
    assert is_quiet(at, time(13, 0), time(14, 30)) is quiet


def test_no_quiet_hours_is_never_quiet():
    assert not is_quiet(time(3, 0), None, None)
    assert not is_quiet(time(3, 0), time(21, 0), None)
    assert not is_quiet(time(3, 0), time(3, 0), time(3, 0))


def test_seconds_do_not_move_the_edge():
    assert not is_quiet(time(8, 0, 30), time(21, 0), time(8, 0))


@pytest.mark.parametrize(
    "url,shown",
    [
        ("ntfy://ntfy.sh/my-secret-topic", "ntfy://ntfy.sh/…"),
        ("ntfys://alice:hunter2@ntfy.example.com/topic", "ntfys://ntfy.example.com/…"),
        ("tgram://123456789:AAE-secret-token/987654321", "tgram://…"),
        ("slack://T01AB2CD3/B04EF5GH6/abcdefghijklmnopqrstuvwx", "slack://…"),
        ("mailtos://me:app-password@fastmail.com?to=me@fastmail.com", "mailtos://fastmail.com/…"),
        ("matrixs://me:pw@matrix.org/!room:matrix.org", "matrixs://matrix.org/…"),
        ("json://127.0.0.1:8080/hook?x=1", "json://127.0.0.1:8080/…"),
        ("json://localhost:8080", "json://localhost:8080"),
        ("JSON://[::1]:8080/hook", "json://[::1]:8080/…"),
        ("not a url", "…"),
    ],
)
def test_a_url_is_shown_without_its_secret(url, shown):
    assert mask_url(url) == shown
    for secret in ("secret", "hunter2", "app-password", "abcdefghij", "pw@"):
        assert secret not in mask_url(url)


@pytest.mark.parametrize(
    "typed,value",
    [
        ("21:00", time(21)),
        ("8:05", time(8, 5)),
        ("0800", time(8)),
        ("21h", time(21)),
        ("9pm", time(21)),
        ("12am", time(0)),
        ("12 PM", time(12)),
        ("7", time(7)),
    ],
)
def test_times_of_day(typed, value):
    assert parse_clock(typed) == value


@pytest.mark.parametrize("typed", ["", "24:00", "9:75", "noon", "13pm", "21:00:00"])
def test_a_bad_time_of_day_says_how_to_write_one(typed):
    with pytest.raises(ValueError, match="time of day|1 to 12"):
        parse_clock(typed)
