"""Who is most overdue, a rhythm at a time (queries.rhythm._ranked_ids, for networks with many
people due): the same people, in the same order, as ranking every due person at once (RANKED),
on any network."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goodwill import clock
from goodwill.models import Person
from goodwill.queries import rhythm
from goodwill.queries.rhythm import (
    MAX_RHYTHMS,
    RANKED,
    RHYTHM_AT_A_TIME_FROM,
    _ranked_ids,
    due_total,
    most_overdue,
)

TODAY = date(2026, 11, 23)
SOMEONE = {"due_in": -3, "snoozed_in": None, "archived": False, "mine": True}

person = st.fixed_dictionaries(
    {
        # Few names and few rhythms: ties in the ratio, broken by name, and rhythms shared.
        "name": st.sampled_from(["Ada", "Bo", "bo", "Cy", "Dee", "Émile", "Zoe"]),
        "rhythm": st.sampled_from([7, 14, 30, 90]) | st.integers(1, 400),
        "due_in": st.integers(-400, 30),  # days from today; due when <= 0
        "snoozed_in": st.none() | st.integers(-10, 10),
        "archived": st.booleans(),
        "mine": st.booleans(),
    }
)


def _network(alice, bob, specs) -> None:
    Person.objects.filter(owner__in=[alice, bob]).delete()
    moment = clock.now()
    today_n = clock.day_number(TODAY)
    Person.objects.bulk_create(
        Person(
            owner=alice if spec["mine"] else bob,
            name=spec["name"],
            rhythm_days=spec["rhythm"],
            rhythm_max_days=spec["rhythm"] * 3 // 2,
            due_day=today_n + spec["due_in"],
            snoozed_until=None if spec["snoozed_in"] is None else TODAY + timedelta(days=spec["snoozed_in"]),
            archived_at=moment if spec["archived"] else None,
            created_at=moment,
            updated_at=moment,
        )
        for spec in specs
    )


def _everyone_at_once(owner, limit: int) -> list[int]:
    return RANKED.rows(owner_id=owner.pk, today_n=clock.day_number(TODAY), today=TODAY, limit=limit)


def _a_rhythm_at_a_time(owner, limit: int) -> list[int]:
    """As on a network with many people due (the test networks are small)."""
    return _ranked_ids(owner.pk, TODAY, limit, due=RHYTHM_AT_A_TIME_FROM)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(person, max_size=40), limit=st.sampled_from([1, 3, 10]))
def test_a_rhythm_at_a_time_ranks_as_everyone_at_once(alice, bob, now, specs, limit):
    _network(alice, bob, specs)
    assert _a_rhythm_at_a_time(alice, limit) == _everyone_at_once(alice, limit)


def test_more_rhythms_than_the_loose_scan_takes_rank_everyone_at_once(alice, bob, now):
    specs = [
        {"name": f"P{n:02d}", "rhythm": 10 + n, "due_in": -n, "snoozed_in": None, "archived": False, "mine": True}
        for n in range(MAX_RHYTHMS + 5)
    ]
    _network(alice, bob, specs)
    with CaptureQueriesContext(connection) as statements:
        found = _a_rhythm_at_a_time(alice, 10)
    assert found == _everyone_at_once(alice, 10) and len(found) == 10
    assert len(statements) == 2  # the rhythms, cut short, then one ranking of every due person


def test_each_rhythm_reads_only_its_first_rows(alice, bob, now):
    """Three rhythms: the rhythms, then each one's first rows and their ranking, not all 30 due:
    on SQLite a read per rhythm and one by primary key, on PostgreSQL one UNION of the three."""
    specs = [
        {"name": f"P{n:02d}", "rhythm": (7, 30, 90)[n % 3], "due_in": -n, "snoozed_in": None, "archived": False}
        | {"mine": True}
        for n in range(30)
    ]
    _network(alice, bob, specs)
    with CaptureQueriesContext(connection) as statements:
        found = _a_rhythm_at_a_time(alice, 5)
    assert found == _everyone_at_once(alice, 5)
    assert len(statements) == (1 + 1 if connection.vendor == "postgresql" else 1 + 3 + 1)
    assert due_total(alice, TODAY) == 30
    assert [p.pk for p in most_overdue(alice, TODAY, 5)] == found


def test_a_rhythms_first_rows_come_from_its_index(alice, now):
    sql, params = rhythm.OF_RHYTHM.sql(
        owner_id=alice.pk, today_n=clock.day_number(TODAY), today=TODAY, rhythm=30, limit=10
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a test table is small enough to scan
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            # Which index wins on a tiny table is the planner's guess (bench_web.py's Today at
            # 100,000 people shows person_rhythm_due); what must hold at any size: no scan.
            assert "Index" in plan and "Seq Scan" not in plan, plan
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = "\n".join(row[-1] for row in cursor.fetchall())
            # In the index's own order (the rowid, the id, ends every SQLite index key), so no sort;
            # snoozed_until is read from the rows reached (PostgreSQL has it INCLUDEd).
            assert "INDEX person_rhythm_due" in plan and "TEMP B-TREE" not in plan, plan


def test_the_owners_rhythms_are_one_index_probe_each(alice, now):
    """The loose scan of person_rhythm_due (RHYTHMS): every probe, the first too, in the index's
    order, whatever the planner knows. On an SQLite file with statistics for every index but a
    new one (a restored network upgraded with migration 0025), the first probe took
    person_due_count, which offered owner and archived_at alone, and sorted all the people:
    115 ms of a Today at 100,000 people."""
    _network(alice, alice, [{**SOMEONE, "name": f"P{n:02d}", "rhythm": (7, 14, 30, 90)[n % 4]} for n in range(40)])
    with connection.cursor() as cursor:
        params = {"owner": alice.pk, "most": rhythm.MAX_RHYTHMS + 1}
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + rhythm.RHYTHMS, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            # Which index wins on a tiny table is the planner's guess (person_rhythm_due at
            # 100,000 people: bench_today.py); what must hold at any size: no scan.
            assert "Seq Scan" not in plan, plan
            return
        # The statistics of 100,000 people in one network (benchmarks/bench_web.py's), as
        # ANALYZE left them before migration 0025 made person_due_count.
        cursor.execute("ANALYZE")
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'goodwill_person'")
        cursor.executemany(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('goodwill_person', %s, %s)",
            [
                ("person_rhythm_due", "100000 100000 100000 11112 49 1"),
                ("person_due", "100000 100000 100000 129 58 34 1"),
                ("person_name", "100000 100000 6"),
                ("goodwill_person_owner_id_e7fc8808", "100000 100000"),
            ],
        )
        cursor.execute("ANALYZE sqlite_schema")  # the planner reads the statistics again
        cursor.execute("EXPLAIN QUERY PLAN " + rhythm.RHYTHMS, params)
        plan = "\n".join(row[-1] for row in cursor.fetchall())
    probes = [line for line in plan.splitlines() if "SEARCH" in line and "rhythms" not in line]
    assert len(probes) == 2 and all("INDEX person_rhythm_due" in line for line in probes), plan
    assert "TEMP B-TREE" not in plan, plan
    with connection.cursor() as cursor:
        cursor.execute(rhythm.RHYTHMS, params)
        assert [row[0] for row in cursor.fetchall()] == [7, 14, 30, 90]


@pytest.mark.parametrize("limit", [1, 10])
def test_nobody_due_ranks_nobody(alice, now, limit):
    assert _a_rhythm_at_a_time(alice, limit) == [] and _ranked_ids(alice.pk, TODAY, limit) == []


def test_few_people_due_are_ranked_in_one_statement(alice, bob, now):
    specs = [
        {"name": f"P{n:02d}", "rhythm": (7, 30)[n % 2], "due_in": -n, "snoozed_in": None, "archived": False}
        | {"mine": True}
        for n in range(12)
    ]
    _network(alice, bob, specs)
    due = due_total(alice, TODAY)
    with CaptureQueriesContext(connection) as statements:
        found = _ranked_ids(alice.pk, TODAY, 10, due=due)
    assert due == 12 and found == _everyone_at_once(alice, 10) and len(statements) == 1
