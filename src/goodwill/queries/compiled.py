"""Hot reads whose SQL is compiled once, then run with fresh parameters on every call.

Django compiles a queryset's SQL on every evaluation; for the agenda that compiling
was most of its time (issue 18). A `Compiled` read keeps the ORM queryset as its
definition (one rule, one place) and caches only the SQL text, per database vendor
and shape: the values (owner, today, ids) are bound anew on every call, so a cached
read can never return stale rows.

A read's first call with a given shape runs its queryset as Django would (one compile); the
second compiles the plan and keeps it. A one-shot command (`goodwill today`) makes each read
once, and compiling a plan it never reused (twice, see below) cost it ~8 ms of CPU.

How the parameters are found: the queryset is built twice, with two different sets
of marker values; each marker must reach the SQL as itself (or as the backend's own
adaptation of a date or datetime), and everything else must come out the same both
times. A value the build derives from an input (a day number from a date), or SQL
that changes with a value, fails loudly when the plan is compiled (the second call): pass
the derived value in, or name the input in `shape` (its value then keys the cache, as a
LIMIT must).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

# Django is imported where a read is compiled or run through it, not here: `goodwill today`
# runs the agenda's reads from their prepared SQL without setting Django up (queries.prepared).
if TYPE_CHECKING:
    from django.db.models import QuerySet

Adapt = Callable[[Any], Any]
Row = tuple[Any, ...]

# A plan and its slots are NamedTuples: as immutable and comparable as frozen dataclasses, and
# each costs ~0.15 ms to define against ~0.7 ms (this module loads in every command that reads).


class _Slot(NamedTuple):
    """Where one SQL parameter comes from: an input (`name`, item `position` of a list) or a constant."""

    name: str | None
    position: int | None = None
    adapt: Adapt | None = None
    constant: Any = None


class _Plan(NamedTuple):
    sql: str | None  # None: the shape can match nothing (an empty IN list)
    slots: tuple[_Slot, ...]
    converters: tuple[tuple[int, tuple[Any, ...], Any], ...]  # (column, converters, expression)
    width: int | None  # trim rows to this many columns (Django's extra ordering columns)
    flat: bool = False  # values_list(flat=True): the first column alone


class PreparedRunner(Protocol):
    """What runs the reads in place of Django's connection (queries.prepared)."""

    vendor: str

    def run(self, read: Compiled, mode: str, inputs: dict[str, Any]) -> list[Any]: ...

    def raw(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]: ...


# Set by queries.prepared.use for a process that never sets Django up; None: Django runs every read.
_runner: PreparedRunner | None = None


def use_runner(runner: PreparedRunner | None) -> None:
    global _runner
    _runner = runner


def prepared() -> PreparedRunner | None:
    """The runner in use where the reads run without Django, else None."""
    return _runner


def vendor() -> str:
    """The database's vendor ("sqlite", "postgresql"), whichever way the reads run."""
    if _runner is not None:
        return _runner.vendor
    from django.db import connection

    return connection.vendor


