"""How long the card is on a 360 px phone, Chinese and English (issue 24: 4–5.3 screens in
Chinese, 7.7 in English). What matters for the call stays on top; the rest folds into
sections the shopper opens. The English card may be at most 1.3× the Chinese one."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e import pages
from tests.e2e.browser import shot

pytestmark = pytest.mark.e2e

SCREEN = 740  # the phone's viewport height (tests/e2e/browser.py)
CASES = {
    "typical": lambda: pages.typical_case(),
    "overdue": lambda: pages.overdue(pages.typical_case()),
    "maximal": lambda: pages.maximal_case(),
}


def card_height(page: Page, base_url: str, token: str, language: str) -> int:
    pages.use_language(page, language, base_url)
    page.goto(f"/c/{token}/card/")
    shot(page, f"card-length-{token[:6]}-{language}")
    return page.evaluate("document.documentElement.scrollHeight")


@pytest.mark.parametrize("content", CASES)
def test_it_keeps_the_english_card_within_1_3_times_the_chinese(
    phone_page: Page, live_server, content
):
    case = CASES[content]()
    zh = card_height(phone_page, live_server.url, case.token, "zh-hans")
    en = card_height(phone_page, live_server.url, case.token, "en")
    print(
        f"card height {content}: zh {zh} px ({zh / SCREEN:.1f} screens), "
        f"en {en} px ({en / SCREEN:.1f} screens), en/zh {en / zh:.2f}"
    )
    assert en <= 1.3 * zh
