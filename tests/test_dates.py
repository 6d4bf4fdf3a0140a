"""One date style for the shopper (routing/dates.py): 12月3日（周四）, 今天/明天 where it helps."""

from __future__ import annotations

from datetime import UTC, date, datetime

from django.utils import translation

from routing.dates import shopper_date, shopper_moment

TODAY = date(2026, 12, 5)  # a Saturday


def test_it_writes_a_day_with_its_weekday_in_chinese():
    assert shopper_date(date(2026, 12, 3), TODAY) == "12月3日（周四）"


def test_it_says_today_for_a_promise_due_today():
    assert shopper_date(TODAY, TODAY) == "今天（12月5日）"


def test_it_says_tomorrow_for_the_next_day():
    assert shopper_date(date(2026, 12, 6), TODAY) == "明天（12月6日）"


def test_it_writes_the_year_only_when_it_is_not_this_years():
    assert shopper_date(date(2027, 1, 4), TODAY) == "2027年1月4日（周一）"


def test_it_writes_the_year_for_a_complaint_kept_for_years():
    assert shopper_date(TODAY, TODAY, with_year=True) == "2026年12月5日（周六）"


def test_it_writes_english_in_one_style():
    with translation.override("en"):
        assert shopper_date(date(2026, 12, 3), TODAY) == "Thu 3 Dec"
        assert shopper_date(TODAY, TODAY) == "today (5 Dec)"
        assert shopper_moment(datetime(2026, 12, 3, 6, 30, tzinfo=UTC)) == "Thu 3 Dec, 14:30"


def test_it_takes_a_moment_in_china_time():
    # 16:30 UTC on 3 Dec is already 00:30 on 4 Dec in China.
    assert shopper_moment(datetime(2026, 12, 3, 16, 30, tzinfo=UTC)) == "12月4日（周五）00:30"


def test_it_says_tomorrow_and_the_time_in_english_without_a_bracket():
    with translation.override("en"):
        moment = datetime(2026, 12, 6, 1, 30, tzinfo=UTC)  # 09:30 in China
        assert shopper_moment(moment, TODAY) == "tomorrow 09:30"
