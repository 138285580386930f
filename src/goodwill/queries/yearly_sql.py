"""The SQL expressions the yearly dates' reads are built with (queries.yearly_dates): Django
classes, in a module of their own so that `goodwill today` can import the reads without Django."""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, CharField, Func


class MonthDay(Func):
    """A stored birthday's month and day ("--07-17", "1985-07-17" → "07-17").

    Written with no bound values, exactly as the person_birthday_day index is (migration
    0022): an index on an expression matches only the same expression, and Django's own
    Right() binds its length, and on SQLite its sign, as parameters."""

    arity = 1
    output_field = CharField()
    template = "RIGHT(%(expressions)s, 5)"

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="substr(%(expressions)s, -5)", **extra)


class Filled(Func):
    """`column > ''` with no bound value: person_birthday_day's own condition (it holds only the
    people with a birthday), which PostgreSQL's generic plan of a prepared statement can prove
    only against the literal."""

    arity = 1
    output_field = BooleanField()
    template = "%(expressions)s > ''"
