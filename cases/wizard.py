"""The wizard's steps, in order, and when each counts as answered."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import Case
from routing.choices import problem_fits


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    is_answered: Callable[[Case], bool]


STEPS: tuple[Step, ...] = (
    Step(
        "order",
        _("订单信息"),
        lambda case: bool(case.order_number and case.purchase_kind and case.item),
    ),
    Step(
        "problem",
        _("遇到的问题"),
        # A changed purchase kind can leave a problem that no longer fits: ask again.
        lambda case: bool(
            case.problem
            and problem_fits(case.purchase_kind, case.problem)
            and case.description
            and case.happened_on
        ),
    ),
    Step("tried", _("已经尝试过的渠道"), lambda case: case.tried_answered),
    Step("want", _("你想要的结果"), lambda case: bool(case.desired_outcome)),
    Step("evidence", _("证据截图"), lambda case: case.evidence_answered),
    Step("check", _("核对信息"), lambda case: case.card_ready_at is not None),
)
STEP_SLUGS = tuple(step.slug for step in STEPS)
_BY_SLUG = {step.slug: step for step in STEPS}


def get_step(slug: str) -> Step | None:
    return _BY_SLUG.get(slug)


def step_number(slug: str) -> int:
    return STEP_SLUGS.index(slug) + 1


def first_unanswered(case: Case) -> Step | None:
    return next((step for step in STEPS if not step.is_answered(case)), None)


def may_open(case: Case, slug: str) -> bool:
    """A step opens only once every step before it is answered."""
    for step in STEPS:
        if step.slug == slug:
            return True
        if not step.is_answered(case):
            return False
    return False


def next_slug(slug: str) -> str | None:
    index = STEP_SLUGS.index(slug)
    return STEP_SLUGS[index + 1] if index + 1 < len(STEP_SLUGS) else None


def previous_slug(slug: str) -> str | None:
    index = STEP_SLUGS.index(slug)
    return STEP_SLUGS[index - 1] if index > 0 else None


def card_is_ready(case: Case) -> bool:
    """The card shows once the answers were checked, and while they still all hold (a kind
    changed later can leave a problem that no longer fits: that step is asked again)."""
    return case.card_ready_at is not None and first_unanswered(case) is None


def step_url(case: Case, slug: str, returning: bool = False) -> str:
    url = reverse("cases:step", args=[case.token, slug])
    return f"{url}?return=check" if returning else url


def url_after(case: Case, slug: str, returning: bool) -> str:
    """Where a saved step leads: on through the wizard, or back to "check answers" for a
    shopper who came from there, by way of any step the change left unanswered."""
    if slug == "check":
        return reverse("cases:card", args=[case.token])
    if returning:
        unanswered = first_unanswered(case)
        if unanswered is None or unanswered.slug == "check":
            return step_url(case, "check")
        return step_url(case, unanswered.slug, returning=True)
    return step_url(case, next_slug(slug))


def back_url(case: Case, slug: str, returning: bool) -> str:
    if returning:
        return step_url(case, "check")
    previous = previous_slug(slug)
    if previous is None:
        return reverse("cases:start")
    return step_url(case, previous)
