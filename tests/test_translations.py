"""The English translation: complete, compiled, and actually shown.

The .po file is parsed here in plain Python, so these tests need no gettext tools; the
compiled .mo is committed for the same reason and must match the .po.
"""

from __future__ import annotations

import ast
import gettext
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.html import page_language

LOCALE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES"
PO_FILE = LOCALE / "django.po"
MO_FILE = LOCALE / "django.mo"

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")

# Names the shopper must find in the Chinese JD app (or hear on the line) stay Chinese in
# the English pages, each with an English gloss beside it.
KEPT_IN_CHINESE = (
    "我的订单",
    "我的售后",
    "客户服务",
    "京东自营",
    "我的",
)


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def translations(self) -> list[str]:
        return [self.msgstr[index] for index in sorted(self.msgstr)]


KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])? (\".*\")$")


def parse_po(path: Path) -> list[Entry]:
    """The entries of a .po file, without the header and obsolete ("#~") entries."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int] = ("", 0)
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        starts_next = line.startswith(("#", "msgctxt ", "msgid "))
        if entry is not None and entry.msgstr and starts_next:
            entries.append(entry)
            entry = None
        if not line:
            continue
        if line.startswith("#~"):
            entry = None  # the comments of an obsolete entry belong to it
            continue
        entry = entry or Entry(line=number)
        if line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            kind, index = target
            text = ast.literal_eval(line)
            if kind == "msgstr":
                entry.msgstr[index] += text
            else:
                setattr(entry, kind, (getattr(entry, kind) or "") + text)
        else:
            match = KEYWORD.match(line)
            assert match, f"{path}:{number}: cannot read {line!r}"
            kind, index, text = match.group(1), int(match.group(2) or 0), match.group(3)
            if kind == "msgid":
                entry.line = number
            if kind == "msgstr":
                entry.msgstr[index] = ast.literal_eval(text)
            else:
                setattr(entry, kind, ast.literal_eval(text))
            target = (kind, index)
    if entry is not None and entry.msgstr:
        entries.append(entry)
    return [entry for entry in entries if entry.msgid]


ENTRIES = parse_po(PO_FILE)


def describe(entry: Entry) -> str:
    return f"django.po:{entry.line} {entry.msgid!r}"


def test_it_reads_the_po_file():
    assert len(ENTRIES) > 100
    assert any(entry.msgid_plural for entry in ENTRIES)


def test_it_has_an_english_translation_for_every_message():
    untranslated = [
        describe(entry)
        for entry in ENTRIES
        if not entry.translations or not all(entry.translations)
    ]
    assert untranslated == []


def test_it_has_no_fuzzy_translations():
    assert [describe(entry) for entry in ENTRIES if "fuzzy" in entry.flags] == []


def test_it_gives_plural_messages_both_english_forms():
    incomplete = [
        describe(entry)
        for entry in ENTRIES
        if entry.msgid_plural and sorted(entry.msgstr) != [0, 1]
    ]
    assert incomplete == []


def test_it_keeps_every_placeholder():
    broken = [
        describe(entry)
        for entry in ENTRIES
        for text in entry.translations
        if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(entry.msgid))
    ]
    assert broken == []


def test_it_translates_the_order_number_message_exactly():
    # A browser test reads this message on the order step.
    [entry] = [entry for entry in ENTRIES if entry.msgid.startswith("订单号只能是数字")]
    assert entry.msgstr[0] == (
        "Order numbers contain digits only. In the JD app, open 我的 → 我的订单, "
        "open this order and copy the order number from its details."
    )


def test_it_has_a_compiled_catalogue_that_matches_the_po_file():
    # A stale .mo (the .po changed, compilemessages not run) fails here.
    with MO_FILE.open("rb") as mo:
        catalogue = gettext.GNUTranslations(mo)
    stale = []
    for entry in ENTRIES:
        if entry.msgid_plural and entry.msgctxt is not None:
            got = [
                catalogue.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                for n in (1, 2)
            ]
        elif entry.msgid_plural:
            got = [catalogue.ngettext(entry.msgid, entry.msgid_plural, n) for n in (1, 2)]
        elif entry.msgctxt is not None:
            got = [catalogue.pgettext(entry.msgctxt, entry.msgid)]
        else:
            got = [catalogue.gettext(entry.msgid)]
        if got != entry.translations:
            stale.append(describe(entry))
    assert stale == []


class _Text(HTMLParser):
    """The visible text of a page, without elements marked lang="zh-Hans" (the language
    switch and the Chinese call script) and without <script>, <style> and <title>."""

    SKIPPED = {"script", "style", "title"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._stack: list[bool] = []
        self.headings: list[str] = []
        self._heading: list[str] | None = None
        self.start_button: list[str] = []
        self._in_start = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        a = dict(attrs)
        hidden = (self._stack and self._stack[-1]) or tag in self.SKIPPED
        hidden = hidden or (a.get("lang") or "").lower().startswith("zh")
        self._stack.append(bool(hidden))
        if tag in ("h1", "h2") and not hidden:
            self._heading = []
        if tag == "button" and "button--start" in (a.get("class") or ""):
            self._in_start = True

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if self._stack:
            self._stack.pop()
        if tag in ("h1", "h2") and self._heading is not None:
            self.headings.append("".join(self._heading).strip())
            self._heading = None
        if tag == "button":
            self._in_start = False

    def handle_data(self, data: str) -> None:
        if self._stack and self._stack[-1]:
            return
        self.parts.append(data)
        if self._heading is not None:
            self._heading.append(data)
        if self._in_start:
            self.start_button.append(data)


def english_page(client, url: str) -> _Text:
    client.cookies["django_language"] = "en"
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert page_language(html) == "en"
    page = _Text()
    page.feed(html)
    return page


def chinese_left(text: str) -> list[str]:
    for name in KEPT_IN_CHINESE:
        text = text.replace(name, "")
    return sorted({line.strip() for line in text.splitlines() if CJK.search(line)})


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/hotlines/"])
def test_it_shows_the_headings_in_english(client, url):
    headings = english_page(client, url).headings
    assert headings
    assert [heading for heading in headings if not heading or CJK.search(heading)] == []


@pytest.mark.django_db
def test_it_shows_the_start_button_in_english(client):
    button = "".join(english_page(client, "/").start_button).strip()
    assert button
    assert not CJK.search(button)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/hotlines/"])
def test_it_shows_no_chinese_in_english_except_jd_app_names(client, url):
    page = english_page(client, url)
    assert chinese_left("".join(page.parts)) == []
