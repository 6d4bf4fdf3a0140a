"""Reading the hotline directory: a line with its service status at a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from routing.hours import ServiceStatus, service_status
from routing.models import Hotline
from routing.rules import FALLBACK_KEY


@dataclass(frozen=True)
class DirectoryEntry:
    hotline: Hotline
    status: ServiceStatus


def directory_entries(at: datetime) -> list[DirectoryEntry]:
    return [
        DirectoryEntry(hotline, service_status(hotline, at))
        for hotline in Hotline.objects.filter(active=True)
    ]


def hotline_entry(key: str, at: datetime) -> DirectoryEntry | None:
    """The directory's current entry for `key`, falling back to the general line."""
    lines = {h.key: h for h in Hotline.objects.filter(active=True, key__in=[key, FALLBACK_KEY])}
    hotline = lines.get(key) or lines.get(FALLBACK_KEY)
    return DirectoryEntry(hotline, service_status(hotline, at)) if hotline else None
