"""The agenda's reads without Django: their SQL prepared ahead, run through the sqlite3 driver.

Setting Django up costs a `goodwill today` ~0.9 G instructions, three quarters of the command
(issue 18: a fresh `today` ≤ 0.25 s of CPU). The reads the agenda makes are `Compiled` reads
(queries.compiled): an ORM queryset that is the one definition of each. Their SQLite text,
parameter slots and column conversions are written out ahead into queries/prepared_sqlite.py
by queries.prepared_build (`scripts/prepared_sql.py`), and a test builds them again from the
querysets and fails when the file differs. This module runs them: `use(path)` opens the file,
and every `Compiled` read of READ_MODULES then answers from its prepared SQL.

A read or a shape with no prepared SQL (one that prepared_build.calls() does not list),
a value the plain conversions can't read, or a user not set up raises NotPrepared: the command
then sets Django up and runs again the ordinary way, so the prepared path can only be faster,
never different. Nothing here writes.
"""

from __future__ import annotations

import importlib
import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from goodwill.queries import compiled

# The modules whose Compiled reads the agenda makes; a read's name is module.ATTRIBUTE.
READ_MODULES = (
    "goodwill.queries.accounts",
    "goodwill.queries.first_run",
    "goodwill.queries.intros",
    "goodwill.queries.rhythm",
    "goodwill.queries.today",
    "goodwill.queries.user_settings",
    "goodwill.queries.yearly_dates",
)
# How a list input's length shows in a templated plan's key: any length, one "?" expanded.
ANY_LENGTH = None


class NotPrepared(Exception):
    """This read can't run from prepared SQL: run the command through Django instead."""


def name_reads() -> list[compiled.Compiled]:
    """Every Compiled read of READ_MODULES, named module.ATTRIBUTE."""
    reads = []
    for module_name in READ_MODULES:
        for attribute, value in vars(importlib.import_module(module_name)).items():
            if isinstance(value, compiled.Compiled):
                value.name = f"{module_name}.{attribute}"
                reads.append(value)
    return reads


def plan_key(read: compiled.Compiled, mode: str, inputs: dict[str, Any], *, templated: bool) -> tuple[Any, ...]:
    """Which prepared plan answers this call: the read, the mode, and the inputs' shapes as
    queries.compiled keys its own plans (a list's length left out where `templated`)."""
    shapes = []
    for name, value in sorted(inputs.items()):
        shape = compiled._shape_of(name, value, read.shape)
        if templated and shape[0] == "items":
            shape = ("items", ANY_LENGTH)
        shapes.append((name, shape))
    return (read.name, mode, tuple(shapes))


def _adapt(kind: str | None, value: Any) -> Any:
    """A value as Django's SQLite operations bind it (adapt_datefield_value, adapt_datetimefield_value)."""
    if value is None or kind is None:
        return str(value) if isinstance(value, str) else value  # a StrEnum binds as its text
    if kind == "date":
        return str(value)
    if kind == "datetime":
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return str(value)
    raise NotPrepared(f"no adapter {kind!r}")


def _convert(kind: str, value: Any) -> Any:
    """A column as Django's converters return it on SQLite (dates and times in UTC, as USE_TZ)."""
    if value is None:
        return None
    try:
        if kind == "datetime":
            found = value if isinstance(value, datetime) else datetime.fromisoformat(value)
            return found if found.tzinfo is not None else found.replace(tzinfo=UTC)
        if kind == "date":
            return value if isinstance(value, date) else date.fromisoformat(value)
        if kind == "bool":
            return bool(value) if value in (1, 0) else value
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "json":
            return json.loads(value)
    except (TypeError, ValueError) as exc:
        raise NotPrepared(f"a {kind} column read {value!r}") from exc
    raise NotPrepared(f"no converter {kind!r}")


class PreparedSQLite:
    """Runs the named reads from their prepared plans on one sqlite3 connection."""

    vendor = "sqlite"

    def __init__(self, connection: sqlite3.Connection, plans: dict[tuple[Any, ...], tuple[Any, ...]]) -> None:
        self.connection = connection
        self.plans = plans
        self.columns: dict[str, tuple[str, ...]] = {}  # each read's columns, as its last plan named them

    def run(self, read: compiled.Compiled, mode: str, inputs: dict[str, Any]) -> list[Any]:
        plan = self.plans.get(plan_key(read, mode, inputs, templated=True))
        if plan is None or any(position == "each" and not inputs[name] for name, position, *_ in plan[1]):
            # No template, or an empty list (Django's SQL for it is its own): the plan of this length.
            plan = self.plans.get(plan_key(read, mode, inputs, templated=False))
        if plan is None:
            raise NotPrepared(f"no prepared SQL for {read.name or read.build.__qualname__} ({mode})")
        sql, slots, converters, width, flat, columns = plan
        self.columns[read.name] = columns
        if sql is None:  # the shape matches nothing (an empty IN list)
            return []
        text, params = _bind(sql, slots, inputs)
        fetched = self.connection.execute(text, params).fetchall()
        convert = (lambda row: _converted(row, converters)) if converters else None
        return compiled.shaped(fetched, mode, width, flat, convert)

    def raw(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        # Django's SQLite cursor turns pyformat into named parameters the same way.
        return self.connection.execute(sql % {name: f":{name}" for name in params}, params).fetchall()


def _bind(sql: str, slots: tuple[Any, ...], inputs: dict[str, Any]) -> tuple[str, list[Any]]:
    """The statement with each list slot's "?" written once per item, and its parameters."""
    pieces = sql.split("?")
    text = [pieces[0]]
    params: list[Any] = []
    for index, (name, position, adapt, constant) in enumerate(slots):
        if name is None:
            params.append(constant)
            text.append("?")
        elif position == "each":
            items = list(inputs[name])
            params.extend(_adapt(adapt, item) for item in items)
            text.append(", ".join("?" * len(items)))
        else:
            value = inputs[name] if position is None else inputs[name][position]
            params.append(_adapt(adapt, value))
            text.append("?")
        text.append(pieces[index + 1])
    return "".join(text), params


def _converted(row: tuple[Any, ...], converters: tuple[tuple[int, tuple[str, ...]], ...]) -> list[Any]:
    values = list(row)
    for column, kinds in converters:
        for kind in kinds:
            values[column] = _convert(kind, values[column])
    return values


def plain_record(read: compiled.Compiled, rows: list[Any]) -> Any:
    """A read's one row as a record with its columns' names (settings_for's row, prepared)."""
    runner = compiled.prepared()
    if not rows or not isinstance(runner, PreparedSQLite) or read.name not in runner.columns:
        raise NotPrepared(f"no row for {read.name}")
    return SimpleNamespace(**dict(zip(runner.columns[read.name], rows[0], strict=True)))


def use(path: Path) -> PreparedSQLite:
    """Run the named reads from their prepared SQL on the SQLite file at `path`, from now on."""
    from goodwill.queries.prepared_sqlite import PLANS

    name_reads()
    runner = PreparedSQLite(sqlite3.connect(f"{path.as_uri()}?mode=rw", uri=True), PLANS)  # never creates it
    compiled.use_runner(runner)
    return runner


def stop() -> None:
    """Back to Django for every read (when done, or after a NotPrepared before running again)."""
    runner = compiled.prepared()
    compiled.use_runner(None)
    if isinstance(runner, PreparedSQLite):
        runner.connection.close()
