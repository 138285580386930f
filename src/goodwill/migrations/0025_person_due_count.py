# Issue 18: Today's count of the people due reads a narrow index of its own: at 100,000 people
# (21,864 due) PostgreSQL's count took 2.7 ms of the page's 6 ms of server time through the wide
# person_due (which keeps name, rhythm and id for the ranking).

from django.conf import settings
from django.db import migrations, models


def analyze_where_analyzed(apps, schema_editor):
    """An SQLite file someone ANALYZEd has statistics for every index but this new one, and
    SQLite's guess for an index it knows nothing of is that it is very selective: give it its
    own (a file never analysed, as Goodwill leaves them, stays so). PostgreSQL plans from the
    table's statistics, which autovacuum keeps."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("ANALYZE person_due_count")


class Migration(migrations.Migration):
    dependencies = [
        ("goodwill", "0024_person_keys_restrict"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["owner", "archived_at", "due_day", "snoozed_until"], name="person_due_count"),
        ),
        migrations.RunPython(analyze_where_analyzed, migrations.RunPython.noop),
    ]
