"""The case card in a real Chromium: the right number for each kind of purchase, the copy
buttons putting the exact text on the clipboard, one printed A4 page, WCAG 2 AA, no sideways
scroll on a 360 px phone, and the same card with JavaScript off."""

from __future__ import annotations

import io
import math
import re
import subprocess
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from cases.models import Case
from routing.hours import CHINA
from tests.e2e import pages
from tests.e2e.browser import DESKTOP, PHONE, SCREENSHOTS, axe_check, open_page, shot
from tests.factories import make_case, make_worst_case
from tests.scenarios import SCENARIOS

pytestmark = pytest.mark.e2e

PHONE_WIDTH = 360
PDFS = SCREENSHOTS.parent / "pdf"

SEED_SCRIPT = (
    "您好，我的订单号是123456，买的京东自营的洗衣机，到货后无法启动，"
    "已联系在线客服，但未解决，希望安排售后上门检测维修。"
)

CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}


@pytest.fixture
def phone_page_with_clipboard(browser, live_server, console_watch) -> Iterator[Page]:
    """The phone, allowed to read back what the copy buttons wrote."""
    yield from open_page(browser, live_server, console_watch, **CLIPBOARD, **PHONE)


@pytest.fixture
def desktop_page_with_clipboard(browser, live_server, console_watch) -> Iterator[Page]:
    yield from open_page(browser, live_server, console_watch, **CLIPBOARD, **DESKTOP)


def open_card(page: Page, case: Case) -> None:
    page.goto(f"/c/{case.token}/card/")
    expect(page.locator("h1")).to_have_text("通话卡片")


def card_text(page: Page, case: Case) -> str:
    """The whole card as the server writes it (card.txt), fetched with the page's cookies."""
    response = page.request.get(f"/c/{case.token}/card.txt")
    assert response.ok
    return response.body().decode("utf-8")


def print_to_pdf(page: Page, name: str) -> int:
    """Print the open page to A4, keep the PDF and a PNG of each page; the page count."""
    PDFS.mkdir(parents=True, exist_ok=True)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = PDFS / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4")
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(pdf), str(SCREENSHOTS / f"{name}-print")],
        check=True,
    )
    return len(PdfReader(pdf).pages)


def printed_text_sizes(pdf: Path) -> dict[float, int]:
    """Each text size printed (in pt, rounded to 0.1) and how many characters use it: the
    size a run of text is drawn at, its font size scaled by the text and drawing matrices."""
    found: dict[float, int] = {}

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if not text.strip():
            return
        # The height of a unit of text: the text matrix's y axis through the CTM.
        scale = math.hypot(tm[2] * cm[0] + tm[3] * cm[2], tm[2] * cm[1] + tm[3] * cm[3])
        key = round(size * scale, 1)
        found[key] = found.get(key, 0) + len(text.strip())

    for page in PdfReader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return found


def scanned(image: Image.Image) -> list[str]:
    """What a QR reader (zxing-cpp) finds in the image: the text of every code it decodes."""
    return [code.text for code in zxingcpp.read_barcodes(image)]


def scan_qr_on_screen(page: Page) -> list[str]:
    return scanned(Image.open(io.BytesIO(page.locator(".reopen__qr svg").screenshot())))


def scan_qr_on_paper(page: Page, name: str) -> list[str]:
    """Print the card to A4, render the page at 150 dpi as a scanner or a phone would see
    it, and read the QR code there."""
    PDFS.mkdir(parents=True, exist_ok=True)
    pdf = PDFS / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4")
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(PDFS / name)], check=True
    )
    return scanned(Image.open(PDFS / f"{name}.png"))


