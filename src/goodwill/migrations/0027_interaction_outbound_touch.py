# Issue 18: momentum counts each owner's outbound touches per quarter hour; this partial index
# holds those touches alone, by owner and time, so the count reads no row of the interaction
# table (at 100,000 people / 1,000,000 interactions: ~1 s of random reads for 35 weeks).
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
            cursor.execute("ANALYZE interaction_outbound_touch")


class Migration(migrations.Migration):
    dependencies = [("goodwill", "0026_searchdoc_owner_person")]

    operations = [
        migrations.AddIndex(
            model_name="interaction",
            index=models.Index(
                condition=models.Q(direction="outbound")
                & (
                    models.Q(kind="call")
                    | models.Q(kind="email")
                    | models.Q(kind="event")
                    | models.Q(kind="meeting")
                    | models.Q(kind="message")
                ),
                fields=["owner", "occurred_at"],
                name="interaction_outbound_touch",
            ),
        ),
        migrations.RunPython(analyze_where_analyzed, migrations.RunPython.noop),
    ]
