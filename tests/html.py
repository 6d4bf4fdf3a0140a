"""Reading the pages the tests get back, with html.parser rather than regexes over markup:
what a form would submit, the message next to a field, the error summary, an element's
text, a link by its text, the page's title and language."""

from __future__ import annotations

from collections.abc import Callable
from html.parser import HTMLParser
from typing import NamedTuple

Attrs = dict[str, str]

# Elements without an end tag: they open nothing, so they never change the nesting depth.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class _FormState(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    self.values.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in ("submit", "button"):
                self.values.setdefault(name, []).append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.setdefault(name, []).append("")
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            self.values.setdefault(self._select, []).append(a.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_values(html: str) -> dict[str, str]:
    """What the browser would submit from the page's forms: name → value (checked boxes
    only, a select's selected option; a textarea's leading newline dropped as browsers
    do)."""
    parser = _FormState()
    parser.feed(html)
    return {
        name: values[-1].removeprefix("\n")
        for name, values in parser.values.items()
        if name != "csrfmiddlewaretoken"
    }


class _Element(HTMLParser):
    """The first element `wanted(tag, attrs)` picks: its source, nested elements included,
    and its text."""

    def __init__(self, html: str, wanted: Callable[[str, Attrs], bool]) -> None:
        super().__init__()
        self.html = html
        self.wanted = wanted
        self.source = ""
        self.text = ""
        self._line_starts = [0]
        for line in html.splitlines(keepends=True):
            self._line_starts.append(self._line_starts[-1] + len(line))
        self._start: int | None = None
        self._depth = 0
        self._done = False

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._done:
            return
        if self._start is None:
            if self.wanted(tag, {k: v or "" for k, v in attrs}):
                self._start = self._offset()
                if tag in VOID:
                    self._finish(self._start + len(self.get_starttag_text() or ""))
                else:
                    self._depth = 1
        elif tag not in VOID:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self._done or self._start is None:
            return
        self._depth -= 1
        if self._depth == 0:
            start_of_end_tag = self._offset()
            self._finish(self.html.index(">", start_of_end_tag) + 1)

    def handle_data(self, data: str) -> None:
        if self._start is not None and not self._done:
            self.text += data

    def _finish(self, end: int) -> None:
        assert self._start is not None
        self.source = self.html[self._start : end]
        self._done = True


def _find(html: str, wanted: Callable[[str, Attrs], bool]) -> _Element:
    parser = _Element(html, wanted)
    parser.feed(html)
    parser.close()
    return parser


def _has_class(attrs: Attrs, name: str) -> bool:
    return name in attrs.get("class", "").split()


def error_message(html: str, field_id: str) -> str:
    """The text of the message shown next to a field ('' when none)."""
    found = _find(
        html,
        lambda tag, a: (
            tag == "p" and a.get("id") == f"{field_id}_error" and _has_class(a, "error-message")
        ),
    )
    return found.text


def error_summary(html: str) -> str:
    """The error summary at the top of a form, whole ('' when none): its text and links."""
    return _find(html, lambda tag, a: tag == "div" and _has_class(a, "error-summary")).source


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.content: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and "name" in a:
            self.content[a["name"]] = a.get("content", "")


def meta_content(html: str, name: str) -> str | None:
    """The content of <meta name="…">, as a search engine or a link preview reads it."""
    parser = _Meta()
    parser.feed(html)
    return parser.content.get(name)


class Element(NamedTuple):
    """An element as the tests read it: its attributes, its source and its text."""

    attrs: Attrs
    source: str
    text: str


def element(html: str, css_class: str = "", *, id: str = "", tag: str = "") -> Element | None:
    """The first element with that class (or id, or tag name); None when there is none."""

    def wanted(name: str, a: Attrs) -> bool:
        return (
            (not css_class or _has_class(a, css_class))
            and (not id or a.get("id") == id)
            and (not tag or name == tag)
        )

    found = _find(html, wanted)
    if not found.source:
        return None
    start = _StartTag()
    start.feed(found.source)
    return Element(start.attrs or {}, found.source, " ".join(found.text.split()))


def text(html: str, css_class: str) -> str:
    """The text of the first element with that class, spaces collapsed ('' when none)."""
    found = element(html, css_class)
    return found.text if found else ""


class _StartTag(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attrs: Attrs | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.attrs is None:
            self.attrs = {k: v or "" for k, v in attrs}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, Attrs]] = []
        self._open: Attrs | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._open, self._text = {k: v or "" for k, v in attrs}, ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._open is not None:
            self.links.append((" ".join(self._text.split()), self._open))
            self._open = None


def link(html: str, link_text: str) -> Attrs:
    """The attributes of the first link whose text is `link_text` ({} when none)."""
    parser = _Links()
    parser.feed(html)
    parser.close()
    return next((attrs for found, attrs in parser.links if found == link_text), {})


def page_title(html: str) -> str:
    found = element(html, tag="title")
    return found.text if found else ""


def page_language(html: str) -> str:
    """The page's language, as <html lang> declares it."""
    found = element(html, tag="html")
    return found.attrs.get("lang", "") if found else ""


def labelled(html: str, label_id: str) -> Element | None:
    """The first element named by the element with id `label_id` (aria-labelledby), as a
    screen reader announces a region or a section; None when there is none."""

    def wanted(name: str, a: Attrs) -> bool:
        return label_id in a.get("aria-labelledby", "").split()

    found = _find(html, wanted)
    if not found.source:
        return None
    start = _StartTag()
    start.feed(found.source)
    return Element(start.attrs or {}, found.source, " ".join(found.text.split()))


class _Table(HTMLParser):
    """A table's header row and body rows, each cell's text as a screen reader reads it
    (an image's alt text included, as for the admin's yes/no icons)."""

    def __init__(self) -> None:
        super().__init__()
        self.headers: list[str] = []
        self.rows: list[list[str]] = []
        self._section = ""
        self._row: list[str] | None = None
        self._cell: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("thead", "tbody"):
            self._section = tag
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = ""
        elif tag == "img" and self._cell is not None:
            self._cell += " " + (dict(attrs).get("alt") or "") + " "

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self._row is not None and self._cell is not None:
            self._row.append(" ".join(self._cell.split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._section == "thead":
                self.headers = self._row
            else:
                self.rows.append(self._row)
            self._row = None


def table_rows(html: str, id: str = "") -> list[dict[str, str]]:
    """The first table's (or the table with that id's) body rows, each as column header →
    cell text."""
    found = element(html, id=id, tag="table")
    if found is None:
        return []
    parser = _Table()
    parser.feed(found.source)
    parser.close()
    return [dict(zip(parser.headers, row, strict=False)) for row in parser.rows]
