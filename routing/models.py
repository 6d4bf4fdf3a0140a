from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from routing.choices import Confidence, Source
from routing.rules import ROUTED_KEYS

# A JD hotline is a 400 number (400-xxx-xxxx) or a 95 short number (950618).
_NUMBER_400 = re.compile(r"^400-?\d{3}-?\d{4}$")
_NUMBER_95 = re.compile(r"^95\d{3,6}$")


def validate_hotline_number(value: str) -> None:
    compact = value.replace(" ", "")
    if not (_NUMBER_400.match(compact) or _NUMBER_95.match(compact)):
        raise ValidationError(
            _("请填写 400 号码（如 400-606-5500）或 95 开头的短号（如 950618）。"),
            code="invalid_hotline_number",
        )


def _in_language(zh: str, en: str) -> str:
    """The English text on an English page when an operator wrote one, else the Chinese."""
    if en and (get_language() or "").startswith("en"):
        return en
    return zh


class Hotline(models.Model):
    """One line of JD's 400 hotline system. Data, not code: operators correct it in admin."""

    key = models.SlugField(_("代号"), unique=True, max_length=40)
    name = models.CharField(_("名称"), max_length=60)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    number = models.CharField(_("号码"), max_length=20, validators=[validate_hotline_number])
    opens_at = models.TimeField(
        _("开始服务时间"),
        null=True,
        blank=True,
        help_text=_("留空表示未公布服务时间。开始与结束相同表示 24 小时服务。"),
    )
    closes_at = models.TimeField(_("结束服务时间"), null=True, blank=True)
    purpose = models.TextField(_("适用问题"))
    purpose_en = models.TextField(_("适用问题（英文）"), blank=True)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    source_note = models.CharField(_("来源说明"), max_length=200, blank=True)
    source_note_en = models.CharField(_("来源说明（英文）"), max_length=200, blank=True)
    confidence = models.CharField(_("可信度"), max_length=20, choices=Confidence.choices)
    last_checked = models.DateField(_("最后核对日期"))
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "key"]
        verbose_name = _("热线")
        verbose_name_plural = _("热线")

    def __str__(self) -> str:
        return f"{self.name} {self.number}"

    def clean(self) -> None:
        if (self.opens_at is None) != (self.closes_at is None):
            raise ValidationError(_("开始和结束时间要么都填，要么都留空（未公布）。"))
        # routing.rules names these lines by key: without them a card has no number to show.
        if not self.active and self.key in ROUTED_KEYS:
            raise ValidationError(
                _("路由规则要用到这条专线，不能停用。号码或时间变了，请直接修改。"),
                code="routed_line",
            )

    @property
    def display_name(self) -> str:
        return _in_language(self.name, self.name_en)

    @property
    def display_purpose(self) -> str:
        return _in_language(self.purpose, self.purpose_en)

    @property
    def display_source_note(self) -> str:
        return _in_language(self.source_note, self.source_note_en)

    @property
    def dial_string(self) -> str:
        """The number as a tel: link wants it: digits only."""
        return re.sub(r"\D", "", self.number)

    @property
    def hours_known(self) -> bool:
        return self.opens_at is not None and self.closes_at is not None

    @property
    def open_all_day(self) -> bool:
        return self.hours_known and self.opens_at == self.closes_at

    @property
    def hours_label(self) -> str:
        """The hours as the card, the directory and the card's text all say them."""
        if not self.hours_known:
            return gettext("未公布服务时间")
        if self.open_all_day:
            return gettext("24 小时")
        return gettext("%(opens)s–%(closes)s（北京时间）") % {
            "opens": self.opens_at.strftime("%H:%M"),
            "closes": self.closes_at.strftime("%H:%M"),
        }
