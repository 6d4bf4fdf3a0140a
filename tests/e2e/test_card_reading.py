"""The card as a person reads it (issue 24), at 360 px with JavaScript on and off, Chinese
and English: no ISO date anywhere in its visible text, every fold opened (12月3日（周四）,
Thu 3 Dec); evidence named by kind and caption, never by the uploaded file's name."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from cases.models import Case
from tests.e2e import pages
from tests.e2e.browser import PHONE, open_page, shot
from tests.factories import add_evidence

pytestmark = pytest.mark.e2e

ISO_DATE = re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b")
FILE_NAMES = ("IMG_2041.JPG", "chat.png")


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def phone(request, browser, live_server, console_watch) -> Iterator[tuple[Page, bool]]:
    for page in open_page(
        browser, live_server, console_watch, java_script_enabled=request.param, **PHONE
    ):
        yield page, request.param


def with_named_files(case: Case) -> Case:
    add_evidence(
        case,
        {"kind": "chat_record", "caption": "11月29日在线客服答复", "original_name": "chat.png"},
    )
    add_evidence(case, {"kind": "problem_photo", "original_name": "IMG_2041.JPG"})
    return case


CASES = {
    "typical": lambda: with_named_files(pages.typical_case()),
    "overdue": lambda: with_named_files(pages.overdue(pages.typical_case())),
}


def opened_text(page: Page) -> str:
    """Everything the shopper can read once every folded part is opened by a tap."""
    closed = page.locator("details:not([open]) > summary")
    while closed.count():
        closed.first.click()
    return page.locator("main").inner_text()


@pytest.mark.parametrize("language", pages.LANGUAGES)
@pytest.mark.parametrize("content", CASES)
def test_it_shows_no_iso_date_and_no_file_name(
    phone: tuple[Page, bool], live_server, content, language
):
    phone, js = phone
    case = CASES[content]()
    pages.use_language(phone, language, live_server.url)
    phone.goto(f"/c/{case.token}/card/")
    text = opened_text(phone)
    shot(phone, f"card-reading-{content}-{language}-{'js' if js else 'nojs'}")
    # Legal's sources cite their review document by its title ("法律评审 2026-12-04"): a
    # name, not a date the shopper acts on; every date the card states is checked.
    assert ISO_DATE.findall(text.replace("法律评审 2026-12-04", "法律评审")) == []
    html = phone.content()
    for name in FILE_NAMES:
        assert name not in html
    if language == "zh-hans":
        assert "聊天记录截图 · 11月29日在线客服答复" in text
        assert "问题照片" in text
