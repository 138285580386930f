"""After a restore or a big import, PostgreSQL's planner knows what was loaded (ANALYZE),
rather than planning the firm's pages from nothing until autovacuum comes round (or never,
where it is off); a small import and a dry run leave the statistics alone."""

import io
from pathlib import Path

import pytest
from django.db import connection

from goodwill.services.backup import restore_backup, write_backup
from goodwill.services.contacts_import import import_contacts
from goodwill.services.contacts_import import run as import_run
from goodwill.services.interactions import LogRequest, log_interaction
from goodwill.services.people import PersonFields, add_person

DATA = Path(__file__).resolve().parent.parent / "data" / "formats"
on_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's planner statistics")


def analyses(*tables: str) -> dict[str, int]:
    """How many times each table has been analysed (read afresh: the statistics views keep
    what they first showed a transaction)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT relname, analyze_count FROM pg_stat_user_tables WHERE relname = ANY(%s)", [list(tables)])
        return dict(cursor.fetchall())


@on_postgres
def test_a_restore_leaves_the_planner_statistics_of_what_it_loaded(alice, bob, now):
    jane = add_person(alice, PersonFields(name="Jane Doe", tags=["golf"]))
    log_interaction(alice, LogRequest(kind="call", people=[jane], summary="Board prep"))
    stream = io.StringIO()
    write_backup(alice, stream)
    tables = ("goodwill_person", "goodwill_interaction", "goodwill_interaction_participants", "goodwill_person_tags")
    before = analyses(*tables)
    restore_backup(bob, io.StringIO(stream.getvalue()))
    after = analyses(*tables)
    assert {t: after[t] - before.get(t, 0) for t in tables} == dict.fromkeys(tables, 1)


@on_postgres
def test_a_big_import_refreshes_them_and_a_small_one_or_a_dry_run_does_not(alice, now, monkeypatch, tmp_path):
    tables = ("goodwill_person", "goodwill_contactpoint")
    before = analyses(*tables)
    import_contacts(alice, [DATA / "linkedin_new.csv"])  # a dry run: nothing written
    report = import_contacts(alice, [DATA / "linkedin_new.csv"], apply=True)  # 4 people: autovacuum's business
    assert report.applied and analyses(*tables) == before
    monkeypatch.setattr(import_run, "STATISTICS_AFTER", 3)  # "big", for a test's file
    more = tmp_path / "connections.csv"
    rows = [f"Grace{i},Hopper,,grace{i}@example.com,Navy,Admiral,1 Dec 2026" for i in range(3)]
    more.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "\n".join(rows) + "\n")
    assert import_contacts(alice, [more], apply=True).counts["created"] == 3
    after = analyses(*tables)
    assert {t: after[t] - before.get(t, 0) for t in tables} == dict.fromkeys(tables, 1)


def test_sqlite_is_never_analysed(alice, now, monkeypatch):
    """Its reads are written for a database without statistics (a laptop's never has any)."""
    if connection.vendor != "sqlite":
        pytest.skip("SQLite")
    monkeypatch.setattr(import_run, "STATISTICS_AFTER", 1)
    import_contacts(alice, [DATA / "linkedin_new.csv"], apply=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        assert cursor.fetchall() == []
