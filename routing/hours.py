"""Service hours in China time, whatever timezone the caller's datetime is in.

Seed, "别在非服务时间拨打": lines are open 9:00–22:00; the best time is weekdays
9:30–18:00, when more agents are on and the wait is short.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")
BEST_WINDOW = (time(9, 30), time(18, 0))


class HasHours(Protocol):
    opens_at: time | None
    closes_at: time | None


def in_china(at: datetime) -> datetime:
    """`at` as China wall-clock time; a naive datetime is taken to be China time already."""
    if at.tzinfo is None:
        return at.replace(tzinfo=CHINA)
    return at.astimezone(CHINA)


def china_today(at: datetime) -> date:
    return in_china(at).date()


def _within(t: time, start: time, end: time) -> bool:
    if start == end:  # same opening and closing time: open all day
        return True
    if start < end:
        return start <= t < end
    return t >= start or t < end  # a line open across midnight


def is_open(hotline: HasHours, at: datetime) -> bool | None:
    """Whether the line takes calls at `at`; None when its hours are not published."""
    if hotline.opens_at is None or hotline.closes_at is None:
        return None
    return _within(in_china(at).time(), hotline.opens_at, hotline.closes_at)


def next_opening(hotline: HasHours, at: datetime) -> datetime | None:
    """When a closed line opens next (China time); None if open now or hours unknown."""
    if is_open(hotline, at) in (None, True):
        return None
    local = in_china(at)
    today_opening = datetime.combine(local.date(), hotline.opens_at, tzinfo=CHINA)
    if today_opening > local:
        return today_opening
    return today_opening + timedelta(days=1)


Window = tuple[time, time]


def best_window_for(hotline: HasHours) -> Window:
    """The seed's best window, inside the line's own hours where those are narrower: a line
    open 10:00–17:00 is best called 10:00–17:00 on weekdays, never "now" while closed."""
    opens, closes = hotline.opens_at, hotline.closes_at
    if opens is None or closes is None or opens == closes or opens > closes:
        return BEST_WINDOW
    start, end = max(BEST_WINDOW[0], opens), min(BEST_WINDOW[1], closes)
    return (start, end) if start < end else (opens, closes)


def in_best_window(at: datetime, window: Window = BEST_WINDOW) -> bool:
    local = in_china(at)
    return local.weekday() < 5 and window[0] <= local.time() < window[1]


def next_best_window(at: datetime, window: Window = BEST_WINDOW) -> datetime:
    """The start of the next weekday window (or `at` itself inside one)."""
    local = in_china(at)
    if in_best_window(local, window):
        return local
    day = local.date()
    if local.time() >= window[0]:
        day += timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, window[0], tzinfo=CHINA)


@dataclass(frozen=True)
class ServiceStatus:
    hours_known: bool
    open_now: bool | None
    next_opening: datetime | None
    best_now: bool
    next_best: datetime
    best_window: Window


def service_status(hotline: HasHours, at: datetime) -> ServiceStatus:
    open_now = is_open(hotline, at)
    window = best_window_for(hotline)
    return ServiceStatus(
        hours_known=open_now is not None,
        open_now=open_now,
        next_opening=next_opening(hotline, at),
        best_now=in_best_window(at, window),
        next_best=next_best_window(at, window),
        best_window=window,
    )
