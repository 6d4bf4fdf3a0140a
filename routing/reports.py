"""What shoppers' call reports say about a line: aggregation rules, no database.

A report is four optional answers about one call (reached a person? after how many
minutes? sent to another number? was the problem taken on?). It is counted, never kept:
each report adds one to a bucket keyed by line, China date, hour band and the answers
(minutes in fixed bins), so a median and a 75th percentile come from counts alone and
deleting or purging a case leaves nothing of it but the counts.

Every function takes its clock (`today`) from the caller; times are China time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from routing.hours import in_china

WINDOW_DAYS = 90
# Below this many reports a cell says nothing: too few to mean anything, and too few to
# keep one shopper's call from being read off the figures.
MIN_REPORTS = 5
# A line whose shoppers are mostly sent elsewhere is flagged for the operators' review.
REDIRECT_FLAG_SHARE = 0.5
# The longest wait a report may claim; beyond it the answer is refused as absurd.
MAX_MINUTES = 180

# Hour bands in China time: [start, end) hours. Everything else is "other".
BANDS: tuple[tuple[str, int, int, Promise], ...] = (
    ("morning", 9, 12, _("上午 9–12 点")),
    ("midday", 12, 14, _("中午 12–14 点")),
    ("afternoon", 14, 18, _("下午 14–18 点")),
    ("evening", 18, 22, _("晚上 18–22 点")),
)
OTHER_BAND = "other"
BAND_LABELS: dict[str, Promise] = {key: label for key, _s, _e, label in BANDS}
BAND_LABELS[OTHER_BAND] = _("其他时间（22–9 点）")
BAND_ORDER = (*(key for key, _s, _e, _l in BANDS), OTHER_BAND)
# Short names for the card's sentence ("工作日上午").
BAND_SHORT: dict[str, Promise] = {
    "morning": _("上午"),
    "midday": _("中午"),
    "afternoon": _("下午"),
    "evening": _("晚上"),
    OTHER_BAND: _("夜间"),
}

WEEKDAY, WEEKEND = "weekday", "weekend"
DAY_KINDS = (WEEKDAY, WEEKEND)
DAY_KIND_LABELS: dict[str, Promise] = {WEEKDAY: _("工作日"), WEEKEND: _("周末")}

# Minutes to a person, in fixed bins by their upper bound (inclusive): 0–10 minute by
# minute (most waits), then coarser. A report's minutes count into the first bin that
# holds them; a median is the bound of the bin where the middle report falls.
MINUTE_BINS: tuple[int, ...] = (
    *range(0, 11),
    12,
    15,
    20,
    25,
    30,
    40,
    50,
    60,
    75,
    90,
    120,
    150,
    MAX_MINUTES,
)
NO_MINUTES = -1  # the shopper did not say

# Answers as stored in a bucket: empty means "not answered" (never NULL, so one unique
# key finds a bucket on every database).
YES, NO, UNANSWERED = "yes", "no", ""


def hour_band(at: datetime) -> str:
    hour = in_china(at).hour
    for key, start, end, _label in BANDS:
        if start <= hour < end:
            return key
    return OTHER_BAND


def day_kind(day: date) -> str:
    # Saturday and Sunday; 调休 working weekends are not modelled (a rough split is enough).
    return WEEKEND if day.weekday() >= 5 else WEEKDAY


def minutes_bin(minutes: int | None) -> int:
    if minutes is None:
        return NO_MINUTES
    for bound in MINUTE_BINS:
        if minutes <= bound:
            return bound
    return MAX_MINUTES


@dataclass(frozen=True)
class Report:
    """One call's answers, the only thing about a call that reaches the figures."""

    reached: str = UNANSWERED  # YES / NO / UNANSWERED
    minutes: int | None = None
    sent_to: str = ""  # a directory line's key or a hotline number; "" when not sent
    taken_on: str = UNANSWERED

    @property
    def is_empty(self) -> bool:
        return (
            self.reached == UNANSWERED
            and self.minutes is None
            and not self.sent_to
            and self.taken_on == UNANSWERED
        )


