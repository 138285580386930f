# Issue 18: the agenda's reads on PostgreSQL.

from django.conf import settings
from django.db import migrations, models

# The week's birthdays filter on RIGHT(birthday, 5) (queries/yearly_dates). PostgreSQL
# otherwise computes it for every person with a birthday (30 ms at 100k people; 0.7 ms with
# this index). PostgreSQL only: Django writes the expression with bound parameters on SQLite,
# which an index cannot match, and SQLite's person_birthday range is quick enough there.
BIRTHDAY_DAY = "CREATE INDEX person_birthday_day ON goodwill_person (owner_id, RIGHT(birthday, 5)) WHERE birthday > ''"


PERSON_DUE_FIELDS = ['owner', 'archived_at', 'due_day', 'snoozed_until', 'rhythm_days', 'name']
PERSON_DUE = models.Index(fields=PERSON_DUE_FIELDS, include=('id',), name='person_due')


def _rebuild_person_due(apps, schema_editor, index):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS person_due")
    schema_editor.execute(index.create_sql(apps.get_model('goodwill', 'Person'), schema_editor))


def include_id(apps, schema_editor):
    _rebuild_person_due(apps, schema_editor, PERSON_DUE)


def exclude_id(apps, schema_editor):
    _rebuild_person_due(apps, schema_editor, models.Index(fields=PERSON_DUE_FIELDS, name='person_due'))


def add_birthday_day(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BIRTHDAY_DAY)


def drop_birthday_day(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS person_birthday_day")


class Migration(migrations.Migration):

    dependencies = [
        ('goodwill', '0013_hs_strength_stale'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # SQLite's rowid gave person_due the id for free; PostgreSQL needs it included for an
        # index-only ranking of who is most overdue. SQLite ignores INCLUDE, so its index (and
        # the planner statistics ANALYZE gathered on it) stays as it was.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name='person', name='person_due'),
                migrations.AddIndex(model_name='person', index=PERSON_DUE),
            ],
            database_operations=[migrations.RunPython(include_id, exclude_id)],
        ),
        migrations.RunPython(add_birthday_day, drop_birthday_day),
    ]
