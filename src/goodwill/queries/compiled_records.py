"""Model instances read through compile-once SQL (goodwill.queries.compiled).

`Compiled` gives tuples; a page whose templates and rules take model instances (a Person
page's steps, notes, timeline) gets them here: every concrete field is read, converted by
Django's own converters, and made into an instance by `Model.from_db`, as a queryset does.
Only the SQL is cached, never rows."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Model, QuerySet

from goodwill.queries.compiled import Compiled

M = TypeVar("M", bound=Model)


class CompiledRecords(Generic[M]):
    """`build(**inputs)` returns a queryset of `model` (filtered, ordered, maybe sliced);
    `records(**inputs)` returns what `list(build(**inputs))` would."""

    def __init__(self, model: type[M], build: Callable[..., QuerySet[Any, Any]], *, shape: Sequence[str] = ()):
        self.model = model
        self.names = [f.attname for f in model._meta.concrete_fields]

        def rows(**inputs: Any) -> QuerySet[Any, Any]:
            return build(**inputs).values_list(*self.names)

        rows.__qualname__ = getattr(build, "__qualname__", "rows")
        self.compiled = Compiled(rows, shape=shape)

    def records(self, **inputs: Any) -> list[M]:
        return [self.model.from_db(DEFAULT_DB_ALIAS, self.names, row) for row in self.compiled.rows(**inputs)]
