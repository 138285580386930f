# Issue 18: on PostgreSQL, the foreign keys to a person refuse a delete at once (RESTRICT)
# instead of checking at commit (NO ACTION): undoing a 30,000-person import spent most of its
# time in those checks. goodwill.person_keys says why; apps.py keeps it so after every migrate.
# SQLite is unchanged.

from django.db import migrations


def restrict(apps, schema_editor):
    from goodwill import person_keys

    person_keys.restrict(schema_editor.connection)


def no_action(apps, schema_editor):
    from goodwill import person_keys

    person_keys.no_action(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("goodwill", "0023_agenda_order_indexes")]

    operations = [migrations.RunPython(restrict, no_action)]
