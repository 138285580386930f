# Issue 18: SQLite's postings are read from FTS5's own index (goodwill.search.fts5_postings):
# - goodwill_search_words, an fts5vocab table of the index's term instances (document, column,
#   offset): a view of the index, nothing stored, nothing to write;
# - an index of each document's owner and person, so that FTS5's documents (by rowid) are
#   named by their people from the index alone, not from the table, whose rows hold every
#   column's text: at 100,000 people that lookup was most of reading a common word's postings.
# The SQL is frozen here (not imported) so later code changes never alter this migration.

from django.db import migrations, models


WORDS = "CREATE VIRTUAL TABLE goodwill_search_words USING fts5vocab(goodwill_search_fts, instance)"


def create_words(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(WORDS)


def drop_words(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS goodwill_search_words")


def analyze_where_analyzed(apps, schema_editor):
    """As 0025: an SQLite file someone ANALYZEd gets statistics for the new index too."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("ANALYZE searchdoc_owner_person")


class Migration(migrations.Migration):
    dependencies = [("goodwill", "0025_person_due_count")]

    operations = [
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(fields=["owner", "person"], name="searchdoc_owner_person"),
        ),
        migrations.RunPython(analyze_where_analyzed, migrations.RunPython.noop),
        migrations.RunPython(create_words, drop_words),
    ]
