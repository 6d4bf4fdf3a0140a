"""The shopper's legal windows for one purchase: which are open, until when, what they offer.

The windows themselves (days, outcomes, goods, wording, source) are data: `LegalWindow`
rows, corrected in the admin. This module holds only the rules of applying them:
- which problems each rule is about (a parcel that never came starts no return clock);
- the clock: the day after receipt is day 1 (网络购买商品七日无理由退货暂行办法: 七日期间自
  消费者签收商品的次日开始起算), counted on China's calendar whatever the caller's timezone;
- where a fact is missing (the receipt date, the kind of goods, evidence), it is named as
  missing; nothing is guessed.

A guide, not legal advice: the card says so, and shows each window's source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import models
from django.template.defaultfilters import date as format_date
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from routing.advice import STRONG_CLAIMS, STRONG_CLAIMS_EN
from routing.choices import GoodsKind, Outcome, ProblemCategory, Rule
from routing.hours import china_today, in_china
from routing.models import LegalWindow

# Problems about goods the shopper has in hand: a window that counts from receipt can
# apply. A shop that does not ship, a late parcel, a coupon or a simple query start no clock.
NO_GOODS_IN_HAND = frozenset(
    {
        ProblemCategory.SHOP_NOT_SHIPPING,
        ProblemCategory.LATE_DELIVERY,
        ProblemCategory.MEMBER_BENEFIT,
        ProblemCategory.TRACKING_QUERY,
        ProblemCategory.ADDRESS_CHANGE,
    }
)
# Art. 24 is about goods that fail the quality requirements.
QUALITY_PROBLEMS = frozenset(
    {
        ProblemCategory.QUALITY_FAULT,
        ProblemCategory.SPOILED_FRESH,
        ProblemCategory.DAMAGED_IN_TRANSIT,
        ProblemCategory.NOT_AS_DESCRIBED,
    }
)
# 三包 arts. 9–10 are about a performance fault (性能故障).
SANBAO_PROBLEMS = frozenset({ProblemCategory.QUALITY_FAULT})
# Art. 55: goods not as described is where fraud claims (counterfeits) usually sit.
FRAUD_PROBLEMS = frozenset({ProblemCategory.NOT_AS_DESCRIBED})

# Strongest first: what the want step lists and the order a shopper should ask in.
OUTCOME_STRENGTH = (
    Outcome.RETURN_REFUND,
    Outcome.EXCHANGE,
    Outcome.REPAIR,
    Outcome.COMPENSATION,
)

CLOSES_SOON_DAYS = 2


class State(models.TextChoices):
    OPEN = "open", _("可以申请")
    NO_DEADLINE = "no_deadline", _("可以申请")
    CLOSED = "closed", _("已截止")
    UNKNOWN = "unknown", _("还缺信息")
    EXCLUDED = "excluded", _("不适用")


class Missing(models.TextChoices):
    """Facts the shopper has not given, and the step that asks for them."""

    RECEIVED = "received", _("签收日期（订单详情 → 签收时间或完成时间）")
    GOODS_KIND = "goods_kind", _("商品类型（是否生鲜、定制、三包商品等）")
    EVIDENCE = "evidence", _("证据（截图、照片、鉴定等）")


@dataclass(frozen=True)
class RightsFacts:
    """What the rules need to know about a purchase. `received` may be a date (the
    shopper's answer) or a datetime (a time stamp: its day is taken in China time)."""

    received: date | datetime | None = None
    goods_kind: str = ""
    problem: str = ""
    purchase_kind: str = ""
    description: str = ""
    evidence_count: int = 0


@dataclass(frozen=True)
class Window:
    rule: LegalWindow
    state: State
    last_day: date | None = None
    days_left: int | None = None
    missing: tuple[Missing, ...] = ()
    excluded_by: str = ""  # the goods kind that excludes this window

    @property
    def key(self) -> str:
        return self.rule.key

    @property
    def outcomes(self) -> tuple[str, ...]:
        """What the shopper may ask for under this window now (nothing once it closed)."""
        if self.state in (State.OPEN, State.NO_DEADLINE):
            return self.rule.outcome_list
        return ()

    @property
    def is_open(self) -> bool:
        return self.state in (State.OPEN, State.NO_DEADLINE)

    @property
    def closes_soon(self) -> bool:
        return (
            self.state == State.OPEN
            and self.days_left is not None
            and (self.days_left <= CLOSES_SOON_DAYS)
        )

    @property
    def outcome_labels(self) -> list[str]:
        return [str(Outcome(value).label) for value in self.rule.outcome_list]

    @property
    def missing_labels(self) -> list[str]:
        return [str(item.label) for item in self.missing]

    @property
    def status_text(self) -> str:
        """The window's state in words, without its name ("到 12月3日 为止（还剩 2 天）")."""
        day = format_date(self.last_day, gettext("n月j日")) if self.last_day else ""
        if self.state == State.OPEN and self.days_left == 0:
            return gettext("今天（%(date)s）是最后一天") % {"date": day}
        if self.state == State.OPEN:
            return ngettext(
                "到 %(date)s 为止（还剩 %(days)d 天）",
                "到 %(date)s 为止（还剩 %(days)d 天）",
                self.days_left,
            ) % {"date": day, "days": self.days_left}
        if self.state == State.CLOSED:
            return gettext("已于 %(date)s 截止") % {"date": day}
        if self.state == State.EXCLUDED:
            return gettext("不适用于：%(goods)s") % {"goods": GoodsKind(self.excluded_by).label}
        if self.state == State.UNKNOWN:
            return gettext("还缺：%(facts)s") % {"facts": gettext("、").join(self.missing_labels)}
        if self.rule.needs_evidence:
            return gettext("没有固定截止日；只能凭证据提出，不是承诺")
        return gettext("没有固定截止日")


@dataclass(frozen=True)
class Entitlement:
    """An outcome the shopper may ask for, and the window that gives it for longest."""

    outcome: str
    window: Window

    @property
    def label(self) -> str:
        return str(Outcome(self.outcome).label)


@dataclass(frozen=True)
class Rights:
    windows: list[Window]
    today: date
    received_day: date | None
    missing: tuple[Missing, ...] = field(default=())

    @property
    def any(self) -> bool:
        return bool(self.windows)

    @property
    def shown(self) -> list[Window]:
        """What a shopper sees: nothing is shown for a window whose facts are missing (the
        missing facts are named instead); open windows first, then the closed ones."""
        known = [w for w in self.windows if w.state != State.UNKNOWN]
        return [w for w in known if w.is_open] + [w for w in known if not w.is_open]

    @property
    def open_windows(self) -> list[Window]:
        return [w for w in self.windows if w.is_open]

    @property
    def closed_windows(self) -> list[Window]:
        return [w for w in self.windows if w.state in (State.CLOSED, State.EXCLUDED)]

    @property
    def closing_soon(self) -> list[Window]:
        return [w for w in self.windows if w.closes_soon]

    @property
    def day_number(self) -> int | None:
        """签收后第几天 today is (the day after receipt is day 1)."""
        if self.received_day is None:
            return None
        return max((self.today - self.received_day).days, 0)

    @property
    def deadlines(self) -> list[Window]:
        """Open windows with a last day: each can go into a calendar."""
        return [w for w in self.windows if w.state == State.OPEN and w.last_day]

    @property
    def nearest(self) -> Window | None:
        """The open window that closes first: the start page's deadline counter."""
        return min(self.deadlines, key=lambda w: w.last_day, default=None)

    def entitlements(self) -> list[Entitlement]:
        """The outcomes the shopper may ask for now, strongest first, each with the window
        that keeps it open longest (one without a deadline outlasts any dated one)."""
        result = []
        for outcome in OUTCOME_STRENGTH:
            window = self.basis_for(outcome)
            if window is not None:
                result.append(Entitlement(outcome, window))
        return result

    def basis_for(self, outcome: str) -> Window | None:
        """The open window to name when asking for `outcome`: the one lasting longest,
        the rules' own order breaking ties."""
        offering = [w for w in self.open_windows if outcome in w.outcomes]
        if not offering:
            return None
        far = date.max
        return min(
            offering,
            key=lambda w: (-(w.last_day or far).toordinal(), w.rule.sort_order),
        )

    def closed_for(self, outcome: str) -> list[Window]:
        """Windows that would have given `outcome` but are closed or do not apply."""
        return [w for w in self.closed_windows if outcome in w.rule.outcome_list]


def received_day(received: date | datetime | None) -> date | None:
    if received is None:
        return None
    if isinstance(received, datetime):
        return in_china(received).date()
    return received


def _has_claim(description: str) -> bool:
    lowered = description.lower()
    return any(word in description for word in STRONG_CLAIMS) or any(
        word in lowered for word in STRONG_CLAIMS_EN
    )


def _applies(rule: str, facts: RightsFacts) -> bool:
    # A PLUS member's coupon is no goods in hand; a member's broken appliance is (the PLUS
    # line routes goods problems to member after-sales, and the law is the same).
    if facts.problem in NO_GOODS_IN_HAND:
        return False
    if not facts.problem:
        return False
    if rule == Rule.QUALITY:
        return facts.problem in QUALITY_PROBLEMS
    if rule == Rule.SANBAO:
        return facts.problem in SANBAO_PROBLEMS
    if rule == Rule.FRAUD:
        return facts.problem in FRAUD_PROBLEMS or _has_claim(facts.description)
    return True  # 七日无理由退货 needs no reason at all


def goods_kind_of(facts: RightsFacts) -> str:
    """The kind of goods as far as the facts tell: spoiled fresh food is fresh food."""
    if facts.goods_kind:
        return facts.goods_kind
    if facts.problem == ProblemCategory.SPOILED_FRESH:
        return GoodsKind.FRESH
    return ""


def _dated(rule: LegalWindow, day: date | None, today: date, missing: list[Missing]) -> Window:
    if rule.days is None:
        return Window(rule, State.NO_DEADLINE, missing=tuple(missing))
    if day is None:
        return Window(rule, State.UNKNOWN, missing=(Missing.RECEIVED, *missing))
    last_day = day + timedelta(days=rule.days)
    days_left = (last_day - today).days
    state = State.OPEN if days_left >= 0 else State.CLOSED
    return Window(rule, state, last_day, max(days_left, 0), tuple(missing))


def rights_for(
    facts: RightsFacts, at: datetime, rules: Iterable[LegalWindow] | None = None
) -> Rights:
    """Every window that applies to these facts on `at`'s day in China."""
    rules = list(LegalWindow.objects.filter(active=True) if rules is None else rules)
    rules = [rule for rule in rules if rule.active]
    rules.sort(key=lambda rule: (rule.sort_order, rule.key))
    today = china_today(at)
    day = received_day(facts.received)
    goods = goods_kind_of(facts)
    # Goods a rule is written for (三包's listed kinds) take the case out of the general
    # quality rule: art. 24 defers to the national rules where they exist.
    special_goods = {kind for rule in rules for kind in rule.goods_list}

    windows: list[Window] = []
    asked_goods: set[str] = set()
    for rule in rules:
        if not _applies(rule.rule, facts):
            continue
        if rule.rule == Rule.QUALITY and goods in special_goods:
            continue
        if rule.goods_list:
            if not goods:
                # It might be one of these goods: say so once per rule, without dates.
                if rule.rule not in asked_goods:
                    asked_goods.add(rule.rule)
                    windows.append(Window(rule, State.UNKNOWN, missing=(Missing.GOODS_KIND,)))
                continue
            if goods not in rule.goods_list:
                continue
        if goods and goods in rule.excluded_goods_list:
            windows.append(Window(rule, State.EXCLUDED, excluded_by=goods))
            continue
        missing: list[Missing] = []
        if rule.excluded_goods_list and not goods:
            missing.append(Missing.GOODS_KIND)
        if rule.needs_evidence and not facts.evidence_count:
            missing.append(Missing.EVIDENCE)
        windows.append(_dated(rule, day, today, missing))

    all_missing: list[Missing] = []
    for window in windows:
        for item in window.missing:
            if item not in all_missing:
                all_missing.append(item)
    return Rights(windows, today, day, tuple(all_missing))
