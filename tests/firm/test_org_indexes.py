"""Who knows an organization reads indexes on PostgreSQL (migration 0015): the organization rows
by key and their people, with what the firm's views read first, without a table scan."""

from __future__ import annotations

import pytest
from django.db import connection

on_postgres = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL's covering indexes")


@on_postgres
def test_the_organization_lookup_has_its_covering_indexes(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN "
            "('organization_key_id', 'person_organization_cover', 'strength_person_cover')"
        )
        found = dict(cursor.fetchall())
    assert "INCLUDE (id)" in found["organization_key_id"]
    assert "INCLUDE (id, owner_id, circle_id, archived_at)" in found["person_organization_cover"]
    assert "INCLUDE (computed_on, stale, score, score_quarter_ago)" in found["strength_person_cover"]


@on_postgres
def test_people_at_an_organization_are_found_without_a_scan(firm):
    from goodwill.queries.firm_identity import people_at_keys

    people = people_at_keys(["acme"]).filter(owner_id__in=[firm["users"]["owner"].pk]).values_list("pk", "owner_id")
    sql, params = people.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a test table is small enough to scan
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Seq Scan" not in plan and "Index" in plan, plan
