"""Binding and saving each wizard step's form against the one Case row."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone

from cases.answers import answers
from cases.evidence_forms import evidence_page
from cases.forms import (
    OrderForm,
    ProblemForm,
    WantForm,
    prior_contact_formset,
    save_prior_contacts,
)
from cases.models import Case

ORDER_FIELDS = ["order_number", "purchase_kind", "item"]
PROBLEM_FIELDS = ["problem", "description", "happened_on"]
WANT_FIELDS = ["desired_outcome", "outcome_detail", "deadline_days"]


class ConfirmForm(forms.Form):
    """A step whose only answer is pressing the button."""


def _initial(case: Case, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(case, name) for name in fields}


def bind_step_form(case: Case, slug: str, data: Any = None) -> Any:
    if slug == "order":
        return OrderForm(data, initial=_initial(case, ORDER_FIELDS))
    if slug == "problem":
        return ProblemForm(
            data, initial=_initial(case, PROBLEM_FIELDS), purchase_kind=case.purchase_kind
        )
    if slug == "tried":
        return prior_contact_formset(case, data)
    if slug == "want":
        return WantForm(data, initial=_initial(case, WANT_FIELDS))
    return ConfirmForm(data)


@transaction.atomic
def save_step(case: Case, slug: str, form: Any) -> None:
    if slug in ("order", "problem", "want"):
        for name, value in form.cleaned_data.items():
            setattr(case, name, value)
    elif slug == "tried":
        save_prior_contacts(case, form)
        case.tried_answered = True
    elif slug == "evidence":
        case.evidence_answered = True
    elif slug == "check":
        case.card_ready_at = case.card_ready_at or timezone.now()
    case.save()


def step_extras(case: Case, slug: str) -> dict[str, Any]:
    """What a step's page shows besides its form."""
    if slug == "check":
        contacts = list(case.prior_contacts.all())
        return {"answers": answers(case, contacts, case.evidence.count())}
    if slug == "evidence":
        return evidence_page(case)
    return {}
