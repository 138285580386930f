"""Writes queries/prepared_sqlite.py: the agenda's reads compiled for SQLite, from their querysets.

`goodwill today` runs these reads without Django (queries.prepared). Each plan here is what
queries.compiled makes of the read's queryset on Django's SQLite backend (the same text,
slots and converters), turned into plain values: a list input's IN list is kept as one "?"
to write once per item where Django's SQL for two and three items is exactly that; otherwise
the plan is kept for the length the agenda passes. tests/queries/test_prepared.py builds the
file again and fails when it differs: run `scripts/prepared_sql.py` after changing a read.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from goodwill.queries import compiled
from goodwill.queries.prepared import _bind, name_reads, plan_key


def calls() -> list[tuple[compiled.Compiled, str, dict[str, Any]]]:
    """Every read `goodwill today` makes, in each mode and shape it makes it: its inputs here
    are stand-ins of the kinds and lengths the agenda passes (a day, an id, a list of ids)."""
    from goodwill.choice_values import TOUCH_KINDS, Ball
    from goodwill.queries import accounts, first_run, intros, rhythm, today, user_settings, yearly_dates

    day, moment = date(2026, 1, 2), datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    owner, ids = {"owner_id": 1}, [1, 2]
    due = {"owner_id": 1, "today_n": 20_000, "today": day}
    balls = [[Ball.MINE, Ball.BOTH], [Ball.THEIRS]]
    week = [f"01-0{d}" for d in range(1, 8)]
    found: list[tuple[compiled.Compiled, str, dict[str, Any]]] = [
        (accounts.LOCAL_USER, "rows", {"username": accounts.LOCAL_USERNAME, "names": ("id",)}),
        (accounts.DEFAULTS_THERE, "exists", {"user_id": 1}),
        (user_settings._SAVED, "rows", {"user_id": 1}),
        (first_run._ANYONE, "exists", owner),
        (first_run._ANY_TOUCH, "exists", owner),
        (rhythm.DUE_TOTAL, "count", due),
        (rhythm.RANKED, "rows", {**due, "limit": today.PEOPLE_SHOWN}),
        (rhythm.OF_RHYTHM, "rows", {**due, "rhythm": 30, "limit": today.PEOPLE_SHOWN}),
        (rhythm.RANKED_AMONG, "rows", {"ids": ids, "today_n": 20_000, "limit": today.PEOPLE_SHOWN}),
        (rhythm.FACTS, "rows", {"ids": ids}),
        (rhythm.LATEST, "rows", {"owner_id": 1, "ids": ids, "kinds": sorted(TOUCH_KINDS)}),
        (today.OWED, "rows", owner),
        (today.OWED_TO, "rows", {"ids": ids}),
        (today.REVIEWED, "exists", {"owner_id": 1, "since": moment}),
        (intros.FOLLOW_UPS, "rows", {"owner_id": 1, "today": day}),
        (yearly_dates.BIRTHDAYS, "rows", {"owner_id": 1, "month_days": week}),
    ]
    for wanted in balls:
        found.append(
            (today.STEP_IDS, "rows", {"owner_id": 1, "today": day, "balls": wanted, "limit": today.STEPS_SHOWN})
        )
        found.append((today.STEP_TOTAL, "count", {"owner_id": 1, "today": day, "balls": wanted}))
    found.append((today.STEP_ROWS, "rows", {"ids": ids}))
    # A week holds seven month-days, eight when it passes 28 February of a year without a 29th.
    for length in (7, 8):
        days = list(range(1, length + 1))
        found.append((yearly_dates.DATES, "rows", {"owner_id": 1, "months": [1] * length, "days": days}))
    return found


def build() -> dict[tuple[Any, ...], tuple[Any, ...]]:
    """The plans for calls(), on the default connection (an SQLite database)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        raise RuntimeError("prepared SQL is SQLite's: build it with an SQLite database")
    name_reads()
    plans: dict[tuple[Any, ...], tuple[Any, ...]] = {}
    for read, mode, inputs in calls():
        templated = _templated(read, mode, inputs, connection)
        if templated is not None:
            plans[plan_key(read, mode, inputs, templated=True)] = templated
        else:
            plans[plan_key(read, mode, inputs, templated=False)] = _plain(read, mode, inputs, connection)
    return dict(sorted(plans.items(), key=repr))


def _plain(read: compiled.Compiled, mode: str, inputs: dict[str, Any], connection: Any) -> tuple[Any, ...]:
    plan = read._compile(mode, inputs, connection)
    return _plain_plan(read, mode, inputs, plan, connection, each=())


