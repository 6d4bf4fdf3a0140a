"""The call page's one form: the notes typed while talking and the parts ticked off.

Saved as typed, so it refuses as little as it can: a half-typed ticket number is kept as
it is and normalised later by the call form the shopper confirms (cases.forms.CallForm).
Only what the row cannot hold (too long, not a date) is refused.
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateField, ShopperMessages
from cases.models import Call
from cases.on_call import PART_TITLES, TICKABLE


def _limit(name: str) -> int:
    """The column's length: the form refuses only what the row cannot hold."""
    return Call._meta.get_field(name).max_length


class CallNotesForm(ShopperMessages, forms.Form):
    agent_id = forms.CharField(
        label=_("客服工号"),
        required=False,
        max_length=_limit("agent_id"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
    )
    ticket_number = forms.CharField(
        label=_("处理单号 / 工单号"),
        required=False,
        max_length=_limit("ticket_number"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    promise = forms.CharField(
        label=_("客服承诺了什么"),
        required=False,
        max_length=_limit("promise"),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    # Any day a promise can name: a date in the past is the shopper's typo, corrected on
    # the call form they confirm.
    promised_by = DateField(label=_("承诺在哪天之前"), required=False, validators=[])
    notes = forms.CharField(
        label=_("其他笔记"),
        required=False,
        max_length=_limit("notes"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    done = forms.MultipleChoiceField(
        required=False,
        choices=[(key, PART_TITLES[key]) for key in TICKABLE],
        widget=forms.MultipleHiddenInput,
    )
    # When the page was opened (ISO, China time): the call's start, if believable
    # (cases.on_call.start_time decides).
    started_at = forms.DateTimeField(
        required=False, widget=forms.HiddenInput, input_formats=["%Y-%m-%dT%H:%M:%S%z"]
    )

    def started(self) -> datetime | None:
        return self.cleaned_data.get("started_at")
