from __future__ import annotations

import re
from typing import Any

from django import forms, template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from cases import addresses

register = template.Library()


@register.filter
def error_links(form: Any) -> list[tuple[str, str]]:
    """(field id, message) for the error summary at the top of a page; works for formsets."""
    if isinstance(form, forms.BaseFormSet):
        links = [("", str(message)) for message in form.non_form_errors()]
        for sub in form.forms:
            links.extend(error_links(sub))
        return links
    links = [("", str(message)) for message in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == "__all__" or name not in form.fields:
            continue
        bound = form[name]
        anchor = bound.id_for_label or bound.auto_id
        if isinstance(form.fields[name].widget, forms.RadioSelect):
            anchor = f"{bound.auto_id}-group"
        links.extend((anchor, str(message)) for message in errors)
    return links


# Runs of letters, digits and - : . / that hold at least one digit: 400-606-5500,
# 2026-11-29, JD-2026-001. Plain words are left alone.
_NUMBER_RUN = re.compile(r"[0-9A-Za-z][0-9A-Za-z\-:./]*[0-9A-Za-z]")


@register.filter
def keep_numbers_whole(text: str) -> SafeString:
    """Wrap runs like 400-606-5500 or 2026-11-29 so a line never breaks inside them: a
    number split at a hyphen is easy to misread when retyping it."""
    pieces = []
    position = 0
    for match in _NUMBER_RUN.finditer(str(text)):
        if not any(char.isdigit() for char in match.group(0)):
            continue
        pieces.append(escape(text[position : match.start()]))
        pieces.append(format_html('<span class="nowrap">{}</span>', match.group(0)))
        position = match.end()
    pieces.append(escape(str(text)[position:]))
    return mark_safe("".join(pieces))


_LONG_DIGITS = re.compile(r"\d{8,}")


@register.filter
def group_digits(text: str) -> SafeString:
    """keep_numbers_whole, and long digit runs (an order number) shown in groups of four,
    spaced by CSS only: easy to retype, and copied without the spaces."""
    pieces = []
    for piece in re.split(r"(<[^>]+>)", str(keep_numbers_whole(text))):
        if piece.startswith("<"):
            pieces.append(piece)
            continue
        pieces.append(
            _LONG_DIGITS.sub(
                lambda m: "".join(
                    f'<span class="digit-group">{m.group(0)[i : i + 4]}</span>'
                    for i in range(0, len(m.group(0)), 4)
                ),
                piece,
            )
        )
    return mark_safe("".join(pieces))


# ----- Plain-text templates (the card as text) -----
# Only what stands inside {% line %}…{% endline %} is output, one line each, so the
# template can be laid out readably without its own line breaks leaking into the text.
# The idea is healthchecks' (hc/front/templatetags/linemode.py).


class _LineModeNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        lines: list[str] = []
        with context.push(_linemode_lines=lines):
            self.nodelist.render(context)
        return "\n".join(lines)


class _LineNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        context["_linemode_lines"].append(self.nodelist.render(context))
        return ""


@register.tag
def linemode(parser: Any, token: Any) -> _LineModeNode:
    nodelist = parser.parse(("endlinemode",))
    parser.delete_first_token()
    return _LineModeNode(nodelist)


@register.tag
def line(parser: Any, token: Any) -> _LineNode:
    nodelist = parser.parse(("endline",))
    parser.delete_first_token()
    return _LineNode(nodelist)


@register.filter
def joined(lines: list[str], separator: str) -> str:
    """The non-empty lines of an answer on one line."""
    return separator.join(str(line) for line in lines if line)


@register.filter
def with_return(url: str, returning: bool) -> str:
    """A case page's address that leads back to "check answers" after saving."""
    return addresses.with_return(url, bool(returning))