def raw_rows(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """A statement written by hand (pyformat, `%(name)s`), run whichever way the reads run."""
    if _runner is not None:
        return _runner.raw(sql, params)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


class Compiled:
    """One read: `build(**inputs)` returns its queryset (a `values_list`, flat or not).

    `rows(**inputs)` runs it and returns what `list(build(**inputs))` would, as a list;
    `count(**inputs)` and `exists(**inputs)` what `.count()` and `.exists()` would."""

    def __init__(self, build: Callable[..., QuerySet[Any, Any]], *, shape: Sequence[str] = ()) -> None:
        self.build = build
        self.name = ""  # module.ATTRIBUTE, given by queries.prepared where it runs prepared SQL
        self.shape = frozenset(shape)
        self._plans: dict[tuple[Any, ...], _Plan] = {}
        self._run_once: set[tuple[Any, ...]] = set()  # shapes run once as querysets, no plan yet

    def rows(self, **inputs: Any) -> list[Any]:
        return self._run("rows", inputs)

    def count(self, **inputs: Any) -> int:
        found = self._run("count", inputs)
        return found[0] if found else 0

    def exists(self, **inputs: Any) -> bool:
        return bool(self._run("exists", inputs))

    def sql(self, **inputs: Any) -> tuple[str | None, list[Any]]:
        """The statement and parameters `rows` sends for these inputs (for tests and EXPLAIN)."""
        from django.db import DEFAULT_DB_ALIAS, connections

        plan = self._plan("rows", inputs, connections[DEFAULT_DB_ALIAS])
        return plan.sql, _bind(plan, inputs)

    def _run(self, mode: str, inputs: dict[str, Any]) -> list[Any]:
        if _runner is not None:
            return _runner.run(self, mode, inputs)
        from django.db import DEFAULT_DB_ALIAS, connections

        connection = connections[DEFAULT_DB_ALIAS]
        key = self._key(mode, inputs, connection)
        if key not in self._plans and key not in self._run_once:
            self._run_once.add(key)
            return self._run_queryset(mode, inputs)
        plan = self._plan(mode, inputs, connection)
        if plan.sql is None:
            return []
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, _bind(plan, inputs))
            fetched = cursor.fetchall()
        convert = (lambda row: _convert(row, plan.converters, connection)) if plan.converters else None
        return shaped(fetched, mode, plan.width, plan.flat, convert)

    def _run_queryset(self, mode: str, inputs: dict[str, Any]) -> list[Any]:
        """What a plan's run returns, from the queryset itself: Django compiles it once."""
        queryset = _values_list(self.build, inputs)
        if mode == "count":
            return [queryset.count()]
        if mode == "exists":
            return [True] if queryset.exists() else []
        return list(queryset)

    def _key(self, mode: str, inputs: dict[str, Any], connection: Any) -> tuple[Any, ...]:
        return (
            connection.vendor,
            mode,
            *sorted((name, _shape_of(name, value, self.shape)) for name, value in inputs.items()),
        )

    def _plan(self, mode: str, inputs: dict[str, Any], connection: Any) -> _Plan:
        key = self._key(mode, inputs, connection)
        plan = self._plans.get(key)
        if plan is None:
            plan = self._plans[key] = self._compile(mode, inputs, connection)
        return plan

    def _compile(self, mode: str, inputs: dict[str, Any], connection: Any) -> _Plan:
        first = self._compile_with(mode, inputs, connection, 0)
        second = self._compile_with(mode, inputs, connection, 1)
        if (first.sql, first.slots) != (second.sql, second.slots):
            raise TypeError(
                f"{self.build.__qualname__}: its SQL depends on a value that is not an input as given; "
                "pass derived values in, or name the input in shape"
            )
        return first

    def _compile_with(self, mode: str, inputs: dict[str, Any], connection: Any, variant: int) -> _Plan:
        from django.core.exceptions import EmptyResultSet
        from django.db.models.query import FlatValuesListIterable

        markers, known = _markers(inputs, self.shape, variant, connection)
        queryset = _values_list(self.build, markers)
        flat = queryset._iterable_class is FlatValuesListIterable
        sliced = queryset.query.is_sliced
        if mode != "rows" and not sliced:  # as count() and exists() do: no ordering, the ids alone
            queryset = queryset.order_by().values_list("pk")
            if mode == "exists":
                queryset = queryset[:1]
        compiler = queryset.query.get_compiler(connection=connection)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            return _Plan(None, (), (), None)
        if mode == "count":
            sql = f'SELECT COUNT(*) FROM ({sql}) "counted"'
        elif mode == "exists" and sliced:
            sql = f'SELECT 1 FROM ({sql}) "found" LIMIT 1'
        slots = tuple(_slot(param, known) for param in params)
        if mode != "rows":
            return _Plan(sql, slots, (), None)
        fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = tuple(
            (column, tuple(convs), expression)
            for column, (convs, expression) in sorted(compiler.get_converters(fields).items())
        )
        return _Plan(sql, slots, converters, compiler.col_count if compiler.has_extra_select else None, flat)


def shaped(
    fetched: list[Any], mode: str, width: int | None, flat: bool, convert: Callable[[Any], Any] | None
) -> list[Any]:
    """A plan's rows as `rows`, `count` or `exists` returns them, from what the cursor fetched."""
    if mode != "rows":
        return [row[0] for row in fetched]
    if width is not None:
        fetched = [row[:width] for row in fetched]
    if convert is not None:
        fetched = [convert(row) for row in fetched]
    if flat:
        return [row[0] for row in fetched]
    return [tuple(row) for row in fetched]


def _values_list(build: Callable[..., QuerySet[Any, Any]], inputs: dict[str, Any]) -> QuerySet[Any, Any]:
    from django.db.models.query import FlatValuesListIterable, ValuesListIterable

    queryset = build(**inputs)
    if queryset._iterable_class not in (ValuesListIterable, FlatValuesListIterable):
        raise TypeError(f"{build.__qualname__}: build a values_list() queryset")
    return queryset


def padded(ids: list[int]) -> list[int]:
    """`ids` repeated out to a power of two, for an IN list of unbounded length: the same
    rows, and a handful of SQL shapes to keep instead of one for every count."""
    size = 1 << max(0, len(ids) - 1).bit_length()
    return ids + ids[-1:] * (size - len(ids))


def _shape_of(name: str, value: Any, shape: frozenset[str]) -> Any:
    """What of an input the SQL text may depend on: a list's length; a shape input's value."""
    if name in shape or value is None or isinstance(value, bool):
        return ("value", value)
    if isinstance(value, list | tuple):
        return ("items", len(value))
    return ("bound", type(value).__name__)


# Inside a small integer's range: Django turns a lookup with an out-of-range value into no SQL at all.
_BASE = (20_011, 26_017)


