"""The plain-SQL writer's value preparation (import_sql.preparer): what imports and restores
write must be exactly what Django would have written for the same value."""

import warnings
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from django.db import connection
from hypothesis import HealthCheck, given, settings
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


@pytest.fixture
def value_tables(db):
    with connection.cursor() as cursor:
        cursor.execute("CREATE TEMPORARY TABLE any_text (v TEXT)")
        cursor.execute("CREATE TEMPORARY TABLE any_int (v BIGINT)")
    yield
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE any_text")
        cursor.execute("DROP TABLE any_int")


def _found(table: str, stored: list, asked: list) -> list:
    from goodwill.services.import_sql import any_of, select_rows

    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        cursor.executemany(f"INSERT INTO {table} (v) VALUES (%s)", [(v,) for v in stored])
    return sorted(
        row[0]
        for where, params in any_of("v", asked)
        for row in select_rows(f"SELECT v FROM {table} WHERE {where}", params)
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12), max_size=6)
)
def test_any_of_finds_each_value_as_itself(value_tables, texts):
    """What a re-import asks about (names, emails, URLs as written in the file) comes back
    as itself: on PostgreSQL one array literal, with quotes, backslashes, commas, braces,
    spaces and NULL-looking words in its values; elsewhere IN lists."""
    values = [*texts, 'O"Brien, {Jr}', "back\\slash", "NULL", " padded ", "", "100%"]
    assert _found("any_text", [*values, "someone else"], values) == sorted(values)


def test_any_of_finds_ids_beyond_one_in_list(value_tables):
    ids = list(range(1, 2000))  # more than one IN list takes on SQLite
    assert _found("any_int", ids, ids[::3]) == ids[::3]
    assert _found("any_int", ids, []) == []