@dataclass(frozen=True)
class BucketKey:
    """Where one report counts: no case, no order, no text."""

    hotline_id: int
    day: date
    band: str
    reached: str
    minutes_bin: int
    sent_to: str
    taken_on: str

    def as_fields(self) -> dict[str, object]:
        return {
            "hotline_id": self.hotline_id,
            "day": self.day,
            "band": self.band,
            "reached": self.reached,
            "minutes_bin": self.minutes_bin,
            "sent_to": self.sent_to,
            "taken_on": self.taken_on,
        }


def bucket_key(hotline_id: int, called_at: datetime, report: Report) -> BucketKey:
    # Minutes only mean "until a person": without a person reached they are not counted.
    minutes = report.minutes if report.reached != NO else None
    return BucketKey(
        hotline_id=hotline_id,
        day=in_china(called_at).date(),
        band=hour_band(called_at),
        reached=report.reached,
        minutes_bin=minutes_bin(minutes),
        sent_to=report.sent_to,
        taken_on=report.taken_on,
    )


@dataclass(frozen=True)
class Count:
    """One bucket's count, as read back from the database."""

    hotline_id: int
    day: date
    band: str
    reached: str
    minutes_bin: int
    sent_to: str
    taken_on: str
    count: int


@dataclass(frozen=True)
class Exclusion:
    """A period an operator took out of the figures (one line, or every line if None)."""

    hotline_id: int | None
    starts_on: date
    ends_on: date

    def covers(self, count: Count) -> bool:
        return (self.hotline_id is None or self.hotline_id == count.hotline_id) and (
            self.starts_on <= count.day <= self.ends_on
        )


