# Issue 18: the week's birthdays on Today, from an index on both databases.
#
# Today asks for the people whose birthday's month and day ("07-17" of "--07-17" or
# "1985-07-17") is one of the week's seven. queries/yearly_dates writes that expression, and
# the condition birthday > '', with no bound values (substr(birthday, -5) on SQLite,
# RIGHT(birthday, 5) on PostgreSQL), so this index matches them: a probe per day instead of
# reading every person with a birthday (4.2 ms of a 19.7 ms Today page at 100,000 people on
# SQLite, 30,000 birthdays). 0014 had left SQLite without one: Django's Right() binds its
# length, which no expression index can match, and a prepared statement's generic plan on
# PostgreSQL could not prove a bound '' against 0014's partial index either.
#
# Partial (birthday > ''): an import of people without birthdays writes nothing to it, and it
# serves the whole year's birthdays (the calendar feed) too, so person_birthday, the range on
# (owner, birthday) that served both before, goes. archived_at is in it as in the query: an
# SQLite file, never ANALYZEd on a laptop, then prefers it to person_rhythm_due's (owner_id,
# archived_at).

from django.db import migrations

SQLITE = (
    "CREATE INDEX person_birthday_day ON goodwill_person (owner_id, archived_at, substr(birthday, -5)) "
    "WHERE birthday > ''"
)
POSTGRES = (
    "CREATE INDEX person_birthday_day ON goodwill_person (owner_id, archived_at, RIGHT(birthday, 5)) "
    "WHERE birthday > ''"
)
POSTGRES_0014 = "CREATE INDEX person_birthday_day ON goodwill_person (owner_id, RIGHT(birthday, 5)) WHERE birthday > ''"


def forward(apps, schema_editor):
    postgres = schema_editor.connection.vendor == "postgresql"
    schema_editor.execute("DROP INDEX IF EXISTS person_birthday_day")
    schema_editor.execute(POSTGRES if postgres else SQLITE)


def backward(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS person_birthday_day")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_0014)


class Migration(migrations.Migration):
    dependencies = [("goodwill", "0021_search_offer_postings")]

    operations = [
        migrations.RemoveIndex(model_name="person", name="person_birthday"),
        migrations.RunPython(forward, backward),
    ]
