"""民法典第二百零三条: a period whose last day is a 法定休假日 ends on the day after the
holiday ends. Weekends and public holidays are 法定休假日; a 调休 working Saturday is not.

The calendar is the `chinese-calendar` package (China's published holiday and 调休 tables,
kept up to date by its maintainers), not a hand-typed list. The State Council publishes the
next year's table in the autumn, so a year the package does not know yet is counted without
roll-over, and the caller says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import chinese_calendar


@dataclass(frozen=True)
class LastDay:
    nominal: date  # receipt + N days: what a plain count (and JD's 168-hour system) gives
    legal: date  # after roll-over over weekends and holidays
    calendar_known: bool  # False: the calendar had no data, so no roll-over was applied

    @property
    def rolled_over(self) -> bool:
        return self.legal != self.nominal


def is_rest_day(day: date) -> bool | None:
    """True on a weekend or statutory holiday (not a 调休 working day); None when the
    calendar has no data for that year."""
    try:
        return not chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


def legal_last_day(nominal: date) -> LastDay:
    day = nominal
    # A holiday run is at most ~9 days; 31 is a guard, not a rule.
    for _ in range(31):
        rest = is_rest_day(day)
        if rest is None:
            return LastDay(nominal, nominal, calendar_known=False)
        if not rest:
            return LastDay(nominal, day, calendar_known=True)
        day += timedelta(days=1)
    return LastDay(nominal, nominal, calendar_known=False)
