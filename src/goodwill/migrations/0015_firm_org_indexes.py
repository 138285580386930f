# Issue 17 at firm scale: who knows an organization, on PostgreSQL.

from django.db import migrations

# An organization's key names one organization row per spelling in each professional's
# network (thousands at a large client across a firm): with the id included, finding them is
# an index-only scan, not a heap block per row. Then each row's people, with what the firm's
# views first read of them (queries.firm_who, queries.firm_accounts): owner, circle, archived.
# At 1,000,000 people the largest employer's 3,819 records took 60-107 ms to find through the
# plain indexes and 19-45 ms through these, and their scores 51 ms against 14 ms (load 8-12;
# docs/performance.md "The firm at scale").
# PostgreSQL only, as 0014's birthday index: SQLite's rowid is in every index already and
# its plans at firm size are not a target.
INDEXES = {
    "organization_key_id": "ON goodwill_organization (key) INCLUDE (id)",
    "person_organization_cover": "ON goodwill_person (organization_id) INCLUDE (id, owner_id, circle_id, archived_at)",
    # Their stored shared scores, ranked before anything else is read: index-only too while
    # the table is vacuumed (autovacuum follows the daily refresh, which rewrites every row).
    "strength_person_cover": "ON goodwill_personstrength (person_id) INCLUDE (computed_on, stale, score, score_quarter_ago)",
}


def add(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, body in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX {name} {body}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [("goodwill", "0014_agenda_indexes")]

    operations = [migrations.RunPython(add, drop)]
