"""JD's own after-sales rules (京东平台规则), beside the legal windows: operator data.

The law gives a shopper 7 days for a no-reason return; JD's own rules for some goods ask for
a report much sooner (fresh food is the usual example), and some promises exist only in
JD's rules (price protection, 价保). A shopper who counts on the law's 7 days can miss JD's
shorter window, so the card names a JD rule first when it closes before the law's.

Like the hotline directory and the legal windows these are data, corrected in the admin:
each rule quotes JD's published text, names where it was read and when it was last checked.
No rule is seeded without a public source that states it (routing/migrations: none is, as
of issue 24: an empty table is honest). The card labels each one as JD's rule, not law.

This module imports nothing of routing.rights (which imports routing.models, which imports
this module at its end): the legal deadlines come in as plain objects with a `last_day`,
and the goods and problem the law looks at come from routing.facts, which both share.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Protocol

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from routing.choices import GoodsKind, ProblemCategory, PurchaseKind
from routing.facts import goods_kind_of, goods_problem
from routing.hours import china_today, in_china


def _choice_list(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _validate_choices(value: str, allowed: Iterable[str], message: str) -> None:
    unknown = set(_choice_list(value)) - set(allowed)
    if unknown:
        raise ValidationError(message, params={"values": ", ".join(sorted(unknown))})


def validate_problems(value: str) -> None:
    _validate_choices(value, ProblemCategory.values, _("未知的问题类型：%(values)s"))


def validate_platform_goods(value: str) -> None:
    _validate_choices(value, GoodsKind.values, _("未知的商品类型：%(values)s"))


def validate_purchase_kinds(value: str) -> None:
    _validate_choices(value, PurchaseKind.values, _("未知的购买类型：%(values)s"))


class CountedFrom(models.TextChoices):
    # The only moment a case knows today; a rule counted from the order or the payment
    # would need a fact the wizard does not ask, so it is not offered.
    RECEIPT = "receipt", _("签收")


class PlatformRule(models.Model):
    """One of JD's own published after-sales rules, e.g. a fresh-food report window."""

    key = models.SlugField(_("代号"), unique=True, max_length=40)
    name = models.CharField(_("名称（中文）"), max_length=60)
    name_en = models.CharField(_("英文名称"), max_length=80, blank=True)
    problems = models.CharField(
        _("适用的问题"),
        max_length=300,
        blank=True,
        validators=[validate_problems],
        help_text=_("留空表示不限问题类型。"),
    )
    goods = models.CharField(
        _("适用的商品"),
        max_length=200,
        blank=True,
        validators=[validate_platform_goods],
        help_text=_("留空表示不限商品类型。"),
    )
    purchase_kinds = models.CharField(
        _("适用的购买类型"),
        max_length=200,
        blank=True,
        validators=[validate_purchase_kinds],
        help_text=_("例如只适用于京东自营。留空表示不限。"),
    )
    days = models.PositiveSmallIntegerField(
        _("天数"),
        null=True,
        blank=True,
        help_text=_("从签收的次日起算，第几天是最后一天。以小时计的规则请填“小时数”。"),
    )
    hours = models.PositiveSmallIntegerField(
        _("小时数"),
        null=True,
        blank=True,
        help_text=_("规则以小时计时填写（如签收后 48 小时内）。天数和小时数只填一个。"),
    )
    counted_from = models.CharField(
        _("起算时间"), max_length=20, choices=CountedFrom.choices, default=CountedFrom.RECEIPT
    )
    text = models.TextField(_("京东规则原文（中文）"), help_text=_("照京东公布的规则引用。"))
    text_en = models.TextField(_("规则说明（英文）"), blank=True)
    source_name = models.CharField(_("来源名称"), max_length=200)
    source_url = models.URLField(_("来源网址"), blank=True)
    last_checked = models.DateField(_("最后核对日期"))
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["sort_order", "key"]
        verbose_name = _("京东平台规则")
        verbose_name_plural = _("京东平台规则")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if (self.days is None) == (self.hours is None):
            raise ValidationError(_("天数和小时数请只填一个。"), code="one_period")

    @property
    def problem_list(self) -> tuple[str, ...]:
        return _choice_list(self.problems)

    @property
    def goods_list(self) -> tuple[str, ...]:
        return _choice_list(self.goods)

    @property
    def purchase_kind_list(self) -> tuple[str, ...]:
        return _choice_list(self.purchase_kinds)

    @property
    def display_name(self) -> str:
        if self.name_en and (get_language() or "").startswith("en"):
            return self.name_en
        return self.name

    @property
    def display_text(self) -> str:
        """The English gloss on an English page; the Chinese quote is what JD published."""
        if self.text_en and (get_language() or "").startswith("en"):
            return self.text_en
        return self.text

    def last_day(self, received: date) -> date:
        """The last day to act, counted like the legal windows: the day after receipt is
        day 1. A rule in hours ends that many hours after the moment of receipt, which the
        case knows only as a day: the earliest day it can end is taken, so nobody is late."""
        if self.days is not None:
            return received + timedelta(days=self.days)
        return received + timedelta(days=(self.hours or 0) // 24)


class CaseFacts(Protocol):
    """What routing.rights.RightsFacts carries; duck-typed to keep the import one way."""

    received: date | datetime | None
    goods_kind: str
    problem: str
    purchase_kind: str
    underlying: str  # the goods' own problem behind a conduct problem


class LegalDeadline(Protocol):
    """A legal window as routing.rights.Window shows it: open or not, until when."""

    last_day: date | None

    @property
    def is_open(self) -> bool: ...


@dataclass(frozen=True)
class PlatformDeadline:
    """A JD rule that applies to this case, and how it stands beside the law."""

    rule: PlatformRule
    last_day: date | None  # None: the receipt date is not known yet
    days_left: int | None
    earlier_than_law: date | None  # the legal window's last day this rule closes before

    @property
    def is_open(self) -> bool:
        return self.days_left is not None and self.days_left >= 0

    @property
    def closes_before_law(self) -> bool:
        return self.earlier_than_law is not None


def _applies(rule: PlatformRule, facts: CaseFacts) -> bool:
    # The same goods and problem the legal windows look at (routing.facts): a JD rule for
    # spoiled food applies when 店铺不回复 is about spoiled food, too.
    problems = {facts.problem, goods_problem(facts)}
    if rule.problem_list and not problems & set(rule.problem_list):
        return False
    if rule.goods_list and goods_kind_of(facts) not in rule.goods_list:
        return False
    return not (rule.purchase_kind_list and facts.purchase_kind not in rule.purchase_kind_list)


def platform_rules_for(
    facts: CaseFacts,
    at: datetime,
    legal: Iterable[LegalDeadline],
    rules: Iterable[PlatformRule],
) -> list[PlatformDeadline]:
    """The JD rules that apply to these facts on `at`'s day in China, those that close
    before the law's latest open window first (the card says them first), then by day."""
    today = china_today(at)
    received = facts.received
    if isinstance(received, datetime):
        received = in_china(received).date()
    legal_days = [w.last_day for w in legal if w.is_open and w.last_day is not None]
    # "比法律的 7 天更早": compared with the open legal window that lasts longest, the
    # one a shopper counting on the law would count on. A window without a deadline
    # (repair under 三包) is not a date to compare with.
    law_last = max(legal_days, default=None)

    found: list[PlatformDeadline] = []
    for rule in rules:
        if not rule.active or not _applies(rule, facts):
            continue
        if received is None:
            found.append(PlatformDeadline(rule, None, None, None))
            continue
        last = rule.last_day(received)
        earlier = law_last if law_last is not None and last < law_last else None
        found.append(PlatformDeadline(rule, last, (last - today).days, earlier))
    found.sort(key=lambda d: (not d.closes_before_law, d.last_day or date.max, d.rule.sort_order))
    return found
