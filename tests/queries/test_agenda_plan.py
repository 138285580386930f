"""How the agenda's ranking reaches the database: float arithmetic, the person_due index,
and (on PostgreSQL) no parallel plans for the app's sessions."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from goodwill import clock
from goodwill.queries.rhythm import _TOUCH_KINDS, LATEST, due_people, due_total, most_overdue
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person

on_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="a PostgreSQL session setting")


def touched(owner, name, circle, days_ago, now):
    person = add_person(owner, PersonFields(name=name, circle=circle))
    log_interaction(
        owner, LogRequest(kind="meeting", people=[person], summary="coffee", when=now - timedelta(days=days_ago))
    )
    return person


def test_ratio_is_a_float_and_ranks_fractions(alice, now):
    # 40 days on a 14-day rhythm is 2.86x; 35 on a 30-day one 1.17x: whole-number
    # division would call both 2 and 1 and rank by name; numeric would come back as Decimal.
    touched(alice, "Aaron Late", "close", 35, now)
    touched(alice, "Zoe Later", "inner", 40, now)
    ratios = list(due_people(alice, clock.today()).values_list("name", "ratio"))
    assert [name for name, _ in ratios] == ["Zoe Later", "Aaron Late"]
    assert all(type(ratio) is float for _, ratio in ratios)
    assert ratios[0][1] == pytest.approx(40 / 14, abs=0.01)
    assert [p.name for p in most_overdue(alice, clock.today(), 1)] == ["Zoe Later"]


def _plan(sql: str, params) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")  # a test table is small enough to scan
            cursor.execute("EXPLAIN " + sql, params)
            return "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(row[-1] for row in cursor.fetchall())


def test_overdue_ranking_reads_only_the_person_due_index(alice, now):
    touched(alice, "Jane Doe", "inner", 40, now)
    sql, params = due_people(alice, clock.today()).values_list("id", flat=True)[:10].query.sql_with_params()
    plan = _plan(sql, params)
    if connection.vendor == "postgresql":
        # Which index wins on a one-row table is the planner's guess (benchmarks/bench_today.py
        # checks person_due at 100,000 people); what must hold at any size: no numeric, no scan.
        assert "Index" in plan and "Seq Scan" not in plan, plan
        assert "numeric" not in plan, plan
    else:
        assert "USING COVERING INDEX person_due" in plan, plan


def test_the_due_count_reads_its_narrow_index(alice, now):
    """Today's "Due for a touch" total counts every due person (21,864 at 100,000 people):
    through person_due_count, half the width of person_due, which the ranking keeps."""
    touched(alice, "Jane Doe", "inner", 40, now)
    assert due_total(alice, clock.today()) == 1
    with CaptureQueriesContext(connection) as reads:
        assert due_total(alice, clock.today()) == 1  # compiled the second time (queries.compiled)
    plan = _plan(reads.captured_queries[-1]["sql"], None)
    if connection.vendor == "postgresql":  # on a one-row table the index is the planner's guess
        assert "Seq Scan" not in plan, plan  # (at 100,000 people: person_due_count, docs/performance.md)
    else:
        assert "USING COVERING INDEX person_due_count" in plan, plan


def test_latest_touches_start_from_the_peoples_links_without_planner_statistics(alice, now):
    """A laptop's database is never ANALYZEd: the due people's latest touches must still be read
    through their links, not by walking every interaction the owner has (interaction_when)."""
    people = [touched(alice, f"Person {n}", "inner", 40 + n, now) for n in range(3)]
    touched(alice, "Someone Else", "inner", 2, now)
    sql, params = LATEST.sql(owner_id=alice.pk, ids=[p.pk for p in people], kinds=_TOUCH_KINDS)
    plan = _plan(sql, params)
    if connection.vendor == "postgresql":
        assert "Seq Scan" not in plan, plan
    else:
        assert "interaction_when" not in plan and "person_id" in plan, plan
    assert sorted(
        row[0] for row in LATEST.rows(owner_id=alice.pk, ids=[p.pk for p in people], kinds=_TOUCH_KINDS)
    ) == sorted(p.pk for p in people)


@on_postgres
def test_parallel_query_is_off_for_the_apps_sessions(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
        cursor.execute("SHOW work_mem")  # pass-on's hash of ~90,000 people at 100k, in memory
        assert cursor.fetchone()[0] == "16MB"


def test_a_database_urls_own_options_are_kept_beside_parallel_query_off(monkeypatch):
    """The app's session setting is added to what the URL asks for, never in its place."""
    from goodwill import config, settings

    monkeypatch.delenv(config.ENV_TEST_DATABASE_URL, raising=False)
    monkeypatch.setenv("GOODWILL_DATABASE_URL", "postgresql://u@db.example/firm?options=-c%20search_path%3Dfirm")
    options = settings._database()["OPTIONS"]["options"]
    assert options == "-c max_parallel_workers_per_gather=0 -c work_mem=16MB -c search_path=firm"
    monkeypatch.setenv("GOODWILL_DATABASE_URL", "postgresql://u@db.example/firm")
    assert settings._database()["OPTIONS"]["options"] == "-c max_parallel_workers_per_gather=0 -c work_mem=16MB"


def test_postgres_statements_are_prepared_unless_turned_off(monkeypatch):
    """Values go apart from the SQL and repeated statements are prepared; a pooler that can't
    keep prepared statements turns it off with GOODWILL_POSTGRES_PREPARE=0."""
    from goodwill import config, settings

    monkeypatch.delenv(config.ENV_TEST_DATABASE_URL, raising=False)
    monkeypatch.setenv("GOODWILL_DATABASE_URL", "postgresql://u@db.example/firm")
    options = settings._database()["OPTIONS"]
    assert options["server_side_binding"] is True and options["prepare_threshold"] == settings.POSTGRES_PREPARE_AFTER
    monkeypatch.setenv("GOODWILL_POSTGRES_PREPARE", "0")
    options = settings._database()["OPTIONS"]
    assert "server_side_binding" not in options and "prepare_threshold" not in options


@on_postgres
def test_a_statement_run_again_is_prepared_on_the_server(alice):
    from goodwill import settings
    from goodwill.models import Person

    for _ in range(settings.POSTGRES_PREPARE_AFTER + 1):
        list(Person.objects.filter(owner=alice, name="Dana"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        assert any('"goodwill_person"."name" = $' in row[0] for row in cursor.fetchall())


def test_the_weeks_birthdays_are_found_by_month_and_day_on_the_index(alice, now):
    """Today's "this week" probes person_birthday_day once a day, on both databases: the query
    writes the index's own expression, with no bound values for an index to fail to match."""
    from goodwill.queries.yearly_dates import BIRTHDAYS

    add_person(alice, PersonFields(name="Jane Doe", birthday="1985-11-27"))
    add_person(alice, PersonFields(name="No Birthday"))
    days = [f"11-{d}" for d in range(23, 30)]
    sql, params = BIRTHDAYS.sql(owner_id=alice.pk, month_days=days)
    plan = _plan(sql, params)
    if connection.vendor == "postgresql":  # the planner's guess on a tiny table; never a scan
        assert "Index" in plan and "Seq Scan" not in plan, plan
    else:
        assert "person_birthday_day" in plan, plan
    assert [name for _, name, _ in BIRTHDAYS.rows(owner_id=alice.pk, month_days=days)] == ["Jane Doe"]
