"""The form renderer draws each field's group and the common widgets in Python: a shopper
must get the same widgets, byte for byte, as Django's widget templates give (labels tied to
inputs, checked radios, typed text kept and escaped), and every field its label, hint,
error and characters-left counter."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import translation

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
    pick = forms.ChoiceField(choices=[("", "---"), ("组", [("m", HOSTILE), (4, "四")]), ("n", "N")])
    picks = forms.MultipleChoiceField(choices=[("r", "R"), ("s", "S")])
    maybe = forms.NullBooleanField()


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
        "pick": "4",
        "picks": ["r", "s"],
        "maybe": "true",
    }
    for theirs, ours in _widgets(data):
        assert ours == theirs


def test_it_escapes_hostile_input_as_djangos_templates_do():
    data = dict.fromkeys(EveryWidget.base_fields, HOSTILE)
    data["many"] = data["picks"] = [HOSTILE]
    pairs = _widgets(data)
    for theirs, ours in pairs:
        assert ours == theirs
    assert all("<script>" not in ours for _theirs, ours in pairs)


def test_it_leaves_a_widget_template_the_project_overrides_to_the_template():
    # A project template of the same name would be ignored by the Python version.
    overridden = {
        str(path.relative_to(ROOT / "templates"))
        for path in (ROOT / "templates").rglob("django/forms/**/*.html")
    }
    assert not overridden & set(PYTHON_WIDGETS)


class Story(forms.Form):
    title = forms.CharField(label="标题", max_length=20, help_text="写清楚")
    story = forms.CharField(label=HOSTILE, max_length=200, widget=forms.Textarea)
    kind = forms.ChoiceField(label="类型", choices=[("a", "甲")], widget=forms.RadioSelect)


def _group(form: forms.Form, name: str) -> str:
    return form[name].as_field_group()


def test_it_ties_the_label_hint_and_error_to_the_field():
    form = Story({"title": "", "story": "x"}, renderer=FormRenderer())
    group = _group(form, "title")
    assert group.startswith('<div class="field field--error" id="id_title-group">')
    assert '<label class="label" for="id_title">标题</label>' in group
    assert '<p class="hint" id="id_title_helptext">写清楚</p>' in group
    assert (
        '<p class="error-message" id="id_title_error"><span class="visually-hidden">错误：' in group
    )
    assert 'aria-describedby="id_title_helptext id_title_error"' in group
    assert group.endswith("</div>")


def test_it_puts_a_radio_group_in_a_fieldset_with_a_legend():
    group = _group(Story(renderer=FormRenderer()), "kind")
    assert '<fieldset class="fieldset">\n  <legend class="fieldset__legend">类型</legend>' in group
    assert group.endswith("</fieldset>\n</div>")


def test_it_counts_characters_in_the_shoppers_language():
    form = Story(renderer=FormRenderer())
    assert 'class="counter counter--quiet" data-counter-for="id_title"' in _group(form, "title")
    with translation.override("en"):
        story = _group(form, "story")
    assert 'data-msg-left="{left} characters left (of 200)"' in story
    assert ">Up to 200 characters</p>" in story


def test_it_escapes_a_hostile_label_and_answer():
    group = _group(Story({"story": HOSTILE}, renderer=FormRenderer()), "story")
    assert "<script>" not in group
    assert "&lt;script&gt;" in group
