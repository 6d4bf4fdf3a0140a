"""A case's legal windows (routing/rights.py) from its answers, and the sentence the call
script gains from them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from django.utils.translation import gettext

from cases.models import Case
from routing.choices import Outcome
from routing.dates import shopper_date
from routing.hours import CHINA
from routing.models import LegalWindow
from routing.rights import (
    Entitlement,
    Rights,
    RightsFacts,
    State,
    Window,
    pushbacks_for,
    rights_for,
)


def rights_of(
    case: Case,
    at: datetime,
    evidence_count: int | None = None,
    rules: list[LegalWindow] | None = None,
    replies: bool = True,
) -> Rights:
    """The windows for this case on `at`'s day in China, with the replies to the agents'
    likely objections unless `replies` is off; `evidence_count` and `rules` save queries
    where the caller already has them."""
    if evidence_count is None:
        evidence_count = case.evidence.count()
    facts = RightsFacts(
        received=case.received_on,
        goods_kind=case.goods_kind,
        problem=case.problem,
        purchase_kind=case.purchase_kind,
        description=case.description,
        evidence_count=evidence_count,
        underlying=case.underlying_problem,
        repairs=case.repairs_so_far,
        installed_on=case.installed_on,
        goods_what=case.goods_what,
    )
    rights = rights_for(facts, at, rules)
    if not replies or not rights.open_windows:
        return rights
    return replace(rights, replies=tuple(pushbacks_for(rights)))


def open_window(case: Case, key: str, at: datetime) -> Window | None:
    """The window `key` if it is open on `at`'s day in China (only an open window has a
    last day worth a calendar reminder)."""
    window = next((w for w in rights_of(case, at, replies=False).windows if w.key == key), None)
    return window if window is not None and window.is_open and window.last_day else None


# What the shopper asks for, said after "申请" in the basis sentence.
ASK_ZH = {
    Outcome.RETURN_REFUND: "退货",
    Outcome.EXCHANGE: "换货",
    Outcome.REPAIR: "维修",
}
ASK_EN = {
    Outcome.RETURN_REFUND: "a return",
    Outcome.EXCHANGE: "an exchange",
    Outcome.REPAIR: "a repair",
}


def chosen_basis(rights: Rights, outcome: str) -> Window | None:
    """The window to name for the outcome the shopper wants, if one is open without a
    condition the shopper's facts leave open (basis_for takes certain windows only): 三包
    repair "if still within the 三包 period", a return after day 7 "if the goods cannot be
    used", fraud "with evidence" are never asserted in the script."""
    if outcome not in ASK_ZH or rights.received_day is None:
        # Without the receipt date the shopper has not told us enough to name a rule.
        return None
    return rights.basis_for(outcome)


def _days_counted(rights: Rights, window: Window) -> tuple[int | None, bool]:
    """签收后第几天, or 安装完成后第几天 for a 三包 window counted from the seller's
    installation (条例第十八条): the day number the window itself counts by."""
    installed = rights.facts.installed_on
    if window.counted_from_installation and installed is not None:
        return max((rights.today - installed).days, 0), True
    return rights.day_number, False


def basis_sentence(rights: Rights, outcome: str) -> str:
    """The script's sentence naming the rule ("按照七日无理由退货的规定，今天是签收后第5天，
    还在期限内。"), or nothing when no open window gives what the shopper wants. The request
    itself is said once, just before it (希望退货退款): issue 24 heard it twice."""
    window = chosen_basis(rights, outcome)
    if window is None:
        return ""
    days, installed = _days_counted(rights, window)
    if window.last_day is not None and days is not None:
        since = "安装完成" if installed else "签收"
        when = f"{since}后第{days}天" if days else f"{since}当天"
        return f"按照{window.rule.basis}的规定，今天是{when}，还在期限内。"
    return f"这是按照{window.rule.basis}的规定提出的。"


def basis_sentence_en(rights: Rights, outcome: str) -> str:
    """The English twin of basis_sentence: the rule keeps its Chinese name."""
    window = chosen_basis(rights, outcome)
    if window is None:
        return ""
    name = (
        f"{window.rule.name_en} ({window.rule.basis})" if window.rule.name_en else window.rule.basis
    )
    days, installed = _days_counted(rights, window)
    if window.last_day is not None and days is not None:
        since = "installation" if installed else "receipt"
        when = f"day {days} after {since}" if days else f"the day of {since}"
        return f"Under the rule on {name}, today is {when}, within the time limit."
    return f"I am asking under the rule on {name}."


