"""The operators' tables (the hotline directory, the legal windows), read on every view of a
page, kept or not (jd400site/page_cache.py).

Django compiles a query anew each time, which costs more than running these: the query is
compiled once per process and each row becomes a model through its fields' `to_python`
(SQLite hands dates and times back as text). Only ever `active=True` rows, in the model's
own order, with every field: what `Model.objects.filter(active=True)` gives.
"""

from __future__ import annotations

from functools import cache
from typing import TypeVar

from django.db import connection, models

M = TypeVar("M", bound=models.Model)


def active_rows(model: type[M]) -> list[M]:
    sql, params = _active_sql(model)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    fields = model._meta.concrete_fields
    names = [field.attname for field in fields]
    return [
        model.from_db(
            connection.alias,
            names,
            [field.to_python(value) for field, value in zip(fields, row, strict=True)],
        )
        for row in rows
    ]


@cache
def _active_sql(model: type[models.Model]) -> tuple[str, tuple[object, ...]]:
    names = [field.attname for field in model._meta.concrete_fields]
    return model.objects.filter(active=True).values_list(*names).query.sql_with_params()


def rows_as_shown(rows: list[models.Model]) -> tuple[object, ...]:
    """Every field of every row: an operator may correct any of them."""
    return tuple(
        tuple(getattr(row, field.attname) for field in row._meta.concrete_fields) for row in rows
    )
