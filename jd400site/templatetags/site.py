"""The site frame's own template tags: loaded by base.html and _partial.html, so they
import nothing from the apps (jd400site imports cases only in urls.py)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()

# ----- Chinese words on English pages -----
# JD's app labels (我的订单, 我的售后, 京东自营…) stay Chinese in the English text, because
# that is what the shopper sees in the app. A screen reader reading an English page needs
# them marked as Chinese to pronounce them (WCAG 3.1.2, language of parts).
_CHINESE_RUN = re.compile(
    r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]*[\u3400-\u9fff\uf900-\ufaff]"
    r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]*"
)
# Elements whose text must stay plain text: a <span> would show literally (textarea),
# be dropped by the parser (option) or not be HTML at all (svg).
_PLAIN_TEXT_ELEMENTS = frozenset({"textarea", "option", "title", "script", "style", "svg"})


class _ChineseText(HTMLParser):
    """Finds the stretches of text to mark, as offsets into the source: the source itself
    is copied as it is, so tags, attributes and entities come out byte for byte."""

    def __init__(self, html: str) -> None:
        # convert_charrefs=False: text arrives as written, so its length is its source span.
        super().__init__(convert_charrefs=False)
        self._line_starts = [0]
        for line in html.split("\n")[:-1]:
            self._line_starts.append(self._line_starts[-1] + len(line) + 1)
        self.stretches: list[tuple[int, str]] = []
        self._plain: list[str] = []  # the plain-text elements we are inside
        self._after_chinese_tag = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _PLAIN_TEXT_ELEMENTS:
            self._plain.append(tag)
        # Text straight inside an element already marked Chinese is left as it is.
        self._after_chinese_tag = any(
            name == "lang" and (value or "").startswith("zh") for name, value in attrs
        )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._after_chinese_tag = False  # <x/> opens nothing

    def handle_endtag(self, tag: str) -> None:
        if self._plain and self._plain[-1] == tag:
            self._plain.pop()
        self._after_chinese_tag = False

    def handle_comment(self, data: str) -> None:
        self._after_chinese_tag = False

    def handle_data(self, data: str) -> None:
        if self._plain or self._after_chinese_tag:
            return
        line, column = self.getpos()
        self.stretches.append((self._line_starts[line - 1] + column, data))


@register.filter(is_safe=True)
def mark_chinese(html: str) -> SafeString:
    """On a page that is not in Chinese, each run of Chinese characters in the text (never
    inside a tag, a textarea or an option) is wrapped in <span lang="zh-Hans">. base.html
    runs every page's main content through it. Plain strings are escaped first."""
    source = str(conditional_escape(html))
    if (get_language() or "").startswith("zh"):
        return mark_safe(source)
    parser = _ChineseText(source)
    parser.feed(source)
    parser.close()
    out, copied = [], 0
    for start, text in parser.stretches:
        out.append(source[copied:start])
        out.append(_CHINESE_RUN.sub(r'<span lang="zh-Hans">\g<0></span>', text))
        copied = start + len(text)
    out.append(source[copied:])
    return mark_safe("".join(out))
