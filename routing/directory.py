"""Reading the hotline directory: a line with its service status at a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from routing.hours import ServiceStatus, service_status
from routing.models import Hotline
from routing.rules import route


@dataclass(frozen=True)
class DirectoryEntry:
    hotline: Hotline
    status: ServiceStatus


Directory = list[DirectoryEntry]


def directory_entries(at: datetime) -> Directory:
    """Every active line, read fresh: an operator's correction shows on the next page."""
    return [
        DirectoryEntry(line, service_status(line, at))
        for line in Hotline.objects.filter(active=True)
    ]


def routed_hotline(purchase_kind: str, problem: str) -> Hotline | None:
    """The directory's line for this purchase and problem (what a call log defaults to)."""
    key = route(purchase_kind, problem).hotline_key
    return Hotline.objects.filter(active=True, key=key).first()
