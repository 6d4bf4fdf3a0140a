"""`{{ value|day }}`, `{{ value|moment }}`: dates as routing.dates writes them for shoppers.

Today is China's date now (pages are rendered per request, so 今天 is always today).
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

from routing.dates import shopper_date, shopper_moment
from routing.hours import china_today

register = template.Library()


@register.filter
def day(value: date | datetime | None, today: date | None = None) -> str:
    """`12月3日（周四）`, or `今天（12月5日）` / `明天（12月6日）`."""
    if not value:
        return ""
    return shopper_date(value, today or china_today(timezone.now()))


@register.filter
def day_plain(value: date | datetime | None) -> str:
    """`12月3日（周四）` without 今天/明天: for dates in the past (last checked, contacted)."""
    if not value:
        return ""
    return shopper_date(value, None)


@register.filter
def moment(value: datetime | None, today: date | None = None) -> str:
    """`12月3日（周四）14:30`, or `今天（12月5日）14:30`."""
    if not value:
        return ""
    return shopper_moment(value, today or china_today(timezone.now()))


@register.filter
def moment_plain(value: datetime | None) -> str:
    """`12月3日（周四）09:00` without 今天/明天: for lists that name dates (the directory)."""
    if not value:
        return ""
    return shopper_moment(value, None)
