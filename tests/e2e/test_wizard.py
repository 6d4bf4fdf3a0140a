"""A shopper goes through the wizard in a real Chromium: phone with JavaScript (htmx swaps),
desktop without it, reloads, the back button, a wrong order number in two languages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from cases.models import Case
from tests.e2e.browser import axe_check, shot
from tests.factories import days_ago

pytestmark = pytest.mark.e2e

# A step's own button; on the evidence step it belongs to the upload form (form=…), so
# that files chosen go with it.
CONTINUE = "form.step-form button[type=submit], button[type=submit][name=and_continue]"

HEADINGS = {
    "order": "这笔订单",
    "problem": "遇到了什么问题",
    "tried": "你已经试过哪些渠道？",
    "want": "你想要什么结果？",
    "evidence": "证据截图",
    "check": "核对你的回答",
    "card": "通话卡片",
}
ORDER_NUMBER = "１２３４ ５６７８-90"  # as a phone pastes it; saved as 1234567890
DESCRIPTION = "到货后无法启动。按电源键没反应"
ANSWER = "让我等通知"


def radio(page: Page, name: str, value: str) -> Locator:
    return page.locator(f'input[type="radio"][name="{name}"][value="{value}"]')


def step_url(slug: str) -> re.Pattern[str]:
    return re.compile(rf"/c/[A-Za-z0-9_-]{{32,}}/{slug}/(\?return=check)?$")


def arrive(page: Page, slug: str) -> None:
    """Wait until the page shows `slug`: its URL and its heading."""
    page.wait_for_url(step_url(slug))
    expect(page.locator("h1")).to_have_text(HEADINGS[slug])


def continue_(page: Page) -> None:
    page.locator(CONTINUE).click()


def start(page: Page) -> None:
    page.goto("/")
    page.get_by_role("button", name="开始准备").click()
    arrive(page, "order")


def answer_order(page: Page, number: str = ORDER_NUMBER) -> None:
    page.locator("#id_order_number").fill(number)
    radio(page, "purchase_kind", "self_operated").check()
    page.locator("#id_item").fill("洗衣机")
    continue_(page)


def answer_problem(page: Page) -> None:
    radio(page, "problem", "quality_fault").check()
    page.locator("#id_description").fill(DESCRIPTION)
    page.locator("#id_happened_on").fill(days_ago(8).isoformat())
    continue_(page)


def answer_tried(page: Page) -> None:
    page.locator("#id_tried-0-used").check()
    page.locator("#id_tried-0-contacted_on").fill(days_ago(3).isoformat())
    page.locator("#id_tried-0-answer").fill(ANSWER)
    continue_(page)


def answer_want(page: Page) -> None:
    radio(page, "desired_outcome", "repair").check()
    page.locator("#id_deadline_days").fill("3")
    continue_(page)


ANSWER_STEP = {
    "order": answer_order,
    "problem": answer_problem,
    "tried": answer_tried,
    "want": answer_want,
    "evidence": continue_,
    "check": continue_,
}
FOLLOWING = {
    "order": "problem",
    "problem": "tried",
    "tried": "want",
    "want": "evidence",
    "evidence": "check",
    "check": "card",
}


def expect_order_answers(page: Page) -> None:
    expect(page.locator("#id_order_number")).to_have_value("1234567890")
    expect(radio(page, "purchase_kind", "self_operated")).to_be_checked()
    expect(page.locator("#id_item")).to_have_value("洗衣机")


def expect_problem_answers(page: Page) -> None:
    expect(radio(page, "problem", "quality_fault")).to_be_checked()
    expect(page.locator("#id_description")).to_have_value(DESCRIPTION)
    expect(page.locator("#id_happened_on")).to_have_value(days_ago(8).isoformat())


def expect_tried_answers(page: Page) -> None:
    expect(page.locator("#id_tried-0-used")).to_be_checked()
    expect(page.locator("#id_tried-0-contacted_on")).to_have_value(days_ago(3).isoformat())
    expect(page.locator("#id_tried-0-answer")).to_have_value(ANSWER)
    expect(page.locator("#id_tried-1-used")).not_to_be_checked()


def expect_want_answers(page: Page) -> None:
    expect(radio(page, "desired_outcome", "repair")).to_be_checked()
    expect(page.locator("#id_deadline_days")).to_have_value("3")


def the_case() -> Case:
    return Case.objects.get()


def test_it_walks_a_phone_through_the_wizard_without_reloading(phone_page: Page):
    page = phone_page
    start(page)
    page.evaluate("window.__marker = 1")
    for slug in ("order", "problem", "tried", "want", "evidence", "check"):
        shot(page, f"phone-{slug}")
        axe_check(page)
        ANSWER_STEP[slug](page)
        arrive(page, FOLLOWING[slug])
        assert page.evaluate("window.__marker") == 1, f"{slug} reloaded the whole page"
    shot(page, "phone-card")
    case = the_case()
    assert page.url.endswith(f"/c/{case.token}/card/")
    assert case.order_number == "1234567890"
    assert case.card_ready_at is not None
    assert list(case.prior_contacts.values_list("channel", "answer")) == [
        ("online_service", ANSWER)
    ]


def test_it_fits_every_step_into_a_phone_screen(phone_page: Page):
    page = phone_page
    start(page)
    for slug in ("order", "problem", "tried", "want", "evidence", "check"):
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{slug} scrolls sideways on a 360 px phone ({width} px)"
        ANSWER_STEP[slug](page)
        arrive(page, FOLLOWING[slug])


def test_it_walks_a_desktop_without_javascript_through_the_wizard(desktop_page_no_js: Page):
    page = desktop_page_no_js
    start(page)
    for slug in ("order", "problem", "tried", "want", "evidence", "check"):
        shot(page, f"desktop-{slug}")
        ANSWER_STEP[slug](page)
        arrive(page, FOLLOWING[slug])
    shot(page, "desktop-card")
    case = the_case()
    assert page.url.endswith(f"/c/{case.token}/card/")
    assert case.card_ready_at is not None
    assert case.deadline_days == 3


def test_it_keeps_every_answer_across_reloads(desktop_page: Page):
    page = desktop_page
    start(page)
    for slug in ("order", "problem", "tried", "want"):
        ANSWER_STEP[slug](page)
        arrive(page, FOLLOWING[slug])
    page.reload()
    arrive(page, "evidence")
    token = the_case().token
    checks = {
        "order": expect_order_answers,
        "problem": expect_problem_answers,
        "tried": expect_tried_answers,
        "want": expect_want_answers,
    }
    for slug, expect_answers in checks.items():
        page.goto(f"/c/{token}/{slug}/")
        page.reload()
        arrive(page, slug)
        expect_answers(page)


def test_it_resumes_the_case_from_the_start_page_after_a_reload(desktop_page: Page):
    page = desktop_page
    start(page)
    answer_order(page)
    arrive(page, "problem")
    page.goto("/")
    page.reload()
    page.get_by_role("link", name=re.compile("洗衣机 · 订单尾号 7890")).click()
    arrive(page, "problem")


def test_it_goes_back_with_the_browser_button_keeping_answers(phone_page: Page):
    page = phone_page
    start(page)
    answer_order(page)
    arrive(page, "problem")
    page.go_back()
    arrive(page, "order")
    expect_order_answers(page)


def test_it_goes_back_with_the_back_link_keeping_answers(phone_page: Page):
    page = phone_page
    start(page)
    answer_order(page)
    arrive(page, "problem")
    answer_problem(page)
    arrive(page, "tried")
    page.locator("a.back-link").click()
    arrive(page, "problem")
    expect_problem_answers(page)
    page.locator("a.back-link").click()
    arrive(page, "order")
    expect_order_answers(page)


def test_it_goes_forward_again_after_going_back(phone_page: Page):
    page = phone_page
    start(page)
    answer_order(page)
    arrive(page, "problem")
    page.go_back()
    arrive(page, "order")
    continue_(page)
    arrive(page, "problem")
    answer_problem(page)
    arrive(page, "tried")


def test_it_changes_an_answer_from_the_check_page(desktop_page: Page):
    page = desktop_page
    start(page)
    for slug in ("order", "problem", "tried", "want", "evidence"):
        ANSWER_STEP[slug](page)
        arrive(page, FOLLOWING[slug])
    page.get_by_role("link", name="修改 想要的结果").click()
    arrive(page, "want")
    page.locator("#id_deadline_days").fill("5")
    continue_(page)
    arrive(page, "check")
    expect(page.locator(".summary")).to_contain_text("维修或上门检测，5 天内")


def test_it_shows_the_order_number_message_in_chinese(phone_page: Page):
    page = phone_page
    start(page)
    page.evaluate("window.__marker = 1")
    answer_order(page, number="12ab5678")
    expect(page.locator("#id_order_number_error")).to_contain_text("订单号只能是数字")
    expect(page.locator("#id_order_number_error")).to_contain_text("京东APP → 我的 → 我的订单")
    expect(page.locator("#error-summary")).to_contain_text("有些内容需要修改")
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#id_order_number")).to_have_value("12ab5678")
    assert page.url.endswith("/order/")
    assert page.evaluate("window.__marker") == 1
    shot(page, "phone-order-error")
    axe_check(page)


def test_it_shows_the_order_number_message_in_english(phone_page: Page):
    page = phone_page
    start(page)
    answer_order(page, number="12ab5678")
    expect(page.locator("#id_order_number_error")).to_contain_text("订单号只能是数字")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    arrive_url = step_url("order")
    page.wait_for_url(arrive_url)
    answer_order(page, number="12ab5678")
    expect(page.locator("#id_order_number_error")).to_contain_text(
        "Order numbers contain digits only"
    )
    shot(page, "phone-order-error-en")
