"""The form renderer draws the common widgets in Python: a shopper must get the same
markup, byte for byte, as Django's widget templates give (labels tied to inputs, checked
radios, typed text kept and escaped)."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.forms.renderers import TemplatesSetting

from jd400site.form_renderer import PYTHON_WIDGETS, FormRenderer

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = "\"><script>alert(1)</script>&amp;'<"


class EveryWidget(forms.Form):
    name = forms.CharField(max_length=20, help_text="hint")
    count = forms.IntegerField(widget=forms.NumberInput(attrs={"inputmode": "numeric"}))
    day = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )
    mail = forms.EmailField()
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False)
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    photo = forms.FileField(widget=forms.FileInput(attrs={"accept": "image/*"}))
    kind = forms.ChoiceField(
        choices=[("a", "甲"), ("b", HOSTILE), (3, "三")], widget=forms.RadioSelect
    )
    grouped = forms.ChoiceField(
        choices=[("组一", [("x", "X"), ("y", "Y")]), ("z", "Z")], widget=forms.RadioSelect
    )
    many = forms.MultipleChoiceField(
        choices=[("p", "P"), ("q", "Q")], widget=forms.CheckboxSelectMultiple
    )


def _widgets(data: dict[str, object] | None) -> list[tuple[str, str]]:
    """(Django's templates, ours) for every widget of the form, bound to `data`."""
    pairs = []
    for renderer_class in (TemplatesSetting, FormRenderer):
        form = EveryWidget(data, renderer=renderer_class())
        form.is_valid()
        pairs.append([str(field) for field in form])
    return list(zip(*pairs, strict=True))


def test_it_draws_every_widget_as_djangos_templates_do_when_empty():
    for theirs, ours in _widgets(None):
        assert ours == theirs


def test_it_draws_typed_and_chosen_values_as_djangos_templates_do():
    data = {
        "name": "订单 42",
        "count": "7",
        "day": "2026-12-01",
        "when": "2026-12-01T09:30",
        "mail": "a@example.com",
        "secret": "s",
        "hidden": "h",
        "agree": "on",
        "note": "第一行\n第二行",
        "kind": "3",
        "grouped": "y",
        "many": ["p", "q"],
    }
    for theirs, ours in _widgets(data):
        assert ours == theirs


def test_it_escapes_hostile_input_as_djangos_templates_do():
    data = dict.fromkeys(EveryWidget.base_fields, HOSTILE)
    data["many"] = [HOSTILE]
    pairs = _widgets(data)
    for theirs, ours in pairs:
        assert ours == theirs
    assert all("<script>" not in ours for _theirs, ours in pairs)


def test_it_leaves_a_widget_template_the_project_overrides_to_the_template():
    # A project template of the same name would be ignored by the Python version.
    overridden = {
        str(path.relative_to(ROOT / "templates"))
        for path in (ROOT / "templates" / "django" / "forms").rglob("*.html")
    }
    assert not overridden & set(PYTHON_WIDGETS)
