"""The form renderer: our field template (templates/django/forms/field.html) as before,
and Django's widget templates written out in Python.

A step page draws 10–40 widgets, and each of Django's widget templates is two or three
nested includes (text.html → input.html → attrs.html; a radio button five deep): on a
first render that was about half the page's time (bench/profile_page.py). The functions
below give the same markup, byte for byte, as Django 5.2's templates of the same name
(`tests/test_form_renderer.py` compares them); a template not listed here, or one the
project overrides, is rendered by Django as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.forms.renderers import TemplatesSetting
from django.utils.formats import localize
from django.utils.html import conditional_escape

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
    WIDGETS + "radio.html": _multiple_input,
    WIDGETS + "checkbox_select.html": _multiple_input,
}


class FormRenderer(TemplatesSetting):
    """TemplatesSetting (the project's templates first, so field.html is ours), with the
    common widgets drawn without the template engine."""

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        write = PYTHON_WIDGETS.get(template_name)
        if write is not None:
            try:
                # BaseRenderer.render strips the template's output: so do we.
                return write(context["widget"]).strip()
            except _NotOurs:
                pass
        return super().render(template_name, context, request)
