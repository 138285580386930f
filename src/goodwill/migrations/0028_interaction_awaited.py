# Response stats (`goodwill replies`, the Replies page, GET /replies) read everything that
# awaited the user's reply over twelve months, answered or not; through interaction_when that
# was every interaction of the year, each a look-up of its row (at 100,000 people / 1,000,000
# interactions: ~700,000 rows read for ~56,000 kept, 1.2 s). This partial index holds only
# those that awaited a reply, with when they were answered (and the flag itself, which SQLite
# wants among an index's columns to cover the read): the read touches no table row.
# The SQL is frozen here (not imported) so later code changes never alter this migration.

from django.db import migrations, models


def analyze_where_analyzed(apps, schema_editor):
    """As 0025: an SQLite file someone ANALYZEd gets statistics for the new index too."""
    connection = schema_editor.connection
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        if cursor.fetchone():
            cursor.execute("ANALYZE interaction_awaited")


class Migration(migrations.Migration):
    dependencies = [("goodwill", "0027_interaction_outbound_touch")]

    operations = [
        migrations.AddIndex(
            model_name="interaction",
            index=models.Index(
                condition=models.Q(awaiting_reply=True),
                fields=["owner", "occurred_at", "replied_at", "awaiting_reply"],
                name="interaction_awaited",
            ),
        ),
        migrations.RunPython(analyze_where_analyzed, migrations.RunPython.noop),
    ]
