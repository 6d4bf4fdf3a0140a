"""The wizard: its steps in order, when each counts as answered, and for each step the
form it binds, what saving it writes and what its page shows besides the form.

Plain functions over one table; adding a step means a row in STEPS and a branch in
bind_step_form/save_step (and step_extras if its page shows more than a form).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.answers import answers
from cases.evidence_checklist import checklist_for
from cases.forms import (
    ConfirmForm,
    EvidenceUploadForm,
    OrderForm,
    ProblemForm,
    WantForm,
    prior_contact_formset,
)
from cases.models import Case
from cases.rights import want_rights
from routing.advice import outcome_is_vague
from routing.choices import SIMPLE_QUERIES, problem_fits


def _always(case: Case) -> bool:
    return True


def needs_outcome(case: Case) -> bool:
    """Seed, "别没试常规渠道就打400": tracking a parcel or changing the address needs no call,
    so there is no outcome to ask the agent for; the want step is skipped."""
    return case.problem not in SIMPLE_QUERIES


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    is_answered: Callable[[Case], bool]
    # A step the case does not need is passed over, and counts as answered.
    is_needed: Callable[[Case], bool] = _always


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
    Step(
        "want",
        _("你想要的结果"),
        lambda case: bool(case.desired_outcome) or not needs_outcome(case),
        is_needed=needs_outcome,
    ),
    Step("evidence", _("证据截图"), lambda case: case.evidence_answered),
    Step("check", _("核对信息"), lambda case: case.card_ready_at is not None),
)
STEP_SLUGS = tuple(step.slug for step in STEPS)
_BY_SLUG = {step.slug: step for step in STEPS}


def get_step(slug: str) -> Step | None:
    return _BY_SLUG.get(slug)


def steps_for(case: Case) -> list[Step]:
    """The steps this case goes through, in order."""
    return [step for step in STEPS if step.is_needed(case)]


def step_number(case: Case, slug: str) -> int:
    slugs = [step.slug for step in steps_for(case)]
    return slugs.index(slug) + 1 if slug in slugs else STEP_SLUGS.index(slug) + 1


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


def next_slug(case: Case, slug: str) -> str | None:
    later = STEPS[STEP_SLUGS.index(slug) + 1 :]
    return next((step.slug for step in later if step.is_needed(case)), None)


def previous_slug(case: Case, slug: str) -> str | None:
    earlier = reversed(STEPS[: STEP_SLUGS.index(slug)])
    return next((step.slug for step in earlier if step.is_needed(case)), None)


def card_is_ready(case: Case) -> bool:
    """The card shows once the answers were checked, and while they still all hold (a kind
    changed later can leave a problem that no longer fits: that step is asked again)."""
    return case.card_ready_at is not None and first_unanswered(case) is None


def url_after(case: Case, slug: str, returning: bool, form: Any = None) -> str:
    """Where a saved step leads: on through the wizard, or back to "check answers" for a
    shopper who came from there, by way of any step the change left unanswered.

    A newly typed vague outcome ("给个说法") is saved, and the want step shows once more
    with the warning (seed, 技巧3 明确诉求); pressing on again goes on."""
    if slug == "want" and getattr(form, "newly_vague", False):
        return case.step_url("want", returning) + "#vague-outcome"
    if slug == "check":
        return case.get_absolute_url()
    if returning:
        unanswered = first_unanswered(case)
        if unanswered is None or unanswered.slug == "check":
            return case.step_url("check")
        return case.step_url(unanswered.slug, returning=True)
    return case.step_url(next_slug(case, slug))


def back_url(case: Case, slug: str, returning: bool) -> str:
    if returning:
        return case.step_url("check")
    previous = previous_slug(case, slug)
    if previous is None:
        return reverse("cases:start")
    return case.step_url(previous)


# ----- One step's form, its saving, its page -----


def bind_step_form(case: Case, slug: str, data: Any = None) -> forms.BaseForm | forms.BaseFormSet:
    if slug == "order":
        return OrderForm(data, instance=case)
    if slug == "problem":
        return ProblemForm(data, instance=case)
    if slug == "tried":
        return prior_contact_formset(case, data)
    if slug == "want":
        return WantForm(data, instance=case)
    return ConfirmForm(data)


@transaction.atomic
def save_step(case: Case, slug: str, form: Any) -> None:
    """Write what this step answers and nothing else: another device may be saving another
    step of the same case at the same moment.

    The case row is locked first, so two saves of one case run one after the other: the
    "tried" step replaces the whole list of contacts (delete, then insert), and two devices
    doing that at once would each keep their own rows, a mix of both lists. (SQLite takes
    its one write lock at BEGIN anyway; PostgreSQL needs the row lock.)
    """
    Case.objects.select_for_update().filter(pk=case.pk).exists()
    if slug in ("order", "problem", "want"):
        form.save(commit=False)  # the form's answers onto the case, not yet written
        case.save(update_fields=[*form.cleaned_data, "updated_at"])
    elif slug == "tried":
        form.save(case)
        case.tried_answered = True
        case.save(update_fields=["tried_answered", "updated_at"])
    elif slug == "evidence":
        case.evidence_answered = True
        case.save(update_fields=["evidence_answered", "updated_at"])
    elif slug == "check":
        case.mark_card_ready(timezone.now())


def step_extras(
    case: Case, slug: str, upload_form: EvidenceUploadForm | None = None
) -> dict[str, Any]:
    """What a step's page shows besides its form."""
    if slug == "check":
        contacts = list(case.prior_contacts.all())
        return {"answers": answers(case, contacts, case.evidence.count())}
    if slug == "evidence":
        items = list(case.evidence.all())
        return {
            "evidence_items": items,
            "checklist": checklist_for(case.problem),
            "upload_form": upload_form or EvidenceUploadForm(),
            "evidence_max_files": settings.EVIDENCE_MAX_FILES_PER_CASE,
            "evidence_full": len(items) >= settings.EVIDENCE_MAX_FILES_PER_CASE,
        }
    if slug == "want":
        return {
            **want_rights(case, timezone.now()),
            "vague_outcome": bool(case.desired_outcome)
            and outcome_is_vague(case.desired_outcome, case.outcome_detail),
            "outcome_needed": needs_outcome(case),
        }
    return {}


def step_context(
    case: Case,
    slug: str,
    form: Any,
    returning: bool,
    upload_form: EvidenceUploadForm | None = None,
    refused: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """Everything a step's page needs: the step view and the evidence upload view (which
    shows the evidence step again after a refused upload, keeping what was chosen and
    typed) both render with it."""
    return {
        "case": case,
        "form": form,
        "step": get_step(slug),
        "step_number": step_number(case, slug),
        "step_count": len(steps_for(case)),
        "step_url": case.step_url(slug, returning),
        "back_url": back_url(case, slug, returning),
        "returning": returning,
        "refused": refused or [],
        **step_extras(case, slug, upload_form),
    }
