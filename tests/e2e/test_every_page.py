"""Every page state a shopper meets (tests/e2e/pages.py), in Chinese and in English, with
typical and maximal content, measured by tools that are not ours: Chromium's layout on a
360 px phone (nothing sticks out, every control is a thumb-sized target or has that much
room) and the W3C Nu HTML checker (no errors)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e import pages
from tests.e2e.browser import PHONE, open_page

pytestmark = pytest.mark.e2e

STATES_AND_LANGUAGES = [(name, lang) for lang in pages.LANGUAGES for name in pages.STATES]
# The HTML each state's phone test saw: the Nu checker reads those instead of building the
# same cases again, and opens itself only the states not yet seen (run on its own).
SAVED: dict[tuple[str, str], Path] = {}


def open_state(page: Page, live_server, name: str, language: str) -> None:
    pages.use_language(page, language, live_server.url)
    pages.visit(page, name)


@pytest.mark.parametrize(("name", "language"), STATES_AND_LANGUAGES)
def test_it_fits_a_360_px_phone(phone_page: Page, live_server, name, language):
    """Nothing sticks out of its box or the screen, and every control is a 44 px target or
    has that much room around it."""
    open_state(phone_page, live_server, name, language)
    SAVED[name, language] = pages.save_html(phone_page, f"{name}-{language}")
    assert pages.overflowing(phone_page) == []
    assert pages.crowded_targets(phone_page)["failing"] == []
    # WCAG 2.5.5: every control 44 x 44 px itself, links in running text excepted.
    assert pages.small_targets(phone_page)["small"] == []


@pytest.mark.parametrize("name", pages.STATES)
def test_it_marks_the_chinese_words_of_english_pages_as_chinese(
    phone_page: Page, live_server, name
):
    """JD's app labels (我的订单, 我的售后, 京东自营…) and what the shopper typed in Chinese
    carry lang="zh-Hans", so a screen reader says them in Chinese (WCAG 3.1.2)."""
    open_state(phone_page, live_server, name, "en")
    assert pages.unmarked_chinese(phone_page) == []


@pytest.mark.parametrize("step", ["order", "want-maximal", "close"])
def test_it_centres_each_radio_on_the_first_line_of_its_label(phone_page: Page, step):
    pages.visit(phone_page, step)
    radios = phone_page.locator("input[type=radio]")
    assert radios.count() >= 3
    for radio in radios.all():
        offset = radio.evaluate(
            """(input) => {
              const label = input.labels[0];
              const range = document.createRange();
              range.selectNodeContents(label);
              const line = [...range.getClientRects()].find((r) => r.width > 0 && r.left > input.getBoundingClientRect().right - 1);
              const box = input.getBoundingClientRect();
              return Math.abs((box.top + box.bottom) / 2 - (line.top + line.bottom) / 2);
            }"""
        )
        assert offset < 3


def test_it_writes_html_the_nu_checker_accepts_on_every_page(
    browser: Browser, live_server, console_watch
):
    missing = [state for state in STATES_AND_LANGUAGES if state not in SAVED]
    for page in open_page(browser, live_server, console_watch, **PHONE):
        for name, language in missing:
            open_state(page, live_server, name, language)
            SAVED[name, language] = pages.save_html(page, f"{name}-{language}")
    errors = pages.vnu_errors(SAVED.values())
    assert [
        f"{e['url'].rsplit('/', 1)[-1]}:{e.get('lastLine')}: {e['message']}" for e in errors
    ] == []
