"""Reading the hotline directory: a line with its service status at a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from routing.hours import ServiceStatus, service_status
from routing.models import Hotline
from routing.rows import active_rows, rows_as_shown
from routing.rules import route


@dataclass(frozen=True)
class DirectoryEntry:
    hotline: Hotline
    status: ServiceStatus


class Directory(list[DirectoryEntry]):
    lines_as_shown: str  # routing/rows.py


def directory_entries(at: datetime) -> Directory:
    # Read on every card and directory view: the fast way (routing/rows.py).
    lines = active_rows(Hotline)
    entries = Directory(DirectoryEntry(line, service_status(line, at)) for line in lines)
    entries.lines_as_shown = rows_as_shown(lines)
    return entries


def directory_as_shown(entries: Directory) -> tuple[object, ...]:
    """Everything of the directory a page can show: every field of each line (an operator
    may correct any of them) and its open/closed state."""
    return (entries.lines_as_shown, tuple(entry.status.as_shown() for entry in entries))


def routed_hotline(purchase_kind: str, problem: str) -> Hotline | None:
    """The directory's line for this purchase and problem (what a call log defaults to)."""
    key = route(purchase_kind, problem).hotline_key
    return Hotline.objects.filter(active=True, key=key).first()
