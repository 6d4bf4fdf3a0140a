"""The counts shoppers' call reports add to, and the periods operators take out of them.

Aggregates, not records (routing/reports.py): a bucket holds a count and the answers it
counts, never a case, an order number or a shopper's words.
"""

from __future__ import annotations

from datetime import date

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from routing import reports
from routing.reports import BucketKey, Count, Exclusion, LineFigures


class ReportCount(models.Model):
    """How many reports fell into one bucket (line × China date × hour band × answers)."""

    hotline = models.ForeignKey(
        "routing.Hotline", on_delete=models.CASCADE, related_name="+", verbose_name=_("热线")
    )
    day = models.DateField(_("日期（北京时间）"))
    band = models.CharField(_("时段"), max_length=12)
    reached = models.CharField(_("接通人工"), max_length=3, blank=True)
    minutes_bin = models.SmallIntegerField(_("等待分钟（分档）"))
    sent_to = models.CharField(_("被转到"), max_length=40, blank=True)
    taken_on = models.CharField(_("已受理"), max_length=3, blank=True)
    count = models.IntegerField(_("次数"), default=0)

    class Meta:
        verbose_name = _("通话反馈计数")
        verbose_name_plural = _("通话反馈计数")
        constraints = [
            models.UniqueConstraint(
                fields=["hotline", "day", "band", "reached", "minutes_bin", "sent_to", "taken_on"],
                name="one_count_per_bucket",
            )
        ]
        indexes = [models.Index(fields=["day"], name="report_count_day")]

    def as_count(self) -> Count:
        return Count(
            self.hotline_id,
            self.day,
            self.band,
            self.reached,
            self.minutes_bin,
            self.sent_to,
            self.taken_on,
            self.count,
        )


class ReportExclusion(models.Model):
    """A period taken out of the figures (e.g. a flood of nonsense reports). Cases and the
    counts themselves stay as they are: the figures skip the period."""

    hotline = models.ForeignKey(
        "routing.Hotline",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("热线"),
        help_text=_("留空表示所有热线。"),
    )
    starts_on = models.DateField(_("开始日期（含）"))
    ends_on = models.DateField(_("结束日期（含）"))
    reason = models.CharField(_("原因"), max_length=200, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("排除的时段")
        verbose_name_plural = _("排除的时段")

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on}"

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(_("结束日期不能早于开始日期。"))

    def as_exclusion(self) -> Exclusion:
        return Exclusion(self.hotline_id, self.starts_on, self.ends_on)


def _add(key: BucketKey, delta: int) -> int:
    """Add `delta` to a bucket atomically; returns the bucket's id.

    The row is created with 0 if missing (ON CONFLICT DO NOTHING: two instances creating
    it at once both succeed) and then incremented in the database (count = count + 1), so
    concurrent reports never read-modify-write over each other."""
    fields = key.as_fields()
    ReportCount.objects.bulk_create([ReportCount(**fields, count=0)], ignore_conflicts=True)
    bucket = ReportCount.objects.filter(**fields)
    bucket.update(count=F("count") + delta)
    return bucket.values_list("pk", flat=True).get()


@transaction.atomic
def move_report(counted_in: int | None, key: BucketKey | None) -> int | None:
    """One report per call: take the call's earlier report out of its bucket (if any) and
    count the new one (if any). Returns the bucket the call now counts in."""
    if counted_in is not None:
        ReportCount.objects.filter(pk=counted_in, count__gt=0).update(count=F("count") - 1)
    # Now (so this instance's next read, in this transaction, sees it) and once the
    # report is committed (so no read in between keeps the old figures).
    _figures_changed()
    transaction.on_commit(_figures_changed)
    if key is None:
        return None
    return _add(key, 1)


# The figures are read on every card and directory view but change only when a report or
# an exclusion does: kept in the shared cache under one key that every change deletes. A
# delete cannot be lost as a version's incr could (the file cache's incr is a read and a
# write, not atomic across processes), and an entry the file cache culls is only read again
# from the counts. Stored with the China day it was read for: the window moves at midnight.
_FIGURES_KEY = "jd400:report-figures"
# Bounds the one race a delete leaves: a view that read the counts just before a report
# committed and stores them just after that report's delete.
FIGURES_SECONDS = 600


def _figures_changed() -> None:
    cache.delete(_FIGURES_KEY)


@receiver([post_save, post_delete], sender=ReportExclusion)
def _exclusion_changed(**kwargs: object) -> None:
    _figures_changed()
    transaction.on_commit(_figures_changed)


def figures_by_line(today: date) -> dict[int, LineFigures]:
    cached = cache.get(_FIGURES_KEY)
    if cached is not None and cached[0] == today:
        return cached[1]
    figures = _read_figures(today)
    cache.set(_FIGURES_KEY, (today, figures), FIGURES_SECONDS)
    return figures


def _read_figures(today: date) -> dict[int, LineFigures]:
    counts = (
        row.as_count()
        for row in ReportCount.objects.filter(
            day__gte=reports.window_start(today), day__lte=today, count__gt=0
        )
    )
    exclusions = (
        row.as_exclusion()
        for row in ReportExclusion.objects.filter(ends_on__gte=reports.window_start(today))
    )
    return reports.line_figures(counts, exclusions, today)
