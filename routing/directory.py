"""Reading the hotline directory: a line with its service status at a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
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
    return [
        DirectoryEntry(hotline, service_status(hotline, at))
        for hotline in Hotline.objects.filter(active=True)
    ]


def directory_as_shown(at: datetime) -> tuple[object, ...]:
    """Everything of the directory a page can show at `at`: every field of each active line
    (an operator may correct any of them) and whether it is open. Read on every view of a
    kept page, so it skips the ORM's model building: the rows as the database holds them."""
    sql, params = _active_lines_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    opens_at, closes_at = (Hotline._meta.get_field(name) for name in ("opens_at", "closes_at"))
    shown = []
    for row in rows:
        hours = _Hours(opens_at.to_python(row[_OPENS]), closes_at.to_python(row[_CLOSES]))
        shown.append((row, service_status(hours, at).as_shown()))
    return tuple(shown)


@dataclass(frozen=True)
class _Hours:
    opens_at: time | None
    closes_at: time | None


_FIELDS = tuple(field.attname for field in Hotline._meta.concrete_fields)
_OPENS, _CLOSES = _FIELDS.index("opens_at"), _FIELDS.index("closes_at")


@cache
def _active_lines_sql() -> tuple[str, tuple[object, ...]]:
    # The same query as directory_entries(), compiled once: compiling it costs more than
    # running it.
    return Hotline.objects.filter(active=True).values_list(*_FIELDS).query.sql_with_params()


def routed_hotline(purchase_kind: str, problem: str) -> Hotline | None:
    """The directory's line for this purchase and problem (what a call log defaults to)."""
    key = route(purchase_kind, problem).hotline_key
    return Hotline.objects.filter(active=True, key=key).first()
