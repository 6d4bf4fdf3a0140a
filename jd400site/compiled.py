"""The few queries every page view runs, compiled to SQL once instead of on every request.

A kept page (jd400site/page_cache.py) costs little more than the reads that name what it
shows: the case by its token, the browser's remembered cases, the operators' tables.
Django builds a query's SQL anew each time it runs, and for a model with many columns that
costs several times the query itself (0.55 ms against 0.07 ms for the case by its token on
SQLite). So these reads are written as ordinary querysets, compiled once per process and
database alias, and afterwards only executed; the rows go through the same converters and
`Model.from_db` as the ORM's, so what comes back is what the queryset itself would have
returned (tests hold the two side by side on SQLite and PostgreSQL).

Deliberately narrow, and it says so rather than return something else: whole models or a
plain `values_list(...)`, no related or deferred loading, no annotations; text arguments
(tokens, keys) and lists of them, which must reach the SQL unchanged; nothing else in the
queryset may vary between calls (it is compiled twice, differently, to make sure).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.query import ModelIterable, ValuesListIterable

M = TypeVar("M", bound=models.Model)
Argument = str | Sequence[str]
Shape = tuple[int | None, ...]  # per argument: None for a string, else the list's length


@dataclass(frozen=True)
class _Plan:
    sql: str
    # Per SQL parameter: (argument index, item index or None) for a caller's value, or
    # (None, constant) for one the queryset fixed (`active=True`).
    slots: tuple[tuple[int | None, Any], ...]
    converters: dict[int, tuple[list[Callable[..., Any]], Any]]
    model: type[models.Model]
    attnames: tuple[str, ...] | None  # whole models: their columns in order; else tuples


class Compiled(Generic[M]):
    """`build(*arguments)` → a queryset; calling this runs it with other arguments.

    The queryset is whole models (`Case.objects.filter(token=t)`) or a `values_list(...)`
    (tuples). Arguments are strings or lists of strings (`token__in=tokens`): the SQL is
    compiled once per list length.
    """

    def __init__(self, build: Callable[..., models.QuerySet[M]]) -> None:
        self.build = build
        # Keyed by alias, not by connection object: every thread's connection to the same
        # database takes the same SQL, and a server that starts a thread per request
        # (runserver, the test server) must not keep one entry per thread it ever had.
        self._plans: dict[tuple[str, Shape], _Plan] = {}

    def __call__(self, *arguments: Argument) -> list[Any]:
        """The queryset's own result for these arguments: models, or tuples."""
        return self.built(self.fetch(*arguments))

    def fetch(self, *arguments: Argument) -> list[tuple[Any, ...]]:
        """The rows as the database sent them: compare them, or pass them to `built`."""
        shape = tuple(None if isinstance(a, str) else len(a) for a in arguments)
        if 0 in shape:
            return []  # `IN ()` selects nothing: no query to run
        connection = connections[DEFAULT_DB_ALIAS]  # this thread's own
        plan = self._plan(connection, shape)
        params = [
            constant if index is None else _value(arguments[index], constant)
            for index, constant in plan.slots
        ]
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            return cursor.fetchall()

    def built(self, rows: list[tuple[Any, ...]]) -> list[Any]:
        """Rows from `fetch`, converted and made into models as the ORM would."""
        if not rows:
            return []
        connection = connections[DEFAULT_DB_ALIAS]
        # Any plan of this database: the columns are the same whatever the arguments.
        plan = next(p for (alias, _), p in self._plans.items() if alias == connection.alias)
        if plan.converters:
            rows = [_converted(row, plan.converters, connection) for row in rows]
        if plan.attnames is None:
            return rows
        return [plan.model.from_db(connection.alias, plan.attnames, row) for row in rows]

    def _plan(self, connection: BaseDatabaseWrapper, shape: Shape) -> _Plan:
        key = (connection.alias, shape)
        plan = self._plans.get(key)
        if plan is None:
            # Two different sets of markers must give the same statement and constants:
            # otherwise something besides the arguments (a time, a closure) went into it.
            plan = self._compile(connection, shape, "a")
            other = self._compile(connection, shape, "b")
            if (plan.sql, plan.slots) != (other.sql, other.slots):
                raise ValueError("the queryset varies with more than its arguments")
            self._plans[key] = plan
        return plan

    def _compile(self, connection: BaseDatabaseWrapper, shape: Shape, variant: str) -> _Plan:
        # Nothing a caller could pass (the NUL); "_" and "%" so that a lookup which escapes
        # or wraps its value (`iexact`, `contains`) cannot hide among the parameters.
        where = {
            f"\x00compiled_%{variant}:{i}:{j}\x00": (i, j)
            for i, size in enumerate(shape)
            for j in ([None] if size is None else range(size))
        }
        markers = iter(where)
        arguments = [
            next(markers) if size is None else [next(markers) for _ in range(size)]
            for size in shape
        ]
        queryset = self.build(*arguments)
        _check_supported(queryset)
        attnames: tuple[str, ...] | None = None
        if queryset._fields is None:  # whole models: every column, in the model's order
            attnames = tuple(field.attname for field in queryset.model._meta.concrete_fields)
            queryset = queryset.values_list(*attnames)
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        strings = {p for p in params if isinstance(p, str)}
        if set(where) - strings:
            raise ValueError("arguments that did not reach the SQL unchanged")
        # The slot of a caller's value is where it sits, whichever markers were used.
        slots = tuple(where[p] if isinstance(p, str) and p in where else (None, p) for p in params)
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        return _Plan(sql, slots, compiler.get_converters(columns), queryset.model, attnames)


def _check_supported(queryset: models.QuerySet[Any]) -> None:
    query = queryset.query
    plain_rows = queryset._fields is None and queryset._iterable_class is ModelIterable
    plain_tuples = queryset._fields is not None and queryset._iterable_class is ValuesListIterable
    if not (plain_rows or plain_tuples):
        raise ValueError("only whole models or a plain values_list(...)")
    if (
        query.select_related
        or queryset._prefetch_related_lookups
        or query.annotations
        or query.deferred_loading != (frozenset(), True)
        or queryset._db is not None
    ):
        raise ValueError("no select_related, prefetch, annotations, only/defer or using()")


def _value(argument: Argument, item: int | None) -> str:
    return argument if item is None else argument[item]


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