def _templated(read: compiled.Compiled, mode: str, inputs: dict[str, Any], connection: Any) -> tuple[Any, ...] | None:
    """The plan with each list input's IN list as one "?" per item, when Django's SQL is exactly that."""
    lists = [name for name, value in inputs.items() if compiled._shape_of(name, value, read.shape)[0] == "items"]
    if not lists:
        return None

    def sized(length: int) -> dict[str, Any]:
        return {name: ([value[0]] * length if name in lists else value) for name, value in inputs.items()}

    one = read._compile(mode, sized(1), connection)
    if one.sql is None:
        return None
    template = _plain_plan(read, mode, inputs, one, connection, each=tuple(lists))
    for length in (2, 3):
        longer = read._compile(mode, sized(length), connection)
        if longer.sql is None:
            return None
        expected = _expanded(template, length)
        found = (_qmarks(longer.sql), tuple((s.name, s.position) for s in longer.slots))
        if found != expected:
            return None
    return template


def _expanded(template: tuple[Any, ...], length: int) -> tuple[str, tuple[Any, ...]]:
    """What Django's SQL and slots would be with every list `length` items long, by the template."""
    slots = template[1]
    lists = {name: [None] * length for name, position, _adapt, _constant in slots if position == "each"}
    text, _params = _bind(template[0], slots, {name: None for name, *_ in slots if name} | lists)
    named = [
        (name, item)
        for name, position, _adapt, _constant in slots
        for item in (range(length) if position == "each" else [position])
    ]
    return text, tuple(named)


def _qmarks(sql: str) -> str:
    # What Django's SQLite cursor sends: its "%s" as "?", and "%%" as "%".
    return sql.replace("%s", "?").replace("%%", "%")


def _plain_plan(
    read: compiled.Compiled, mode: str, inputs: dict[str, Any], plan: Any, connection: Any, *, each: tuple[str, ...]
) -> tuple[Any, ...]:
    if plan.sql is None:
        return (None, (), (), None, False, ())
    sql = _qmarks(plan.sql)
    if sql.count("?") != len(plan.slots) or "django_" in sql:
        # A "?" of its own would shift the slots; a django_ function is one only Django's connection has.
        raise ValueError(f"{read.name}: its SQL can't be prepared: {sql}")
    slots = []
    for slot in plan.slots:
        position = "each" if slot.name in each else slot.position
        if slot.name is None and not isinstance(slot.constant, str | int | float | bool | type(None)):
            raise ValueError(f"{read.name}: a constant {slot.constant!r} can't be written out")
        constant = str(slot.constant) if isinstance(slot.constant, str) else slot.constant  # a choice's text
        slots.append((slot.name, position, _adapter(read, slot.adapt), constant))
    converters = tuple(
        (column, tuple(_converter(read, c, expression) for c in convs)) for column, convs, expression in plan.converters
    )
    queryset = compiled._values_list(read.build, inputs)
    columns = tuple(queryset._fields) if mode == "rows" else ()  # type: ignore[attr-defined]  # values_list's names
    return (sql, tuple(slots), converters, plan.width, plan.flat, columns)


_ADAPTERS = {"adapt_datefield_value": "date", "adapt_datetimefield_value": "datetime"}
_CONVERTERS = {
    "convert_datefield_value": "date",
    "convert_datetimefield_value": "datetime",
    "convert_booleanfield_value": "bool",
}
_NUMBERS = {
    "IntegerField": "int",
    "BigIntegerField": "int",
    "SmallIntegerField": "int",
    "PositiveIntegerField": "int",
    "PositiveSmallIntegerField": "int",
    "AutoField": "int",
    "BigAutoField": "int",
    "FloatField": "float",
}


def _adapter(read: compiled.Compiled, adapt: Any) -> str | None:
    if adapt is None:
        return None
    kind = _ADAPTERS.get(getattr(adapt, "__name__", ""))
    if kind is None:
        raise ValueError(f"{read.name}: no plain adapter for {adapt!r}")
    return kind


def _converter(read: compiled.Compiled, converter: Any, expression: Any) -> str:
    name = getattr(converter, "__name__", "")
    if name in _CONVERTERS:
        return _CONVERTERS[name]
    field = expression.output_field
    if name == "from_db_value" and field.get_internal_type() == "JSONField" and field.decoder is None:
        return "json"
    if converter == expression.convert_value and field.get_internal_type() in _NUMBERS:
        return _NUMBERS[field.get_internal_type()]
    raise ValueError(f"{read.name}: no plain converter for {name or converter!r} ({field.get_internal_type()})")


HEADER = '''"""The agenda's reads as SQLite SQL, for `goodwill today` without Django (queries.prepared).

Generated by scripts/prepared_sql.py from the reads' querysets (queries.prepared_build): do not
edit; tests/queries/test_prepared.py fails when it differs from what the querysets compile to.
Each key: (read, mode, the inputs' shapes); each plan: (sql, slots, converters, width, flat,
columns), a slot (input, position or "each", adapter, constant)."""

# fmt: off
PLANS = '''


def render(plans: dict[tuple[Any, ...], tuple[Any, ...]]) -> str:
    """The module's text: a plan a few lines, its SQL on one."""
    lines = [HEADER + "{"]
    for key, plan in plans.items():
        lines.append(f"    {key!r}: (")
        lines.extend(f"        {part!r}," for part in plan)
        lines.append("    ),")
    lines.append("}")
    return "\n".join(lines) + "\n"
