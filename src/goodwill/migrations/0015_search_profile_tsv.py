# Issue 18: pass-on's full-text search on PostgreSQL ranks a first cut, not every match.
#
# tsv_profile is tsv without the notes (D): needs, interests, offers and role, which
# ts_rank weighs 4 to 10 times a note. Its own GIN index lets search find the people
# whose profile says a word without reading everyone whose notes say it (see
# goodwill.search.backends.PostgresFTS). SQLite's FTS5 index is unchanged. The SQL is
# frozen here, as in 0003.

from django.db import migrations

POSTGRES_FORWARD = [
    """ALTER TABLE goodwill_searchdocument ADD COLUMN tsv_profile tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(needs, '')), 'A') ||
        setweight(to_tsvector('english'::regconfig, coalesce(interests, '')), 'B') ||
        setweight(to_tsvector('english'::regconfig, coalesce(offers, '') || ' ' || coalesce(role, '')), 'C')) STORED""",
    "CREATE INDEX goodwill_search_tsv_profile ON goodwill_searchdocument USING gin (tsv_profile)",
    # Search reads the new column's lexeme frequencies from the statistics: gather them now.
    "ANALYZE goodwill_searchdocument",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS goodwill_search_tsv_profile",
    "ALTER TABLE goodwill_searchdocument DROP COLUMN IF EXISTS tsv_profile",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_FORWARD:
            schema_editor.execute(statement)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in POSTGRES_BACKWARD:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("goodwill", "0014_agenda_indexes")]

    operations = [migrations.RunPython(forward, backward)]
