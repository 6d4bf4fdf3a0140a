from __future__ import annotations

from datetime import UTC, datetime, time

import pytest

from routing.hours import (
    CHINA,
    china_today,
    in_best_window,
    in_china,
    is_open,
    next_best_window,
    next_opening,
    service_status,
)
from routing.models import Hotline

# 2026-12-01 is a Tuesday; 2026-12-04 a Friday; 2026-12-05 a Saturday; 2026-12-07 a Monday.
TUESDAY = (2026, 12, 1)
FRIDAY = (2026, 12, 4)
SATURDAY = (2026, 12, 5)
SUNDAY = (2026, 12, 6)


def china(day: tuple[int, int, int], hour: int, minute: int = 0) -> datetime:
    return datetime(*day, hour, minute, tzinfo=CHINA)


def line(opens: time | None = time(9, 0), closes: time | None = time(22, 0)) -> Hotline:
    return Hotline(
        key="test", name="测试专线", number="400-606-5500", opens_at=opens, closes_at=closes
    )


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(8, 59, False), (9, 0, True), (21, 59, True), (22, 0, False)],
)
def test_it_opens_at_nine_and_closes_at_ten_china_time(hour, minute, expected):
    assert is_open(line(), china(TUESDAY, hour, minute)) is expected


def test_it_reads_0100_utc_as_0900_china_time_and_open():
    assert is_open(line(), datetime(2026, 12, 1, 1, 0, tzinfo=UTC)) is True


def test_it_reads_0059_utc_as_0859_china_time_and_closed():
    assert is_open(line(), datetime(2026, 12, 1, 0, 59, tzinfo=UTC)) is False


def test_it_reads_1400_utc_as_2200_china_time_and_closed():
    assert is_open(line(), datetime(2026, 12, 1, 14, 0, tzinfo=UTC)) is False


def test_it_takes_a_naive_datetime_as_china_time():
    assert in_china(datetime(2026, 12, 1, 9, 0)) == china(TUESDAY, 9, 0)


def test_it_gives_the_china_date_of_a_utc_evening():
    # 2026-12-01 20:00 UTC is already 2 December 04:00 in China.
    assert china_today(datetime(2026, 12, 1, 20, 0, tzinfo=UTC)).isoformat() == "2026-12-02"


@pytest.mark.parametrize(
    ("day", "hour", "minute", "expected"),
    [
        (TUESDAY, 9, 29, False),
        (TUESDAY, 9, 30, True),
        (TUESDAY, 17, 59, True),
        (TUESDAY, 18, 0, False),
        (FRIDAY, 12, 0, True),
        (SATURDAY, 12, 0, False),
        (SUNDAY, 12, 0, False),
    ],
)
def test_it_knows_the_best_window_is_weekdays_0930_to_1800(day, hour, minute, expected):
    assert in_best_window(china(day, hour, minute)) is expected


def test_it_reads_the_best_window_in_china_time():
    # 01:30 UTC on a Tuesday is 09:30 in China.
    assert in_best_window(datetime(2026, 12, 1, 1, 30, tzinfo=UTC)) is True


def test_it_opens_next_day_at_nine_after_closing():
    assert next_opening(line(), china(TUESDAY, 22, 30)) == china((2026, 12, 2), 9, 0)


def test_it_opens_the_same_day_at_nine_early_in_the_morning():
    assert next_opening(line(), china(TUESDAY, 7, 0)) == china(TUESDAY, 9, 0)


def test_it_has_no_next_opening_while_open():
    assert next_opening(line(), china(TUESDAY, 10, 0)) is None


def test_it_gives_the_next_opening_in_china_time_for_a_utc_input():
    # 15:00 UTC Tuesday = 23:00 China: the next opening is Wednesday 09:00 China time.
    opening = next_opening(line(), datetime(2026, 12, 1, 15, 0, tzinfo=UTC))
    assert opening == china((2026, 12, 2), 9, 0)
    assert opening.utcoffset().total_seconds() == 8 * 3600


def test_it_points_friday_evening_to_monday_morning():
    assert next_best_window(china(FRIDAY, 19, 0)) == china((2026, 12, 7), 9, 30)


def test_it_points_saturday_to_monday_morning():
    assert next_best_window(china(SATURDAY, 8, 0)) == china((2026, 12, 7), 9, 30)


def test_it_points_early_tuesday_to_the_same_morning():
    assert next_best_window(china(TUESDAY, 7, 0)) == china(TUESDAY, 9, 30)


def test_it_points_tuesday_evening_to_wednesday_morning():
    assert next_best_window(china(TUESDAY, 18, 0)) == china((2026, 12, 2), 9, 30)


def test_it_gives_now_inside_the_best_window():
    assert next_best_window(china(TUESDAY, 11, 15)) == china(TUESDAY, 11, 15)


def test_it_does_not_know_whether_a_line_without_hours_is_open():
    assert is_open(line(None, None), china(TUESDAY, 10, 0)) is None


def test_it_gives_no_next_opening_for_a_line_without_hours():
    assert next_opening(line(None, None), china(TUESDAY, 23, 0)) is None


def test_it_reports_unknown_hours_in_the_status():
    status = service_status(line(None, None), china(TUESDAY, 10, 0))
    assert status.hours_known is False
    assert status.open_now is None
    assert status.next_opening is None


@pytest.mark.parametrize(("hour", "minute"), [(0, 0), (3, 0), (9, 0), (22, 0), (23, 59)])
def test_it_keeps_a_24_hour_line_open_at_any_time(hour, minute):
    assert is_open(line(time(0, 0), time(0, 0)), china(SATURDAY, hour, minute)) is True


def test_it_handles_a_line_open_across_midnight():
    night_line = line(time(20, 0), time(2, 0))
    assert is_open(night_line, china(TUESDAY, 23, 0)) is True
    assert is_open(night_line, china(TUESDAY, 1, 59)) is True
    assert is_open(night_line, china(TUESDAY, 2, 0)) is False


def test_it_reports_a_closed_line_with_its_next_opening():
    status = service_status(line(), china(FRIDAY, 23, 0))
    assert status.hours_known is True
    assert status.open_now is False
    assert status.next_opening == china(SATURDAY, 9, 0)
    assert status.best_now is False
    assert status.next_best == china((2026, 12, 7), 9, 30)


def test_it_keeps_the_best_window_inside_a_narrower_line():
    from routing.hours import best_window_for

    assert best_window_for(line(time(10, 0), time(17, 0))) == (time(10, 0), time(17, 0))


def test_it_never_calls_a_closed_line_the_best_time():
    status = service_status(line(time(10, 0), time(17, 0)), china(TUESDAY, 9, 45))
    assert status.open_now is False
    assert status.best_now is False
    assert status.next_best == china(TUESDAY, 10, 0)


def test_it_keeps_the_seeds_window_for_a_line_open_longer():
    from routing.hours import BEST_WINDOW, best_window_for

    assert best_window_for(line(time(9, 0), time(22, 0))) == BEST_WINDOW
    assert best_window_for(line(None, None)) == BEST_WINDOW
    assert best_window_for(line(time(0, 0), time(0, 0))) == BEST_WINDOW
