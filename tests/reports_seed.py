"""A seeded set of shoppers' call reports (issue 22), for the view, browser and screenshot
tests: each report is its own case and logged call, counted as the call form counts it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from cases.models import Call
from routing.hours import CHINA, china_today
from routing.models import Hotline
from tests.factories import add_call, make_case

# line key → (day kind, China hour, minutes until a person or None, sent to)
EXAMPLE: dict[str, list[tuple[str, int, int | None, str]]] = {
    "self_operated": [
        *[("weekday", 10, m, "") for m in (2, 3, 5, 6, 6, 8, 12)],
        ("weekday", 10, None, "general"),
        *[("weekday", 19, m, "") for m in (20, 25, 30, 30, 40)],
        *[("weekend", 15, m, "") for m in (4, 5, 7, 9, 15)],
    ],
    "third_party": [
        *[("weekday", 11, None, "self_operated") for _ in range(4)],
        *[("weekday", 11, m, "") for m in (10, 14)],
    ],
    "plus": [("weekday", 15, m, "") for m in (3, 4, 5, 5, 9)],
}


def _days_back(today: date, kind: str) -> list[date]:
    days = [today - timedelta(days=n) for n in range(1, 60)]
    return [d for d in days if (d.weekday() >= 5) == (kind == "weekend")]


def seed_reports(
    example: dict[str, list[tuple[str, int, int | None, str]]] = EXAMPLE,
) -> list[Call]:
    today = china_today(timezone.now())
    calls = []
    for key, reports in example.items():
        hotline = Hotline.objects.get(key=key)
        used: dict[str, int] = {}
        for kind, hour, minutes, sent_to in reports:
            day = _days_back(today, kind)[used.get(kind, 0) % 20]
            used[kind] = used.get(kind, 0) + 1
            call = add_call(
                make_case(),
                hotline=hotline,
                called_at=datetime.combine(day, time(hour, 0), tzinfo=CHINA),
                reached_person="no" if minutes is None else "yes",
                minutes_to_person=minutes,
                sent_to=sent_to,
            )
            call.count_report()
            calls.append(call)
    return calls
