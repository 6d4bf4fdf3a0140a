"""One way to write a date for the shopper, on every page and in every text they copy.

Shoppers read "2026-12-05" as a record, not a day: a promise "承诺 2026-12-05 前解决" due
today sounds already past (issue 24). So a date reads as people say it: `12月3日（周四）`,
`今天（12月5日）` / `明天（12月6日）` where that is what it is; English one style too:
`Thu 3 Dec`, `today (5 Dec)`. The year is written only when it is not this year's.
ISO dates stay where a machine reads them (.ics files, the calendar's own fields).

Plain functions with an explicit `today` (China's date, routing.hours.china_today); the
template filters (routing/templatetags/shopper_dates.py) pass the page's day.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils.translation import get_language

from routing.hours import in_china

WEEKDAYS_ZH = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _english() -> bool:
    return (get_language() or "").startswith("en")


def _plain(day: date, today: date | None, with_year: bool) -> str:
    """The day with its weekday, the year only when it is not this year's."""
    year = with_year or (today is not None and day.year != today.year)
    if _english():
        text = f"{WEEKDAYS_EN[day.weekday()]} {day.day} {MONTHS_EN[day.month - 1]}"
        return f"{text} {day.year}" if year else text
    text = f"{day.month}月{day.day}日（{WEEKDAYS_ZH[day.weekday()]}）"
    return f"{day.year}年{text}" if year else text


def _short(day: date) -> str:
    """Inside 今天（…）: the weekday is already said by the word."""
    if _english():
        return f"{day.day} {MONTHS_EN[day.month - 1]}"
    return f"{day.month}月{day.day}日"


def shopper_date(day: date | datetime, today: date | None = None, with_year: bool = False) -> str:
    """`12月3日（周四）`; `今天（12月5日）` or `明天（12月6日）` when `today` is given and it is
    one of those. `with_year` for text kept for years (a 12315 complaint)."""
    if isinstance(day, datetime):
        day = in_china(day).date()
    if today is not None and not with_year:
        if day == today:
            return f"today ({_short(day)})" if _english() else f"今天（{_short(day)}）"
        if day == today + timedelta(days=1):
            return f"tomorrow ({_short(day)})" if _english() else f"明天（{_short(day)}）"
    return _plain(day, today, with_year)


def shopper_moment(moment: datetime, today: date | None = None, with_year: bool = False) -> str:
    """A moment in China time: `12月3日（周四）14:30`, `Thu 3 Dec, 14:30`."""
    local = in_china(moment)
    clock = local.strftime("%H:%M")
    if _english() and today is not None and not with_year:
        # "tomorrow 09:30" says it; a date in brackets made the hours box wrap on a phone.
        if local.date() == today:
            return f"today {clock}"
        if local.date() == today + timedelta(days=1):
            return f"tomorrow {clock}"
    day = shopper_date(local.date(), today, with_year)
    # Chinese needs no space after the closing （周四）.
    return f"{day}, {clock}" if _english() else f"{day}{clock}"


def english_date(day: date) -> str:
    """`Sat 28 Nov`, whatever the page's language: the English gloss of the call script."""
    return f"{WEEKDAYS_EN[day.weekday()]} {day.day} {MONTHS_EN[day.month - 1]}"