@dataclass(frozen=True)
class ClosedChoice:
    """The outcome the shopper chose has no dated window open: which closed or does not apply
    to these goods, and either the condition under which it still stands (`still_if`) or
    what applies instead."""

    outcome: str
    closed: list[Window]
    still: list[Entitlement]
    still_if: Window | None = None

    @property
    def label(self) -> str:
        return str(Outcome(self.outcome).label)

    @property
    def unavailable(self) -> bool:
        """Nothing gives the chosen outcome now, not even under a condition."""
        return self.still_if is None

    @property
    def expired(self) -> list[Window]:
        """The windows that gave it and surely closed."""
        return [w for w in self.closed if w.state == State.CLOSED]

    @property
    def excluded(self) -> list[Window]:
        """The windows the law never gave for these goods (消法第二十五条): no lapse."""
        return [w for w in self.closed if w.state == State.EXCLUDED]

    @property
    def lapsed(self) -> bool:
        """Unavailable because a legal period ran out: only then may the card say
        "已经过了法定期限"; an excluded right ("不适用") never lapsed."""
        return self.unavailable and bool(self.expired)


def closed_choice(rights: Rights, outcome: str) -> ClosedChoice | None:
    if not outcome or rights.basis_for(outcome) is not None:
        return None
    closed = rights.closed_for(outcome)
    if not closed:
        return None
    still_if = rights.conditional_basis_for(outcome)
    still = [e for e in rights.entitlements() if e.outcome != outcome]
    return ClosedChoice(outcome, closed, still, still_if)


def instead_outcome(choice: ClosedChoice | None) -> str:
    """What the script asks for when the chosen outcome has lapsed: the strongest outcome
    still open without a condition, or nothing (the script then asks what can be done)."""
    if choice is None or not choice.unavailable:
        return ""
    certain = [e for e in choice.still if e.window.is_certain]
    return certain[0].outcome if certain else ""


def want_rights(case: Case, at: datetime) -> dict[str, Any]:
    """What the want step shows above its form: the outcomes this purchase entitles the
    shopper to, strongest first, and a warning when the chosen one has run out."""
    rights = rights_of(case, at)
    return {
        "rights": rights,
        "entitlements": rights.entitlements(),
        "closed_choice": closed_choice(rights, case.desired_outcome),
    }


def nearest_deadlines(
    cases: list[tuple[Case, Any]], at: datetime, rules: list[LegalWindow] | None = None
) -> list[tuple[Case, Any, Window | None]]:
    """Each (case, status) of the start page with its nearest open deadline; a closed case
    has none. The rules are read once for the whole list (or handed in, already read)."""
    if rules is None:
        rules = list(LegalWindow.objects.filter(active=True))
    return [
        (
            case,
            status,
            None
            if status.is_closed
            else rights_of(case, at, evidence_count=0, rules=rules, replies=False).nearest,
        )
        for case, status in cases
    ]


def first_request_on(case: Case, days: list[date]) -> date | None:
    """The first day the shopper asked JD on or after receipt: a contact dated before the
    goods arrived (about shipping, say) is no request under a window counted from receipt."""
    if case.received_on is not None:
        days = [day for day in days if day >= case.received_on]
    return min(days, default=None)


def complaint_basis(case: Case, asked_on: date) -> str:
    """The 12315 request's legal basis: the window open on the day the shopper first asked
    JD (what counts is asking in time, not when the complaint is written). Nothing for an
    enterprise purchase: 12315 does not take it (投诉举报处理暂行办法第十五条(三))."""
    at = datetime.combine(asked_on, time(12), tzinfo=CHINA)
    rights = rights_of(case, at, replies=False)
    window = chosen_basis(rights, case.desired_outcome)
    if window is None:
        return ""
    facts = {"rule": window.rule.basis, "source": window.rule.display_source}
    if window.last_day is None or rights.received_day is None:
        return gettext("依据：%(rule)s（%(source)s）。") % facts
    facts.update(
        # The complaint's one date style (cases/escalation.py): with the year, as it is
        # read months later.
        received=shopper_date(rights.received_day, with_year=True),
        asked=shopper_date(asked_on, with_year=True),
        last=shopper_date(window.last_day, with_year=True),
    )
    return (
        gettext(
            "依据：%(rule)s（%(source)s）。%(received)s 签收，%(asked)s 向京东提出，"
            "在 %(last)s 截止之前。"
        )
        % facts
    )


def script_rights(rights: Rights, outcome: str) -> dict[str, Any]:
    """What the call script takes from the rights (one source for the card, the copied text
    and the call page): the basis sentences, and whether the chosen outcome is unavailable
    (lapsed or not applicable): the script then asks to negotiate it."""
    choice = closed_choice(rights, outcome)
    return {
        "basis": basis_sentence(rights, outcome),
        "basis_en": basis_sentence_en(rights, outcome),
        "unavailable": choice is not None and choice.unavailable,
        "instead": instead_outcome(choice),
    }
