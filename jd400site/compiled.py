"""The few queries every page view runs, compiled to SQL once instead of on every request.

A kept page (jd400site/page_cache.py) costs little more than the reads that name what it
shows: the case by its token, the browser's session, the operators' tables. Django builds
a query's SQL anew each time it runs, and for a model with many columns that costs several
times the query itself (0.55 ms against 0.07 ms for the case by its token on SQLite). So
these reads are written as ordinary querysets, compiled once per database connection, and
afterwards only executed; the rows go through the same converters and `Model.from_db` as
the ORM's, so what comes back is what the queryset itself would have returned (tests hold
the two side by side on SQLite and PostgreSQL).

Only text arguments (tokens, keys) and lists of them are supported: they reach the SQL
unchanged, which is what lets the compiled statement be reused with other values.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper

M = TypeVar("M", bound=models.Model)
Argument = str | Sequence[str]


@dataclass(frozen=True)
class _Plan:
    sql: str
    # Per SQL parameter: (argument index, item index or None) for a caller's value, or
    # (None, constant) for one the queryset fixed (`active=True`).
    slots: tuple[tuple[int | None, Any], ...]
    converters: dict[int, tuple[list[Callable[..., Any]], Any]]
    model: type[models.Model]
    attnames: tuple[str, ...] | None  # whole models: their columns in order; else tuples


def _marker(argument: int, item: int | None) -> str:
    # Nothing a caller could pass: the NUL keeps it out of any real token or key.
    return f"\x00compiled:{argument}:{item}\x00"


class Compiled(Generic[M]):
    """`build(*arguments)` → a queryset; calling this runs it with other arguments.

    The queryset is whole models (`Case.objects.filter(token=t)`) or a `values_list(...)`
    (tuples). Arguments are strings or lists of strings (`token__in=tokens`): the SQL is
    compiled once per list length.
    """

    def __init__(self, build: Callable[..., models.QuerySet[M]]) -> None:
        self.build = build
        self._plans: weakref.WeakKeyDictionary[BaseDatabaseWrapper, dict[Any, _Plan]] = (
            weakref.WeakKeyDictionary()
        )

    def __call__(self, *arguments: Argument) -> list[Any]:
        """The queryset's own result for these arguments: models, or tuples."""
        return self.built(self.fetch(*arguments))

    def fetch(self, *arguments: Argument) -> list[tuple[Any, ...]]:
        """The rows as the database sent them: compare them, or pass them to `built`."""
        plan = self._plan(arguments)
        if plan is None:
            return []  # `IN ()` selects nothing: no query to run
        params = [
            constant if index is None else self._value(arguments[index], constant)
            for index, constant in plan.slots
        ]
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(plan.sql, params)
            return cursor.fetchall()

    def built(self, rows: list[tuple[Any, ...]]) -> list[Any]:
        """Rows from `fetch`, converted and made into models as the ORM would."""
        if not rows:
            return []
        connection = connections[DEFAULT_DB_ALIAS]
        # Any of this connection's plans: the columns are the same whatever the arguments.
        plan = next(iter(self._plans[connection].values()))
        if plan.converters:
            rows = [_converted(row, plan.converters, connection) for row in rows]
        if plan.attnames is None:
            return rows
        return [plan.model.from_db(connection.alias, plan.attnames, row) for row in rows]

    def _plan(self, arguments: tuple[Argument, ...]) -> _Plan | None:
        shape = tuple(None if isinstance(a, str) else len(a) for a in arguments)
        if 0 in shape:
            return None
        connection = connections[DEFAULT_DB_ALIAS]  # this thread's own
        plans = self._plans.setdefault(connection, {})
        plan = plans.get(shape) or plans.setdefault(shape, self._compile(connection, shape))
        return plan

    @staticmethod
    def _value(argument: Argument, item: int | None) -> str:
        return argument if item is None else argument[item]

    def _compile(self, connection: BaseDatabaseWrapper, shape: tuple[int | None, ...]) -> _Plan:
        markers = [
            _marker(i, None) if size is None else [_marker(i, j) for j in range(size)]
            for i, size in enumerate(shape)
        ]
        queryset = self.build(*markers)
        attnames: tuple[str, ...] | None = None
        if queryset._fields is None:  # whole models: every column, in the model's order
            attnames = tuple(field.attname for field in queryset.model._meta.concrete_fields)
            queryset = queryset.values_list(*attnames)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        where = {
            _marker(i, j): (i, j)
            for i, size in enumerate(shape)
            for j in ([None] if size is None else range(size))
        }
        slots = tuple(where.get(p, (None, p)) if isinstance(p, str) else (None, p) for p in params)
        unused = set(where) - {p for p in params if isinstance(p, str)}
        if unused:
            raise ValueError(f"arguments that did not reach the SQL unchanged: {unused}")
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        return _Plan(sql, slots, compiler.get_converters(columns), queryset.model, attnames)


def _converted(
    row: tuple[Any, ...],
    converters: dict[int, tuple[list[Callable[..., Any]], Any]],
    connection: BaseDatabaseWrapper,
) -> tuple[Any, ...]:
    """What the ORM's compiler does to each row (SQLite's text dates become datetimes…)."""
    values = list(row)
    for position, (functions, expression) in converters.items():
        value = values[position]
        for function in functions:
            value = function(value, expression, connection)
        values[position] = value
    return tuple(values)
