"""The plain-SQL writer's value preparation (import_sql.preparer): what imports and restores
write must be exactly what Django would have written for the same value."""

import warnings
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from goodwill.models import Interaction, NextStep
from goodwill.services.import_sql import preparer

OCCURRED_AT = Interaction._meta.get_field("occurred_at")
DUE_ON = NextStep._meta.get_field("due_on")

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
aware = st.datetimes(min_value=datetime(1900, 1, 2), max_value=datetime(2200, 1, 1), timezones=offsets)


@pytest.mark.django_db
@settings(max_examples=300, deadline=None)
@given(aware)
def test_an_aware_datetime_is_written_as_django_writes_it(value):
    assert preparer(OCCURRED_AT)(value) == OCCURRED_AT.get_db_prep_save(value, connection)


@pytest.mark.django_db
@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=date(1, 1, 1)))
def test_a_date_is_written_as_django_writes_it(value):
    assert preparer(DUE_ON)(value) == DUE_ON.get_db_prep_save(value, connection)


@pytest.mark.django_db
def test_other_values_still_go_djangos_whole_way():
    prepare = preparer(OCCURRED_AT)
    naive = datetime(2026, 12, 4, 9, 30)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert prepare(naive) == OCCURRED_AT.get_db_prep_save(naive, connection)
    assert any("naive datetime" in str(w.message) for w in caught)  # Django's warning, as before
    assert prepare(None) is None
    assert preparer(DUE_ON)("2026-12-04") == DUE_ON.get_db_prep_save("2026-12-04", connection)
    with pytest.raises(Exception, match="invalid date format|must be in YYYY-MM-DD"):
        preparer(DUE_ON)("4 December")  # a damaged value fails as Django makes it fail
    assert preparer(OCCURRED_AT)(datetime(2026, 12, 4, 9, 30, tzinfo=UTC)) is not None
