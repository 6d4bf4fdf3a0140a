"""The form renderer: a field's group (label, hint, error, widget, counter) and Django's
common widgets written out in Python.

A step page draws 10–40 widgets, and each of Django's widget templates is two or three
nested includes (text.html → input.html → attrs.html; a radio button five deep), inside a
field template per field: on a first render that was over half a step page's time
(bench/profile_page.py). The widget functions give the same markup, byte for byte, as
Django 5.2's templates of the same name (`tests/test_form_renderer.py` compares them); a
template not listed here is rendered by Django as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.translation import gettext

WIDGETS = "django/forms/widgets/"


def _text(value: Any) -> str:
    """`{{ value }}` in an autoescaped template."""
    return conditional_escape(localize(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """attrs.html: `name` alone for True, nothing for False, else `name="value"`."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: dict[str, Any]) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{conditional_escape(value)}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"'
        f"{shown}{_attrs(widget['attrs'])}>\n"
    )


def _input_option(widget: dict[str, Any]) -> str:
    if not widget["wrap_label"]:
        return _input(widget) + "\n"
    ident = widget["attrs"].get("id")
    target = f' for="{_text(ident)}"' if ident else ""
    return f"<label{target}>{_input(widget)} {_text(widget['label'])}</label>\n"


def _multiple_input(widget: dict[str, Any]) -> str:
    ident = widget["attrs"].get("id")
    css = widget["attrs"].get("class")
    parts = [
        "<div",
        f' id="{_text(ident)}"' if ident else "",
        f' class="{_text(css)}"' if css else "",
        ">",
    ]
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f"\n  <div><label>{_text(group)}</label>")
        for option in options:
            # radio_option.html / checkbox_option.html add a line after input_option.html.
            parts.append(f"<div>\n    {_option(option)}</div>")
        if group:
            parts.append("\n  </div>")
    parts.append("\n</div>\n")
    return "".join(parts)


def _option(option: dict[str, Any]) -> str:
    write = _OPTIONS.get(option["template_name"])
    if write is None:  # a widget of our own with its own option template
        raise _NotOurs
    return write(option)


def _select(widget: dict[str, Any]) -> str:
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            parts.append(f'\n  <optgroup label="{_text(group)}">')
        for option in options:
            parts.append(f"\n  {_option(option)}")
        if group:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>\n")
    return "".join(parts)


def _select_option(option: dict[str, Any]) -> str:
    return (
        f'<option value="{conditional_escape(option["value"])}"{_attrs(option["attrs"])}>'
        f"{_text(option['label'])}</option>\n"
    )


def _textarea(widget: dict[str, Any]) -> str:
    value = widget["value"]
    return (
        f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n'
        f"{_text(value) if value else ''}</textarea>\n"
    )


class _NotOurs(Exception):
    pass


_OPTIONS: dict[str, Callable[[dict[str, Any]], str]] = {
    WIDGETS + "radio_option.html": lambda option: _input_option(option) + "\n",
    WIDGETS + "checkbox_option.html": lambda option: _input_option(option) + "\n",
    WIDGETS + "select_option.html": _select_option,
}

PYTHON_WIDGETS: dict[str, Callable[[dict[str, Any]], str]] = {
    **{
        f"{WIDGETS}{name}.html": _input
        for name in [
            "input",
            "checkbox",
            "color",
            "date",
            "datetime",
            "email",
            "file",
            "hidden",
            "number",
            "password",
            "search",
            "tel",
            "text",
            "time",
            "url",
        ]
    },
    WIDGETS + "textarea.html": _textarea,
    WIDGETS + "select.html": _select,
    WIDGETS + "radio.html": _multiple_input,
    WIDGETS + "checkbox_select.html": _multiple_input,
}


def field_group(field: BoundField) -> str:
    """Every form field of the site (`{{ field.as_field_group }}`): its label (a legend
    for a radio group), hint, error, widget and, for a field with a length limit, the
    characters-left counter site.js fills in (its words translated here, not in JS)."""
    auto_id = _text(field.auto_id)
    parts = [f'<div class="field{" field--error" if field.errors else ""}" id="{auto_id}-group">\n']
    if field.use_fieldset:
        described = field.aria_describedby
        described = f' aria-describedby="{_text(described)}"' if described else ""
        parts.append(
            f'<fieldset class="fieldset"{described}>\n'
            f'  <legend class="fieldset__legend">{_text(field.label)}</legend>\n'
        )
    else:
        parts.append(
            f'\n  <label class="label" for="{_text(field.id_for_label)}">'
            f"{_text(field.label)}</label>\n"
        )
    parts.append("\n")
    if field.help_text:
        parts.append(f'<p class="hint" id="{auto_id}_helptext">{_text(field.help_text)}</p>')
    parts.append("\n")
    if field.errors:
        marker = f'<span class="visually-hidden">{_text(gettext("错误："))}</span>'
        errors = "<br>".join(f"{marker}{_text(error)}" for error in field.errors)
        parts.append(f'<p class="error-message" id="{auto_id}_error">{errors}</p>')
    parts.append(f"\n{field}\n")
    limit = getattr(field.field, "max_length", None)
    if limit and getattr(field.field.widget, "input_type", None) != "hidden":
        most = {"max": _text(limit)}
        parts.append(
            f'<p class="counter{" counter--quiet" if limit < 100 else ""}" '
            f'data-counter-for="{_text(field.id_for_label)}"'
        )
        if limit >= 100:
            left = gettext("还可以输入 {left} 字（最多 %(max)s 字）") % most
            parts.append(f' data-msg-left="{left}"')
        over = gettext("超出 {over} 字，请删短一些（最多 %(max)s 字）") % most
        parts.append(f' data-msg-over="{over}">')
        if limit >= 100:
            parts.append(gettext("最多 %(max)s 字") % most)
        parts.append("</p>")
    parts.append("\n")
    if field.use_fieldset:
        parts.append("</fieldset>")
    parts.append("\n</div>")
    return "".join(parts)


class FormRenderer(TemplatesSetting):
    """TemplatesSetting (the project's templates first), with the field group and the
    common widgets drawn without the template engine."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name == self.field_template_name and isinstance(
            context.get("field"), BoundField
        ):
            return field_group(context["field"])
        write = PYTHON_WIDGETS.get(template_name)
        if write is not None:
            try:
                # BaseRenderer.render strips the template's output: so do we.
                return write(context["widget"]).strip()
            except _NotOurs:
                pass
        return super().render(template_name, context, request)
