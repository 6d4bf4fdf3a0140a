"""routing/reports.py: what shoppers' call reports add up to, without the database."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from routing import reports
from routing.hours import CHINA
from routing.reports import (
    MIN_REPORTS,
    Count,
    Exclusion,
    Report,
    bucket_key,
    day_kind,
    hour_band,
    line_figures,
    minutes_bin,
    wait_chart,
)

TODAY = date(2026, 12, 4)  # a Friday in Beijing
LINE, OTHER_LINE = 1, 2


def count(
    day: date = TODAY,
    band: str = "morning",
    reached: str = "yes",
    minutes: int | None = 5,
    sent_to: str = "",
    taken_on: str = "",
    n: int = 1,
    line: int = LINE,
) -> Count:
    return Count(line, day, band, reached, minutes_bin(minutes), sent_to, taken_on, n)


def weekday_mornings(*minutes: int) -> list[Count]:
    return [count(minutes=m) for m in minutes]


def test_it_puts_a_call_in_the_hour_band_of_china_time():
    # 01:30 UTC is 09:30 in Beijing: the morning band, not the night.
    assert hour_band(datetime.fromisoformat("2026-12-04T01:30:00+00:00")) == "morning"
    assert hour_band(datetime.fromisoformat("2026-12-04T04:00:00+00:00")) == "midday"
    assert hour_band(datetime.fromisoformat("2026-12-04T06:00:00+00:00")) == "afternoon"
    assert hour_band(datetime.fromisoformat("2026-12-04T13:59:00+00:00")) == "evening"
    assert hour_band(datetime.fromisoformat("2026-12-04T14:00:00+00:00")) == "other"
    assert hour_band(datetime.fromisoformat("2026-12-04T00:59:00+00:00")) == "other"


def test_it_counts_a_call_on_its_china_date_and_day_kind():
    # Friday 17:00 UTC is Saturday 01:00 in Beijing: a weekend night.
    key = bucket_key(LINE, datetime.fromisoformat("2026-12-04T17:00:00+00:00"), Report("yes", 3))
    assert key.day == date(2026, 12, 5)
    assert day_kind(key.day) == "weekend"
    assert key.band == "other"


def test_it_keeps_only_the_answers_in_a_bucket():
    key = bucket_key(
        LINE, datetime(2026, 12, 4, 10, tzinfo=CHINA), Report("yes", 7, "general", "yes")
    )
    assert key.as_fields() == {
        "hotline_id": LINE,
        "day": TODAY,
        "band": "morning",
        "reached": "yes",
        "minutes_bin": 7,
        "sent_to": "general",
        "taken_on": "yes",
    }


def test_it_drops_minutes_when_no_person_was_reached():
    key = bucket_key(LINE, datetime(2026, 12, 4, 10, tzinfo=CHINA), Report("no", 30))
    assert key.minutes_bin == reports.NO_MINUTES


def test_it_bins_minutes_minute_by_minute_up_to_ten_then_coarser():
    assert [minutes_bin(m) for m in (0, 6, 10, 11, 13, 16, 61, 180)] == [
        0,
        6,
        10,
        12,
        15,
        20,
        75,
        180,
    ]
    assert minutes_bin(None) == reports.NO_MINUTES


def test_it_computes_the_median_and_75th_percentile_from_counts():
    figures = line_figures(weekday_mornings(2, 3, 5, 6, 6, 8, 12), [], TODAY)[LINE]
    cell = figures.cell("weekday", "morning").figures
    assert cell.reports == 7
    assert cell.median_minutes == 6
    assert cell.p75_minutes == 8


def test_it_gives_the_same_figures_for_counts_kept_together():
    apart = line_figures(weekday_mornings(4, 4, 4, 9, 9), [], TODAY)[LINE].total
    together = line_figures([count(minutes=4, n=3), count(minutes=9, n=2)], [], TODAY)[LINE].total
    assert (
        (apart.median_minutes, apart.p75_minutes)
        == (together.median_minutes, together.p75_minutes)
        == (4, 9)
    )


def test_it_computes_shares_over_the_answered_reports():
    counts = [
        count(reached="yes", minutes=5, n=6),
        count(reached="no", minutes=None, sent_to="general", n=3),
        count(reached="", minutes=None, n=1, taken_on="yes"),
    ]
    total = line_figures(counts, [], TODAY)[LINE].total
    assert total.reports == 10
    assert total.reached_percent == 67  # 6 of the 9 who answered
    assert total.sent_percent == 30
    assert total.sent_to == {"general": 3}
    assert total.taken_on_percent == 100


def test_it_shows_a_cell_only_with_five_reports():
    four = line_figures(weekday_mornings(1, 2, 3, 4), [], TODAY)[LINE]
    assert four.shown_cells == []
    assert four.best_cell is None
    assert wait_chart(four) is None
    five = line_figures(weekday_mornings(1, 2, 3, 4, 5), [], TODAY)[LINE]
    assert [c.band for c in five.shown_cells] == ["morning"]
    assert MIN_REPORTS == 5


def test_it_moves_the_90_day_window_with_the_clock():
    oldest = TODAY - timedelta(days=89)
    counts = [count(day=oldest, n=5), count(day=TODAY - timedelta(days=90), n=5)]
    assert line_figures(counts, [], TODAY)[LINE].total.reports == 5
    assert LINE not in line_figures(counts, [], TODAY + timedelta(days=1))


def test_it_ignores_counts_from_the_future():
    assert line_figures([count(day=TODAY + timedelta(days=1))], [], TODAY) == {}


def test_it_leaves_out_a_period_an_operator_excluded_for_one_line():
    counts = [count(n=20), count(n=5, line=OTHER_LINE), count(day=TODAY - timedelta(days=3), n=5)]
    flood = Exclusion(LINE, TODAY - timedelta(days=1), TODAY)
    figures = line_figures(counts, [flood], TODAY)
    assert figures[LINE].total.reports == 5
    assert figures[OTHER_LINE].total.reports == 5


def test_it_leaves_out_a_period_excluded_for_every_line():
    counts = [count(n=20), count(n=5, line=OTHER_LINE)]
    assert line_figures(counts, [Exclusion(None, TODAY, TODAY)], TODAY) == {}


def test_it_picks_the_cell_with_the_shortest_median_as_the_best_time():
    afternoon = [count(band="afternoon", minutes=m) for m in (1, 2, 2, 3, 3)]
    figures = line_figures([*weekday_mornings(6, 6, 7, 8, 9), *afternoon], [], TODAY)[LINE]
    assert (figures.best_cell.day_kind, figures.best_cell.band) == ("weekday", "afternoon")


def test_it_flags_a_line_whose_shoppers_are_mostly_sent_elsewhere():
    sent = [count(reached="no", minutes=None, sent_to="950618", n=4), count(n=2)]
    assert line_figures(sent, [], TODAY)[LINE].total.mostly_redirected
    kept = [count(reached="no", minutes=None, sent_to="950618", n=2), count(n=4)]
    assert not line_figures(kept, [], TODAY)[LINE].total.mostly_redirected


def test_it_says_when_shoppers_reached_a_person_on_a_line():
    counts = [
        *[count(band="afternoon", reached="yes") for _ in range(5)],
        *[count(band="evening", reached="no", minutes=None) for _ in range(5)],
    ]
    figures = line_figures(counts, [], TODAY)[LINE]
    assert [c.band for c in figures.answered_cells] == ["afternoon"]


def test_it_draws_one_bar_per_shown_cell_with_the_median_and_75th_percentile():
    figures = line_figures(weekday_mornings(2, 3, 5, 6, 6, 8, 12), [], TODAY)[LINE]
    chart = wait_chart(figures)
    (row,) = chart.rows
    assert (row.median, row.p75) == (6, 8)
    assert chart.scale == 10
    assert row.bar_width == 132  # 6 of 10 minutes across 220 units
    assert row.tick_x == chart.label_width + 176


def test_it_gives_no_minutes_for_a_cell_where_fewer_than_five_reports_gave_them():
    counts = [count(reached="no", minutes=None, n=4), *weekday_mornings(10, 14)]
    cell = line_figures(counts, [], TODAY)[LINE].cell("weekday", "morning")
    assert cell.figures.enough
    assert cell.figures.median_minutes is None and cell.figures.p75_minutes is None
    assert wait_chart(line_figures(counts, [], TODAY)[LINE]) is None