def _marker(value: Any, variant: int, serial: int) -> Any:
    """A value of the same kind as `value`, unlike any real one, different per variant."""
    if isinstance(value, datetime):
        return datetime(1901 + 40 * variant, 2, 3, 4, 5, 6, tzinfo=UTC) + timedelta(minutes=serial)
    if isinstance(value, date):
        return date(1903 + 40 * variant, 3, 5) + timedelta(days=serial)
    if isinstance(value, int):
        return _BASE[variant] + serial
    if isinstance(value, float):
        return _BASE[variant] + serial + 0.25
    if isinstance(value, str):
        return f"\x02marker{variant}-{serial}\x03"
    raise TypeError(f"no marker for a {type(value).__name__}; name it in shape")


def _markers(
    inputs: dict[str, Any], shape: frozenset[str], variant: int, connection: Any
) -> tuple[dict[str, Any], list[tuple[Any, _Slot]]]:
    """The build's inputs with markers in place of bound values, and how each marker can reach the SQL."""
    ops = connection.ops
    markers: dict[str, Any] = {}
    known: list[tuple[Any, _Slot]] = []
    serial = 0
    for name, value in sorted(inputs.items()):
        kind = _shape_of(name, value, shape)[0]
        if kind == "value":
            markers[name] = value
            continue
        items = list(value) if kind == "items" else [value]
        made = []
        for index, item in enumerate(items):
            serial += 1
            marker = _marker(item, variant, serial)
            made.append(marker)
            forms: list[tuple[Any, Adapt | None]] = [(marker, None)]
            if isinstance(item, datetime):
                forms.append((ops.adapt_datetimefield_value(marker), ops.adapt_datetimefield_value))
            elif isinstance(item, date):
                forms.append((ops.adapt_datefield_value(marker), ops.adapt_datefield_value))
            for form, adapt in forms[:1] + [(f, a) for f, a in forms[1:] if f != marker]:
                known.append((form, _Slot(name, index if kind == "items" else None, adapt)))
        markers[name] = made if kind == "items" else made[0]
    return markers, known


@dataclass(frozen=True)  # a dataclass: mypy takes a NamedTuple's __call__ for no callable
class _Wrapped:
    wrap: Callable[[Any], Any]
    adapt: Adapt

    def __call__(self, value: Any) -> Any:
        return self.wrap(self.adapt(value))


def _slot(param: Any, known: list[tuple[Any, _Slot]]) -> _Slot:
    matches = {slot for form, slot in known if isinstance(param, type(form)) and form == param}
    if len(matches) > 1:
        raise TypeError(f"ambiguous SQL parameter {param!r}")
    if not matches:
        return _Slot(None, constant=param)
    slot = matches.pop()
    if type(param) in (int, str, float, date, datetime):
        return slot
    # The backend wrapped the value in a subclass (psycopg's Int4 for an integer Value): wrap ours alike.
    adapt: Adapt = _Wrapped(type(param), slot.adapt) if slot.adapt else type(param)
    return _Slot(slot.name, slot.position, adapt)


def _bind(plan: _Plan, inputs: dict[str, Any]) -> list[Any]:
    params = []
    for slot in plan.slots:
        if slot.name is None:
            params.append(slot.constant)
            continue
        value = inputs[slot.name] if slot.position is None else inputs[slot.name][slot.position]
        params.append(slot.adapt(value) if slot.adapt else value)
    return params


def _convert(row: Row, converters: tuple[tuple[int, tuple[Any, ...], Any], ...], connection: Any) -> list[Any]:
    values = list(row)
    for column, convs, expression in converters:
        value = values[column]
        for converter in convs:
            value = converter(value, expression, connection)
        values[column] = value
    return values


def plain_rows(queryset: QuerySet[Any, Any]) -> list[Row]:
    """The rows of a `values_list` queryset as the database cursor returns them, without
    Django's per-row iteration: for reads of thousands of rows of plain numbers (ids, counts,
    scores), where building each row cost more than the database took to send it (the key
    relationships page: 27 ms for 8,000 grouped rows). Numbers come as the driver gives them
    (an int for an id or a count, a float for a FloatField): Django's own int()/float() casts
    are skipped. A column Django would convert otherwise (a date on SQLite, a JSON field)
    would come back raw, so such a queryset is refused."""
    from django.core.exceptions import EmptyResultSet
    from django.db import connections
    from django.db.models.query import ValuesListIterable

    if queryset._iterable_class is not ValuesListIterable:
        raise TypeError("plain_rows: build a values_list() queryset")
    connection = connections[queryset.db]
    compiler = queryset.query.get_compiler(connection=connection)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return []
    fields = [selected[0] for selected in compiler.select[: compiler.col_count]]
    for converters, expression in compiler.get_converters(fields).values():
        if any(not _a_number_cast(converter, expression) for converter in converters):
            raise TypeError("plain_rows: a column needs Django's conversion; read it with the queryset")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[Row] = cursor.fetchall()
    if compiler.has_extra_select:
        return [row[: compiler.col_count] for row in rows]
    return rows


def _a_number_cast(converter: Any, expression: Any) -> bool:
    """Django's int() or float() of an integer or float expression (a count, a maximum)."""
    numbers = ("FloatField", "IntegerField", "BigIntegerField", "PositiveIntegerField", "SmallIntegerField")
    return converter == expression.convert_value and expression.output_field.get_internal_type() in numbers
