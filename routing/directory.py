"""Reading the hotline directory: a line with its service status at a moment."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from routing.hours import ServiceStatus, china_today, service_status
from routing.models import Hotline
from routing.report_models import figures_by_line
from routing.reports import LineFigures
from routing.rules import route


@dataclass(frozen=True)
class DirectoryEntry:
    hotline: Hotline
    status: ServiceStatus
    # What shoppers' call reports say about the line over the last 90 days (issue 22).
    reports: LineFigures | None = None


Directory = list[DirectoryEntry]


def directory_entries(at: datetime) -> Directory:
    """Every active line, read fresh: an operator's correction shows on the next page;
    with what shoppers' call reports say about it (one read of the 90 days' counts)."""
    lines = list(Hotline.objects.filter(active=True))
    figures = figures_by_line(china_today(at))
    lines_by_key = {line.key: line for line in lines}
    for line_figures in figures.values():
        line_figures.lines_by_key = lines_by_key
    return [DirectoryEntry(line, service_status(line, at), figures.get(line.pk)) for line in lines]


def routed_hotline(purchase_kind: str, problem: str) -> Hotline | None:
    """The directory's line for this purchase and problem (what a call log defaults to)."""
    key = route(purchase_kind, problem).hotline_key
    return Hotline.objects.filter(active=True, key=key).first()