def scroll_width(page: Page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


# ----- The right number -----


@pytest.mark.parametrize("name", SCENARIOS)
def test_it_names_the_right_number(phone_page: Page, name):
    fields, number, dial, _reason = SCENARIOS[name]
    open_card(phone_page, make_case(**fields))
    link = phone_page.locator(".card__number a")
    expect(link).to_have_text(number)
    expect(link).to_have_attribute("href", f"tel:{dial}")


# ----- Copy -----


def test_it_copies_the_exact_script(phone_page_with_clipboard: Page):
    page = phone_page_with_clipboard
    open_card(page, make_case())
    button = page.locator('button[data-copy-from="script-text"]')
    expect(button).to_have_text("复制通话稿")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_text("已复制")
    # and a screen reader hears it: the live region says it
    expect(page.get_by_role("status").filter(has_text="已复制")).to_have_count(1)
    assert page.evaluate("navigator.clipboard.readText()") == SEED_SCRIPT


def test_it_copies_the_exact_script_of_a_long_case(desktop_page_with_clipboard: Page):
    page = desktop_page_with_clipboard
    case = make_worst_case()
    open_card(page, case)
    expected = page.locator("#script-text").text_content()
    assert expected.startswith("您好，我的订单号是12345678901234567890，")
    page.get_by_role("button", name="复制通话稿").click()
    assert page.evaluate("navigator.clipboard.readText()") == expected


def test_it_copies_the_whole_card(desktop_page_with_clipboard: Page):
    page = desktop_page_with_clipboard
    case = make_case(evidence=1)
    open_card(page, case)
    page.get_by_role("button", name="复制整张卡片").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == card_text(page, case).strip()
    assert SEED_SCRIPT in copied
    assert "400-606-5500" in copied


# ----- Print -----


PRINT_CASES = {
    "typical": lambda: pages.typical_case(),
    "maximal": lambda: pages.maximal_case(),
}


@pytest.mark.parametrize("language", pages.LANGUAGES)
@pytest.mark.parametrize("state", ["prepared", "overdue"])
@pytest.mark.parametrize("content", PRINT_CASES)
def test_it_prints_on_one_a4_page(desktop_page: Page, live_server, language, state, content):
    """Chinese and English, before the call and once the promise is missed, the seed's
    example and the longest texts every form accepts with 20 captioned screenshots."""
    case = PRINT_CASES[content]()
    if state == "overdue":
        pages.overdue(case)
    pages.use_language(desktop_page, language, live_server.url)
    desktop_page.goto(f"/c/{case.token}/card/")
    name = f"card-{content}-{state}-{language}"
    assert print_to_pdf(desktop_page, name) == 1
    # Body-size text everywhere, the rights and the lists too (issue 24): ≥ 9 pt.
    sizes = printed_text_sizes(PDFS / f"{name}.pdf")
    print(name, "smallest text", min(sizes), "pt")
    assert min(sizes) >= 9, sorted(sizes.items())


def test_it_prints_the_hours_and_the_best_time_but_not_the_live_state(desktop_page: Page):
    open_card(desktop_page, make_case())
    expect(desktop_page.locator(".card__hotline")).to_contain_text("服务中")
    print_to_pdf(desktop_page, "card-hours")
    # NFKC: the PDF's text uses CJK compatibility forms for some characters
    text = PdfReader(PDFS / "card-hours.pdf").pages[0].extract_text()
    paper = " ".join(unicodedata.normalize("NFKC", text).split())
    assert "09:00–22:00" in paper
    assert "工作日 9:30–18:00" in paper
    assert "服务中" not in paper
    assert "现在" not in paper


def test_it_prints_no_navigation_chrome(desktop_page: Page):
    open_card(desktop_page, make_case())
    desktop_page.emulate_media(media="print")
    expect(desktop_page.locator(".site-header")).to_be_hidden()
    expect(desktop_page.locator(".site-footer")).to_be_hidden()
    expect(desktop_page.locator(".card__copy")).to_be_hidden()
    expect(desktop_page.locator(".card__number")).to_be_visible()
    expect(desktop_page.locator("#script-text")).to_be_visible()
    expect(desktop_page.locator("svg.qr")).to_be_visible()


# ----- Accessibility -----


def test_it_passes_axe_on_a_phone(phone_page: Page):
    open_card(phone_page, make_case())
    shot(phone_page, "card-phone")
    axe_check(phone_page)


def test_it_passes_axe_on_a_desktop(desktop_page: Page):
    open_card(desktop_page, make_case(evidence=2))
    shot(desktop_page, "card-desktop")
    axe_check(desktop_page)


def test_it_passes_axe_on_a_card_that_needs_no_call(phone_page: Page):
    open_card(phone_page, make_case(problem="tracking_query"))
    shot(phone_page, "card-phone-no-call-needed")
    axe_check(phone_page)


def test_it_passes_axe_on_the_longest_card(phone_page: Page):
    open_card(phone_page, make_worst_case())
    axe_check(phone_page)


# ----- The phone -----


def test_it_does_not_scroll_sideways_on_a_phone(phone_page: Page):
    open_card(phone_page, make_case())
    assert scroll_width(phone_page) <= PHONE_WIDTH


def test_it_does_not_scroll_sideways_on_a_phone_for_the_longest_card(phone_page: Page):
    open_card(phone_page, make_worst_case())
    shot(phone_page, "card-phone-worst")
    assert scroll_width(phone_page) <= PHONE_WIDTH


def test_it_shows_the_qr_code_to_reopen_on_the_phone(desktop_page: Page):
    case = make_case()
    open_card(desktop_page, case)
    expect(desktop_page.locator(".card__reopen svg.qr")).to_be_visible()
    expect(desktop_page.locator("#private-link")).to_have_value(
        re.compile(rf"^http://[^/]+/c/{case.token}/card/$")
    )


def test_it_shows_a_qr_code_that_scans_to_the_card_link_on_a_phone(phone_page: Page):
    case = make_case()
    open_card(phone_page, case)
    assert scan_qr_on_screen(phone_page) == [phone_page.locator("#private-link").input_value()]


def test_it_shows_a_qr_code_that_scans_to_the_card_link_on_a_desktop(desktop_page: Page):
    case = make_case()
    open_card(desktop_page, case)
    link = desktop_page.locator("#private-link").input_value()
    assert link.endswith(f"/c/{case.token}/card/")
    assert scan_qr_on_screen(desktop_page) == [link]


@pytest.mark.parametrize("maker", [make_case, make_worst_case])
def test_it_prints_a_qr_code_that_scans_to_the_card_link(desktop_page: Page, maker):
    case = maker()
    open_card(desktop_page, case)
    link = desktop_page.locator("#private-link").input_value()
    assert scan_qr_on_paper(desktop_page, f"card-qr-{maker.__name__}") == [link]


# ----- The first screen on a phone -----

SCREEN_HEIGHT = PHONE["viewport"]["height"]


def box(page: Page, selector: str) -> dict:
    found = page.locator(selector)
    expect(found).to_be_visible()
    return found.bounding_box()


# Shoppers prepare at night too: the closed line's "opens again at…" row is the longer one.
AT_NIGHT = pytest.param(
    "night", marks=pytest.mark.china_time(datetime(2026, 11, 30, 23, 30, tzinfo=CHINA))
)


@pytest.mark.parametrize("moment", ["day", AT_NIGHT])
@pytest.mark.parametrize("language", pages.LANGUAGES)
@pytest.mark.parametrize("name", ["card", "card-overdue"])
def test_it_shows_the_line_whether_it_is_open_and_the_script_on_the_first_screen(
    phone_page: Page, live_server, name, language, moment
):
    pages.use_language(phone_page, language, live_server.url)
    pages.visit(phone_page, name)
    assert phone_page.evaluate("window.scrollY") == 0
    phone_page.screenshot(path=SCREENSHOTS / f"first-screen-{name}-{language}-{moment}.png")
    number = box(phone_page, ".card__number a[href^='tel:']")
    open_now = box(phone_page, ".card__hotline .tag")
    copy = box(phone_page, "button[data-copy-from=script-text]")
    script = box(phone_page, "#script-text")
    assert number["y"] + number["height"] <= SCREEN_HEIGHT
    assert open_now["y"] + open_now["height"] <= SCREEN_HEIGHT
    assert copy["y"] + copy["height"] <= SCREEN_HEIGHT
    # the script's first line, at least, above the fold
    assert script["y"] + 48 <= SCREEN_HEIGHT
    assert number["y"] < open_now["y"] < script["y"]


def test_it_shows_the_order_number_once_on_the_card(phone_page: Page):
    case = make_case(order_number="9876543210", evidence=2)
    open_card(phone_page, case)
    assert phone_page.locator("main").inner_text().count("9876543210") == 1


def test_it_names_where_a_number_comes_from_without_saying_it_twice(phone_page: Page):
    open_card(phone_page, make_case(purchase_kind="not_sure"))
    phone_page.locator(".card__source > summary").click()
    source = phone_page.locator(".card__source").inner_text()
    assert "公开网页" in source
    assert source.count("公开网页") == 1


def test_it_folds_the_long_parts_of_the_card_and_opens_them_without_javascript(
    desktop_page_no_js: Page,
):
    case = pages.maximal_case()
    open_card(desktop_page_no_js, case)
    details = desktop_page_no_js.locator(".card details")
    assert details.count() >= 3
    closed = desktop_page_no_js.locator(".card details:not([open]) > summary")
    while closed.count():
        closed.first.click()
    expect(desktop_page_no_js.locator(".evidence-list__item")).to_have_count(20)
    expect(desktop_page_no_js.locator("#card-text")).to_be_visible()


def test_it_is_shorter_than_five_screens_on_a_phone(phone_page: Page):
    open_card(phone_page, make_case(evidence=2, deadline_days=3))
    assert phone_page.evaluate("document.documentElement.scrollHeight") < 5 * SCREEN_HEIGHT


# ----- Without JavaScript -----


def test_it_hides_the_copy_buttons_without_javascript(desktop_page_no_js: Page):
    open_card(desktop_page_no_js, make_case())
    buttons = desktop_page_no_js.locator(".js-copy")
    expect(buttons).to_have_count(2)
    for button in buttons.all():
        expect(button).to_be_hidden()


def test_it_keeps_the_whole_card_in_the_read_only_block_without_javascript(
    desktop_page_no_js: Page,
):
    case = make_case(evidence=1)
    open_card(desktop_page_no_js, case)
    desktop_page_no_js.locator(".card__text > summary").click()  # folded: opens without JS
    block = desktop_page_no_js.locator("#card-text")
    expect(block).to_be_visible()
    expect(block).to_have_attribute("readonly", "")
    assert block.input_value() == card_text(desktop_page_no_js, case)
    shot(desktop_page_no_js, "card-desktop-no-js")


def test_it_leaves_the_number_dialable_without_javascript(desktop_page_no_js: Page):
    open_card(desktop_page_no_js, make_case())
    expect(desktop_page_no_js.locator(".card__number a")).to_have_attribute(
        "href", "tel:4006065500"
    )
