"""The change marker that lets the web app cache rendered pages (goodwill/data_version.py).

SQLite only: a one-row counter and a trigger per table and event. PostgreSQL
needs nothing (its marker is the transaction snapshot)."""
from django.db import migrations


def forwards(apps, schema_editor):
    from goodwill import data_version

    data_version.install(schema_editor.connection, apps)


def backwards(apps, schema_editor):
    from goodwill import data_version

    data_version.uninstall(schema_editor.connection, apps)


class Migration(migrations.Migration):

    dependencies = [
        ("goodwill", "0004_search_stale_partial_index"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