def percentile_bin(histogram: Counter[int], share: float) -> int | None:
    """The bin bound where the report at `share` of the way falls (nearest rank)."""
    total = sum(histogram.values())
    if not total:
        return None
    rank = max(1, -(-int(total * share * 1000) // 1000))  # ceil without float surprises
    seen = 0
    for bound in sorted(histogram):
        seen += histogram[bound]
        if seen >= rank:
            return bound
    return max(histogram)


@dataclass
class Figures:
    """Counts for one line, or one line's cell (day kind × hour band)."""

    reports: int = 0
    answered_reached: int = 0
    reached: int = 0
    answered_sent: int = 0
    sent: int = 0
    taken_on: int = 0
    answered_taken_on: int = 0
    minutes: Counter[int] = field(default_factory=Counter)
    sent_to: Counter[str] = field(default_factory=Counter)

    def add(self, count: Count) -> None:
        n = count.count
        self.reports += n
        if count.reached != UNANSWERED:
            self.answered_reached += n
            if count.reached == YES:
                self.reached += n
        if count.minutes_bin != NO_MINUTES and count.reached != NO:
            self.minutes[count.minutes_bin] += n
        # Every report answers "sent elsewhere" by its bucket: blank means not sent.
        self.answered_sent += n
        if count.sent_to:
            self.sent += n
            self.sent_to[count.sent_to] += n
        if count.taken_on != UNANSWERED:
            self.answered_taken_on += n
            if count.taken_on == YES:
                self.taken_on += n

    @property
    def enough(self) -> bool:
        return self.reports >= MIN_REPORTS

    @property
    def reached_share(self) -> float | None:
        return self.reached / self.answered_reached if self.answered_reached else None

    @property
    def sent_share(self) -> float | None:
        return self.sent / self.answered_sent if self.answered_sent else None

    @property
    def taken_on_share(self) -> float | None:
        return self.taken_on / self.answered_taken_on if self.answered_taken_on else None

    @property
    def timed(self) -> int:
        """Reports that said how many minutes it took to reach a person."""
        return sum(self.minutes.values())

    # A median of two waits says little and nearly gives them away: minutes are shown
    # only when at least MIN_REPORTS reports gave them, like a cell itself.
    @property
    def median_minutes(self) -> int | None:
        return percentile_bin(self.minutes, 0.5) if self.timed >= MIN_REPORTS else None

    @property
    def p75_minutes(self) -> int | None:
        return percentile_bin(self.minutes, 0.75) if self.timed >= MIN_REPORTS else None

    @property
    def mostly_redirected(self) -> bool:
        share = self.sent_share
        return self.enough and share is not None and share > REDIRECT_FLAG_SHARE

    @property
    def reached_percent(self) -> int | None:
        return _percent(self.reached_share)

    @property
    def sent_percent(self) -> int | None:
        return _percent(self.sent_share)

    @property
    def taken_on_percent(self) -> int | None:
        return _percent(self.taken_on_share)

    def as_shown(self) -> tuple[object, ...]:
        return (
            self.reports,
            self.reached,
            self.sent,
            self.taken_on,
            tuple(sorted(self.minutes.items())),
            tuple(sorted(self.sent_to.items())),
        )


def _percent(share: float | None) -> int | None:
    return None if share is None else round(share * 100)


@dataclass(frozen=True)
class Cell:
    day_kind: str
    band: str
    figures: Figures

    @property
    def day_kind_label(self) -> Promise:
        return DAY_KIND_LABELS[self.day_kind]

    @property
    def band_label(self) -> Promise:
        return BAND_LABELS[self.band]

    @property
    def band_short(self) -> Promise:
        return BAND_SHORT[self.band]

    @property
    def short_label(self) -> str:
        """ "工作日上午" / "weekday morning": the chart's row label."""
        return gettext("%(kind)s%(band)s") % {"kind": self.day_kind_label, "band": self.band_short}

    @property
    def label(self) -> str:
        """ "工作日上午 9–12 点" / "weekday morning 9–12": the table's row label."""
        return gettext("%(kind)s%(band)s") % {"kind": self.day_kind_label, "band": self.band_label}


@dataclass
class LineFigures:
    """One line over the window: the whole and each cell (day kind × hour band)."""

    hotline_id: int
    total: Figures = field(default_factory=Figures)
    cells: dict[tuple[str, str], Figures] = field(default_factory=dict)
    # The directory's lines by key (set by the caller), to name where shoppers were sent.
    lines_by_key: dict[str, Any] = field(default_factory=dict)

    @property
    def sent_elsewhere(self) -> list[tuple[str, int]]:
        """Where shoppers were sent, most often first: a directory line by its name and
        number, any other number as typed (hotline-shaped only: the form refuses others)."""
        named = []
        for value, count in self.total.sent_to.most_common():
            line = self.lines_by_key.get(value)
            named.append((f"{line.display_name} {line.number}" if line else value, count))
        return named

    @property
    def sent_to_lines(self) -> list[tuple[str, int]]:
        """Where shoppers were sent, for public pages: directory lines only. A number a
        shopper typed stays in the admin (sent_elsewhere): one anonymous report could
        otherwise publish a fake "JD service" number, a known scam."""
        # A typed number that is a directory line's own counts as that line.
        by_number = {re.sub(r"\D", "", line.number): line for line in self.lines_by_key.values()}
        named: Counter[str] = Counter()
        for value, count in self.total.sent_to.most_common():
            line = self.lines_by_key.get(value) or by_number.get(value)
            if line is not None:
                named[f"{line.display_name} {line.number}"] += count
        return named.most_common()

    @property
    def chart(self) -> Chart | None:
        return wait_chart(self)

    def cell(self, kind: str, band: str) -> Cell:
        return Cell(kind, band, self.cells.get((kind, band)) or Figures())

    def all_cells(self, kind: str) -> list[Cell]:
        return [self.cell(kind, band) for band in BAND_ORDER]

    @property
    def shown_cells(self) -> list[Cell]:
        """Cells with enough reports, in the week's order."""
        return [cell for kind in DAY_KINDS for cell in self.all_cells(kind) if cell.figures.enough]

    @property
    def best_cell(self) -> Cell | None:
        """The shown cell with the shortest median wait for a person (ties: more reports)."""
        timed = [cell for cell in self.shown_cells if cell.figures.median_minutes is not None]
        if not timed:
            return None
        return min(timed, key=lambda c: (c.figures.median_minutes, -c.figures.reports))

    @property
    def answered_cells(self) -> list[Cell]:
        """Shown cells where shoppers reached a person: for lines without published hours,
        the only evidence of when they answer."""
        return [cell for cell in self.shown_cells if cell.figures.reached]

    def as_shown(self) -> tuple[object, ...]:
        return tuple((key, figures.as_shown()) for key, figures in sorted(self.cells.items()))


def window_start(today: date) -> date:
    """The first day of the last 90 days, today (China date) included."""
    return today - timedelta(days=WINDOW_DAYS - 1)


def line_figures(
    counts: Iterable[Count], exclusions: Iterable[Exclusion], today: date
) -> dict[int, LineFigures]:
    """Per line, the figures of the counts in the 90 days up to `today`, without the
    periods operators excluded."""
    start = window_start(today)
    exclusions = list(exclusions)
    lines: dict[int, LineFigures] = {}
    for count in counts:
        if not start <= count.day <= today or count.count <= 0:
            continue
        if any(exclusion.covers(count) for exclusion in exclusions):
            continue
        line = lines.setdefault(count.hotline_id, LineFigures(count.hotline_id))
        line.total.add(count)
        key = (day_kind(count.day), count.band)
        line.cells.setdefault(key, Figures()).add(count)
    return lines


# ----- The chart on /hotlines/: minutes to a person by hour band, as SVG -----

CHART_WIDTH = 300
# Each row's label sits above its bar, so an English label ("Weekend afternoon") never
# squeezes the bars on a phone.
CHART_LABEL_WIDTH = 2
CHART_BAR_SPACE = 220  # the longest bar; "120 / 180" follows it
CHART_ROW = 46
CHART_TOP = 6
CHART_AXIS = 26
NICE_SCALES = (5, 10, 15, 20, 30, 45, 60, 90, 120, MAX_MINUTES)


@dataclass(frozen=True)
class ChartRow:
    cell: Cell
    median: int
    p75: int
    y: int  # top of the row
    bar_width: int
    tick_x: int  # where the 75th percentile falls

    @property
    def label_y(self) -> int:
        return self.y + 14

    @property
    def bar_y(self) -> int:
        return self.y + 20

    @property
    def text_y(self) -> int:
        return self.y + 33

    @property
    def value_x(self) -> int:
        return max(self.bar_width, self.tick_x - CHART_LABEL_WIDTH) + CHART_LABEL_WIDTH + 6

    @property
    def tick_top(self) -> int:
        return self.y + 17

    @property
    def tick_bottom(self) -> int:
        return self.y + 39


@dataclass(frozen=True)
class Chart:
    rows: list[ChartRow]
    scale: int
    height: int
    ticks: list[tuple[int, int]]  # (x, minutes)
    axis_y: int
    width: int = CHART_WIDTH
    label_width: int = CHART_LABEL_WIDTH

    @property
    def axis_end(self) -> int:
        return CHART_LABEL_WIDTH + CHART_BAR_SPACE

    @property
    def tick_label_y(self) -> int:
        return self.axis_y + 18


def _x(minutes: int, scale: int) -> int:
    return round(minutes / scale * CHART_BAR_SPACE)


def wait_chart(line: LineFigures) -> Chart | None:
    """Bars for the cells with enough reports and a median wait: the bar is the median,
    the tick the 75th percentile. None when no cell has enough reports."""
    timed = [
        (cell, cell.figures.median_minutes, cell.figures.p75_minutes)
        for cell in line.shown_cells
        if cell.figures.median_minutes is not None
    ]
    if not timed:
        return None
    longest = max(p75 for _c, _m, p75 in timed)
    scale = next((nice for nice in NICE_SCALES if nice >= longest), MAX_MINUTES)
    rows = []
    for index, (cell, median, p75) in enumerate(timed):
        rows.append(
            ChartRow(
                cell=cell,
                median=median,
                p75=p75,
                y=CHART_TOP + index * CHART_ROW,
                # A zero-minute median still shows a sliver, so the row is not read as missing.
                bar_width=max(2, _x(median, scale)),
                tick_x=CHART_LABEL_WIDTH + _x(p75, scale),
            )
        )
    axis_y = CHART_TOP + len(rows) * CHART_ROW
    ticks = [(CHART_LABEL_WIDTH + _x(m, scale), m) for m in (0, scale // 2, scale)]
    return Chart(rows, scale, axis_y + CHART_AXIS, ticks, axis_y)
