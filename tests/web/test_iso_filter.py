"""|iso, the Person page's <time datetime=...>: the bytes |date:'c' gives, in the user's zone."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st


def _both(value) -> tuple[str, str]:
    context = Context({"v": value})
    return Template("{{ v|iso }}").render(context), Template("{{ v|date:'c' }}").render(context)


@pytest.mark.parametrize("zone", ["UTC", "America/Denver", "Asia/Kolkata", "Pacific/Chatham"])
@given(moment=st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)))
def test_iso_is_what_date_c_gives_in_the_users_zone(zone, moment):
    with timezone.override(ZoneInfo(zone)):
        mine, djangos = _both(moment)
    assert mine == djangos


def test_iso_of_a_date_and_of_nothing():
    assert _both(date(2026, 12, 5)) == ("2026-12-05", "2026-12-05")
    assert _both(None) == ("", "")
    assert _both("") == ("", "")
