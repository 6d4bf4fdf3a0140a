"""Reading the hotline directory: a line with its service status at a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache

from django.db import connection

from routing.hours import ServiceStatus, service_status
from routing.models import Hotline
from routing.rules import route


@dataclass(frozen=True)
class DirectoryEntry:
    hotline: Hotline
    status: ServiceStatus


def directory_entries(at: datetime) -> list[DirectoryEntry]:
    return [DirectoryEntry(hotline, service_status(hotline, at)) for hotline in _active_lines()]


def _active_lines() -> list[Hotline]:
    """The active lines in the directory's order. Read on every card and directory view,
    kept or not, so the query is compiled once and the rows become lines without the ORM's
    machinery (each value through its field's to_python: SQLite hands back text)."""
    sql, params = _active_lines_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    fields = Hotline._meta.concrete_fields
    names = [field.attname for field in fields]
    return [
        Hotline.from_db(
            connection.alias,
            names,
            [field.to_python(value) for field, value in zip(fields, row, strict=True)],
        )
        for row in rows
    ]


@cache
def _active_lines_sql() -> tuple[str, tuple[object, ...]]:
    names = [field.attname for field in Hotline._meta.concrete_fields]
    return Hotline.objects.filter(active=True).values_list(*names).query.sql_with_params()


def directory_as_shown(entries: list[DirectoryEntry]) -> tuple[object, ...]:
    """Everything of the directory a page can show: every field of each line (an operator
    may correct any of them) and its open/closed state."""
    return tuple(
        (
            tuple(getattr(entry.hotline, field.attname) for field in Hotline._meta.concrete_fields),
            entry.status.as_shown(),
        )
        for entry in entries
    )


def routed_hotline(purchase_kind: str, problem: str) -> Hotline | None:
    """The directory's line for this purchase and problem (what a call log defaults to)."""
    key = route(purchase_kind, problem).hotline_key
    return Hotline.objects.filter(active=True, key=key).first()
