"""The shopper's legal windows for one purchase: which are open, until when, what they offer.

The windows themselves (days, outcomes, goods, wording, source, the article quoted) are
data: `LegalWindow` rows, corrected in the admin, and so are the agents' likely objections
with the replies (`Pushback`). This module holds only the rules of applying them:
- which problems each rule is about (a parcel that never came starts no return clock; a
  conduct problem such as 售后推诿 is judged by the goods' own problem behind it);
- the clock: the day after receipt is day 1 (网络购买商品七日无理由退货暂行办法: 七日期间自
  消费者签收商品的次日开始起算), counted on China's calendar whatever the caller's timezone;
  a last day on a weekend or public holiday moves to the next working day (民法典第二百零三条;
  routing/holidays.py);
- 消法 protects 生活消费 only (第二条): an enterprise purchase gets no consumer window;
- a right without a fixed end (三包 repair within its validity, a return after day 7 where the
  contract can be ended) is never shown as plainly open: it carries its condition;
- where a fact is missing (the receipt date, the kind of goods), it is named as missing;
  nothing is guessed.

A guide, not legal advice: the card says so, and shows each window's source.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from routing.advice import STRONG_CLAIMS, STRONG_CLAIMS_EN
from routing.choices import (
    CONDUCT_PROBLEMS,
    SIMPLE_QUERIES,
    GoodsKind,
    Outcome,
    ProblemCategory,
    PurchaseKind,
    Rule,
)
from routing.dates import shopper_date
from routing.facts import goods_kind_of, goods_problem
from routing.holidays import legal_last_day
from routing.hours import china_today, in_china
from routing.models import LegalWindow, Pushback, PushbackNeeds

# Problems about goods the shopper does not have: no window counting from receipt applies.
# A paid order the shop does not ship is 消法第五十三条's case (the prepayment rule).
NO_GOODS_IN_HAND = frozenset(
    {
        ProblemCategory.SHOP_NOT_SHIPPING,
        ProblemCategory.LATE_DELIVERY,
        ProblemCategory.MEMBER_BENEFIT,
        ProblemCategory.TRACKING_QUERY,
        ProblemCategory.ADDRESS_CHANGE,
    }
)
PREPAID_PROBLEMS = frozenset({ProblemCategory.SHOP_NOT_SHIPPING, ProblemCategory.LATE_DELIVERY})
# Art. 24 is about goods that fail the quality requirements (any goods, 三包 kinds included,
# where 三包 itself does not cover the problem).
QUALITY_PROBLEMS = frozenset(
    {
        ProblemCategory.QUALITY_FAULT,
        ProblemCategory.SPOILED_FRESH,
        ProblemCategory.DAMAGED_IN_TRANSIT,
        ProblemCategory.NOT_AS_DESCRIBED,
    }
)
# 三包 arts. 9–11 are about a performance fault (性能故障) only: a TV broken in transit or
# the wrong model stays an art. 24 case.
SANBAO_PROBLEMS = frozenset({ProblemCategory.QUALITY_FAULT})
# Art. 55 needs fraud (the seller knowingly misstated or hid facts): opened, with its
# condition, where goods are not as described or the shopper speaks of fakes.
FRAUD_PROBLEMS = frozenset({ProblemCategory.NOT_AS_DESCRIBED})
# 食品安全法第一百四十八条: food below the safety standards.
FOOD_PROBLEMS = frozenset({ProblemCategory.SPOILED_FRESH})
# The shopper's own words that claim a food is unsafe, not merely disappointing.
SAFETY_CLAIMS = (
    "变质",
    "发霉",
    "霉变",
    "腐烂",
    "过期",
    "异物",
    "中毒",
    "腹泻",
    "拉肚子",
    "呕吐",
    "食品安全",
    "安全标准",
    "有毒",
)
SAFETY_CLAIMS_EN = ("spoiled", "mould", "mold", "rotten", "expired", "poison", "unsafe")

# Strongest first: what the want step lists and the order a shopper should ask in.
OUTCOME_STRENGTH = (
    Outcome.RETURN_REFUND,
    Outcome.EXCHANGE,
    Outcome.REPAIR,
    Outcome.CANCEL_REFUND,
    Outcome.FOOD_TENFOLD,
    Outcome.FRAUD_TRIPLE,
)

CLOSES_SOON_DAYS = 2
# 民法典第一百八十八条 (诉讼时效) and 投诉举报处理暂行办法第十五条(四) (12315): three years.
LIMITATION_YEARS = 3
# Replies shown per right: the one or two objections an agent is likely to raise.
PUSHBACKS_PER_WINDOW = 2


class State(models.TextChoices):
    OPEN = "open", _("可以申请")
    CONDITIONAL = "conditional", _("看条件")
    CLOSED = "closed", _("已截止")
    MAYBE_CLOSED = "maybe_closed", _("可能已截止")
    UNKNOWN = "unknown", _("还缺信息")
    EXCLUDED = "excluded", _("不适用")


class Missing(models.TextChoices):
    """Facts the shopper has not given; `step` is the wizard step that asks for them."""

    RECEIVED = "received", _("签收日期（订单详情 → 签收时间或完成时间）")
    GOODS_KIND = "goods_kind", _("商品类型（是否生鲜、定制、三包商品等）")
    UNDERLYING = "underlying", _("商品本身有什么问题（故障、破损、与描述不符、变质，还是不想要了）")
    REPAIRS = "repairs", _("已经修过几次（三包期内修过两次仍不能用，可以换货或退货）")
    GOODS_WHAT = "goods_what", _("商品具体是什么（商家标了“不支持七天无理由”时）")

    @property
    def step(self) -> str:
        return "order" if self == Missing.RECEIVED else "problem"


@dataclass(frozen=True)
class RightsFacts:
    """What the rules need to know about a purchase. `received` may be a date (the
    shopper's answer) or a datetime (a time stamp: its day is taken in China time).
    The last four are optional answers, asked only where they decide something."""

    received: date | datetime | None = None
    goods_kind: str = ""
    problem: str = ""
    purchase_kind: str = ""
    description: str = ""
    evidence_count: int = 0
    underlying: str = ""  # the goods' own problem behind a conduct problem
    repairs: int | None = None  # repairs so far (三包第十一条)
    installed_on: date | None = None  # the seller installed it on this day (条例第十八条)
    goods_what: str = ""  # what goods a shop marked "不支持七天无理由" (条例第十九条)


@dataclass(frozen=True)
class Window:
    rule: LegalWindow
    state: State
    last_day: date | None = None  # the legal last day, after any holiday roll-over
    days_left: int | None = None
    missing: tuple[Missing, ...] = ()
    excluded_by: str = ""  # the goods kind that excludes this window
    nominal_last_day: date | None = None  # the plain count: where JD's system may stop
    calendar_known: bool = True
    condition: str = ""  # what must hold for the right (shown as "如果……")
    evidence_count: int = 0
    counted_from_installation: bool = False
    today: date | None = (
        None  # the day the window was judged on: a date says its year if not this year's
    )

    @property
    def key(self) -> str:
        return self.rule.key

    @property
    def outcomes(self) -> tuple[str, ...]:
        """What the shopper may ask for under this window now (nothing once it closed)."""
        if self.is_open:
            return self.rule.outcome_list
        return ()

    @property
    def is_open(self) -> bool:
        return self.state in (State.OPEN, State.CONDITIONAL)

    @property
    def is_certain(self) -> bool:
        """Open with nothing left to prove: only such a window is named in the call script."""
        return self.state == State.OPEN

    @property
    def rolled_over(self) -> bool:
        return self.last_day is not None and self.last_day != self.nominal_last_day

    @property
    def closes_soon(self) -> bool:
        return self.is_open and self.days_left is not None and (self.days_left <= CLOSES_SOON_DAYS)

    @property
    def outcome_labels(self) -> list[str]:
        return [str(Outcome(value).label) for value in self.rule.outcome_list]

    @property
    def missing_labels(self) -> list[str]:
        return [str(item.label) for item in self.missing]

    def _day(self, day: date) -> str:
        # Issue 24's one date style (12月3日（周四）), with the year when it is not this year's.
        later_year = self.today is not None and day.year != self.today.year
        return shopper_date(day, with_year=later_year)

    def _date_notes(self) -> str:
        if self.last_day is None or self.nominal_last_day is None:
            return ""
        if not self.calendar_known:
            return gettext(
                "（节假日表还没有 %(year)s 年的数据：没有按周末和节假日顺延，实际最后一天可能更晚）"
            ) % {"year": self.nominal_last_day.year}
        if self.rolled_over:
            return gettext(
                "；京东系统可能按 %(nominal)s 截止，按法律最后一天顺延到 %(legal)s"
                "（民法典第二百零三条）"
            ) % {
                "nominal": self._day(self.nominal_last_day),
                "legal": self._day(self.last_day),
            }
        return ""

    @property
    def status_text(self) -> str:
        """The window's state in words, without its name ("到 12月3日 为止（还剩 2 天）")."""
        day = self._day(self.last_day) if self.last_day else ""
        if self.state == State.CONDITIONAL and self.last_day is not None:
            # A dated window with a condition (a shop's "不支持七天无理由" label): its last
            # day, then the condition as a sentence of its own.
            dated = replace(self, state=State.OPEN).status_text
            return gettext("%(dated)s；%(condition)s") % {
                "dated": dated,
                "condition": self.condition,
            }
        if self.state == State.OPEN and self.days_left == 0:
            # "今天" already says which day it is: no weekday inside the brackets.
            short = shopper_date(self.last_day, self.last_day).removeprefix("今天（")
            short = short.removeprefix("today (").rstrip("）)")
            return gettext("今天（%(date)s）是最后一天") % {"date": short} + self._date_notes()
        if self.state == State.OPEN:
            return (
                ngettext(
                    "到 %(date)s 为止（还剩 %(days)d 天）",
                    "到 %(date)s 为止（还剩 %(days)d 天）",
                    self.days_left,
                )
                % {"date": day, "days": self.days_left}
                + self._date_notes()
            )
        if self.state == State.CLOSED:
            return gettext("已于 %(date)s 截止") % {"date": day} + self._date_notes()
        if self.state == State.MAYBE_CLOSED:
            return gettext(
                "不按节假日顺延算，已于 %(date)s 截止；节假日表还没有 %(year)s 年的数据，"
                "如果这天或之后几天是周末或法定节假日，最后一天会顺延（民法典第二百零三条）"
            ) % {"date": day, "year": self.last_day.year}
        if self.state == State.EXCLUDED:
            # Not a lapse: the law never gave this right for these goods (消法第二十五条).
            return gettext("按法律不适用于：%(goods)s（%(source)s）") % {
                "goods": GoodsKind(self.excluded_by).label,
                "source": self.rule.display_source,
            }
        if self.state == State.UNKNOWN:
            return gettext("还缺：%(facts)s") % {"facts": gettext("、").join(self.missing_labels)}
        text = gettext("如果%(condition)s") % {"condition": self.condition}
        if self.rule.needs_evidence:
            if self.evidence_count:
                text += gettext("；要凭证据提出，不是承诺")
            else:
                text += gettext("；要凭证据提出（可以在“证据”一步上传），不是承诺")
        return text


@dataclass(frozen=True)
class Entitlement:
    """An outcome the shopper may ask for, and the window that gives it for longest."""

    outcome: str
    window: Window

    @property
    def label(self) -> str:
        return str(Outcome(self.outcome).label)


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class Rights:
    windows: list[Window]
    today: date
    received_day: date | None
    missing: tuple[Missing, ...] = field(default=())
    facts: RightsFacts = field(default_factory=RightsFacts)
    # The agents' likely objections with the replies (pushbacks_for), filled in by whoever
    # shows them (cases.rights.rights_of); empty on the start page's counters.
    replies: tuple[PushbackReply, ...] = ()

    @property
    def not_consumer(self) -> bool:
        """An enterprise purchase: 消法 protects 生活消费 only (第二条)."""
        problem = self.facts.problem
        return (
            self.facts.purchase_kind == PurchaseKind.ENTERPRISE
            and bool(problem)
            and problem not in SIMPLE_QUERIES
        )

    @property
    def any(self) -> bool:
        return bool(self.windows) or self.not_consumer

    @property
    def limitation_passed(self) -> bool:
        """More than three years since receipt: 12315 refuses, and the limitation period
        (counted from when the shopper knew of the harm) may have run."""
        if self.received_day is None:
            return False
        return self.today > _add_years(self.received_day, LIMITATION_YEARS)

    @property
    def shown(self) -> list[Window]:
        """What a shopper sees: nothing is shown for a window whose facts are missing (the
        missing facts are named instead); open windows first, then the closed ones."""
        known = [w for w in self.windows if w.state != State.UNKNOWN]
        return [w for w in known if w.is_open] + [w for w in known if not w.is_open]

    @property
    def undecided(self) -> bool:
        """Every window waits for a missing fact: nothing can be said open or closed yet."""
        return bool(self.windows) and all(w.state == State.UNKNOWN for w in self.windows)

    @property
    def awaits_receipt(self) -> bool:
        return self.undecided and Missing.RECEIVED in self.missing

    @property
    def open_windows(self) -> list[Window]:
        return [w for w in self.windows if w.is_open]

    @property
    def closed_windows(self) -> list[Window]:
        return [
            w for w in self.windows if w.state in (State.CLOSED, State.EXCLUDED, State.MAYBE_CLOSED)
        ]

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
        return [w for w in self.windows if w.is_open and w.last_day]

    @property
    def nearest(self) -> Window | None:
        """The open window that closes first: the start page's deadline counter."""
        return min(self.deadlines, key=lambda w: w.last_day, default=None)

    def entitlements(self) -> list[Entitlement]:
        """The outcomes the shopper may ask for now, strongest first, each with the window
        that keeps it open longest: a certain window before a conditional one."""
        result = []
        food = (
            goods_kind_of(self.facts) == GoodsKind.FRESH
            or goods_problem(self.facts) == ProblemCategory.SPOILED_FRESH
        )
        for outcome in OUTCOME_STRENGTH:
            if food and outcome == Outcome.REPAIR:
                continue  # art. 24's 修理 means nothing for spoiled food
            window = self.basis_for(outcome) or self.conditional_basis_for(outcome)
            if window is not None:
                result.append(Entitlement(outcome, window))
        return result

    def basis_for(self, outcome: str) -> Window | None:
        """The open, unconditional window to name when asking for `outcome`: the one lasting
        longest, the rules' own order breaking ties."""
        offering = [w for w in self.open_windows if w.is_certain and outcome in w.outcomes]
        if not offering:
            return None
        far = date.max
        return min(
            offering,
            key=lambda w: (-(w.last_day or far).toordinal(), w.rule.sort_order),
        )

    def conditional_basis_for(self, outcome: str) -> Window | None:
        offering = [w for w in self.open_windows if outcome in w.outcomes]
        return min(offering, key=lambda w: w.rule.sort_order, default=None)

    def closed_for(self, outcome: str) -> list[Window]:
        """Windows that would have given `outcome` but surely closed or do not apply."""
        return [
            w
            for w in self.windows
            if w.state in (State.CLOSED, State.EXCLUDED) and outcome in w.rule.outcome_list
        ]


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


def _safety_claim(description: str) -> bool:
    lowered = description.lower()
    return any(word in description for word in SAFETY_CLAIMS) or any(
        word in lowered for word in SAFETY_CLAIMS_EN
    )


def _food_case(problem: str, goods: str, facts: RightsFacts) -> bool:
    """食品安全法第一百四十八条 is about food below the safety standards: spoiled fresh food
    (chosen, or the goods' problem behind a conduct problem), or fresh food the shopper
    says is unsafe. Fresh food crushed in transit or not as described is not that: art. 24
    (and art. 55 for fraud, with evidence) stay."""
    if problem in FOOD_PROBLEMS:
        return True
    return goods == GoodsKind.FRESH and _safety_claim(facts.description)


def _applies(rule: str, problem: str, goods: str, facts: RightsFacts) -> bool:
    if not problem:
        return False
    if rule == Rule.PREPAID:
        return problem in PREPAID_PROBLEMS
    # A PLUS member's coupon is no goods in hand; a member's broken appliance is (the PLUS
    # line routes goods problems to member after-sales, and the law is the same).
    if problem in NO_GOODS_IN_HAND:
        return False
    if rule == Rule.QUALITY:
        # 三包 covers a performance fault of its goods; everything else stays art. 24.
        if problem in SANBAO_PROBLEMS and goods == GoodsKind.SANBAO:
            return False
        return problem in QUALITY_PROBLEMS
    if rule == Rule.SANBAO:
        return problem in SANBAO_PROBLEMS
    if rule == Rule.FOOD:
        return _food_case(problem, goods, facts)
    if rule == Rule.FRAUD:
        # 消法第五十五条 ends "法律另有规定的，依照其规定": for food that is 第一百四十八条.
        if _food_case(problem, goods, facts):
            return False
        return problem in FRAUD_PROBLEMS or _has_claim(facts.description)
    return True  # 七日无理由退货 needs no reason at all


def _dated(
    rule: LegalWindow,
    start: date | None,
    today: date,
    missing: list[Missing],
    from_installation: bool = False,
) -> Window:
    if start is None:
        return Window(rule, State.UNKNOWN, missing=(Missing.RECEIVED, *missing))
    nominal = start + timedelta(days=rule.days or 0)
    last = legal_last_day(nominal)
    days_left = (last.legal - today).days
    if days_left >= 0:
        state = State.OPEN
    elif last.calendar_known:
        state = State.CLOSED
    else:
        state = State.MAYBE_CLOSED
    return Window(
        rule,
        state,
        last.legal,
        max(days_left, 0),
        tuple(missing),
        nominal_last_day=nominal,
        calendar_known=last.calendar_known,
        counted_from_installation=from_installation,
        today=today,
    )


def _sanbao_start(facts: RightsFacts, day: date | None, today: date) -> tuple[date | None, bool]:
    """条例（2024）第十八条: 三包 counts from delivery, or from installation for goods the
    seller installs. An installation date before receipt or in the future is not one."""
    installed = facts.installed_on
    if installed is None or day is None or installed < day or installed > today:
        return day, False
    return installed, True


def rights_for(
    facts: RightsFacts, at: datetime, rules: Iterable[LegalWindow] | None = None
) -> Rights:
    """Every window that applies to these facts on `at`'s day in China."""
    rules = list(LegalWindow.objects.filter(active=True) if rules is None else rules)
    rules = [rule for rule in rules if rule.active]
    rules.sort(key=lambda rule: (rule.sort_order, rule.key))
    today = china_today(at)
    day = received_day(facts.received)
    if facts.purchase_kind == PurchaseKind.ENTERPRISE:
        # 消法第二条: 为生活消费需要. A company's order is a contract matter (民法典), and
        # 12315 refuses it (投诉举报处理暂行办法第十五条(三)).
        return Rights([], today, day, (), facts)
    problem = goods_problem(facts)
    goods = goods_kind_of(facts)

    windows: list[Window] = []
    asked_goods: set[str] = set()
    for rule in rules:
        if not _applies(rule.rule, problem, goods, facts):
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
        if rule.min_repairs:
            # Asked only where it decides: while a dated 三包 window still gives an exchange
            # or a return, the number of repairs changes nothing.
            if any(w.rule.rule == rule.rule and w.state == State.OPEN for w in windows):
                continue
            if facts.repairs is None:
                windows.append(Window(rule, State.UNKNOWN, missing=(Missing.REPAIRS,)))
                continue
            if facts.repairs < rule.min_repairs:
                continue
        start, installed = (
            _sanbao_start(facts, day, today) if rule.rule == Rule.SANBAO else (day, False)
        )
        if rule.days is not None:
            window = _dated(rule, start, today, missing, installed)
            if (
                window.state == State.OPEN
                and rule.rule == Rule.SEVEN_DAY
                and goods == GoodsKind.CONFIRMED_FINAL
            ):
                # 消法第二十五条 needs the goods' nature *and* a confirmation at purchase; a
                # shop's label alone does not take the right away (条例第十九条).
                if not facts.goods_what:
                    missing.append(Missing.GOODS_WHAT)
                condition = _shop_label_condition(facts)
                window = Window(
                    rule,
                    State.CONDITIONAL,
                    window.last_day,
                    window.days_left,
                    tuple(missing),
                    nominal_last_day=window.nominal_last_day,
                    calendar_known=window.calendar_known,
                    condition=condition,
                    today=today,
                )
            windows.append(window)
            continue
        windows.append(
            Window(
                rule,
                State.CONDITIONAL,
                missing=tuple(missing),
                condition=rule.display_condition,
                evidence_count=facts.evidence_count,
                counted_from_installation=installed,
            )
        )

    all_missing: list[Missing] = []
    for window in windows:
        for item in window.missing:
            if item not in all_missing:
                all_missing.append(item)
    if problem in CONDUCT_PROBLEMS:
        # The rules above saw only 七日无理由退货: the goods' own problem decides the rest.
        all_missing.append(Missing.UNDERLYING)
    return Rights(windows, today, day, tuple(all_missing), facts)


def _shop_label_condition(facts: RightsFacts) -> str:
    text = gettext(
        "只有商品按性质确实不宜退货（例如拆封后影响卫生安全、激活后明显贬值），并且你购买时"
        "确认过，才不适用；只是商家标了“不支持七天无理由”，仍然可以退"
    )
    if facts.goods_what:
        text = gettext("你说商品是：%(what)s。") % {"what": facts.goods_what[:60]} + text
    return text


# ----- Pushbacks: what the agent may say, and the reply the facts support -----


@dataclass(frozen=True)
class PushbackReply:
    pushback: Pushback
    window: Window

    @property
    def objection(self) -> str:
        return self.pushback.display_objection

    @property
    def reply(self) -> str:
        return self.pushback.display_reply

    @property
    def source(self) -> str:
        return self.pushback.display_source


def _supported(needs: str, window: Window, facts: RightsFacts) -> bool:
    if needs == PushbackNeeds.ROLLED_OVER:
        return window.state == State.OPEN and window.rolled_over and window.calendar_known
    if needs == PushbackNeeds.SHOP_LABEL:
        return facts.goods_kind == GoodsKind.CONFIRMED_FINAL
    if needs == PushbackNeeds.THIRD_PARTY:
        return facts.purchase_kind == PurchaseKind.THIRD_PARTY
    if needs == PushbackNeeds.CONSUMER:
        # Any purchase not marked as a company's (the shopper who is not sure included):
        # the reply itself says when it may be said (routing/migrations/0011).
        return facts.purchase_kind != PurchaseKind.ENTERPRISE
    if needs == PushbackNeeds.DATED:
        return window.is_open and window.last_day is not None
    return True


def pushbacks_for(
    rights: Rights, pushbacks: Iterable[Pushback] | None = None
) -> list[PushbackReply]:
    """The objections an agent is likely to raise against this shopper's open rights, each
    with the reply the shopper's facts support; at most two per right, each objection once.

    Pure given `pushbacks` (the call page of issue 21 hands in the rows it already read)."""
    if pushbacks is None:
        pushbacks = Pushback.objects.filter(active=True)
    rows = sorted((p for p in pushbacks if p.active), key=lambda p: (p.sort_order, p.key))
    result: list[PushbackReply] = []
    seen: set[str] = set()
    for window in rights.open_windows:
        count = 0
        for row in rows:
            if count >= PUSHBACKS_PER_WINDOW:
                break
            if row.key in seen or window.key not in row.window_list:
                continue
            if not _supported(row.needs, window, rights.facts):
                continue
            seen.add(row.key)
            count += 1
            result.append(PushbackReply(row, window))
    return result
