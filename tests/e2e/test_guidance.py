"""Guidance that fits the case, in a real Chromium (issue 10, items 4, 5, 12, 15, 16, 17):
a simple query finishes without an outcome, a vague outcome is warned and not blocked, a
PLUS member's product problem is routed, the English card keeps the Chinese script whole,
and the 12315 page copies only what is real."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from cases.models import Case
from tests.e2e.browser import PHONE, axe_check, open_page, shot
from tests.factories import days_ago, make_case

pytestmark = pytest.mark.e2e

CLIPBOARD = {"permissions": ["clipboard-read", "clipboard-write"]}


@pytest.fixture
def phone_page_with_clipboard(browser, live_server, console_watch) -> Iterator[Page]:
    yield from open_page(browser, live_server, console_watch, **CLIPBOARD, **PHONE)


@pytest.fixture
def english_phone_page(browser, live_server, console_watch) -> Iterator[Page]:
    for page in open_page(browser, live_server, console_watch, **CLIPBOARD, **PHONE):
        page.context.add_cookies(
            [{"name": "django_language", "value": "en", "url": live_server.url}]
        )
        yield page


def radio(page: Page, name: str, value: str):
    return page.locator(f'input[type="radio"][name="{name}"][value="{value}"]')


def continue_(page: Page) -> None:
    # the step's own button; on the evidence step it belongs to the upload form
    page.locator(
        "form.step-form button[type=submit], button[type=submit][name=and_continue]"
    ).click()


def heading(page: Page, text: str) -> None:
    expect(page.locator("h1")).to_have_text(text)


# ----- A simple query needs no call and no outcome (item 15) -----


def test_it_lets_a_simple_query_finish_without_an_outcome(phone_page: Page):
    page = phone_page
    case = make_case("order")
    page.goto(f"/c/{case.token}/problem/")
    note = page.get_by_text("这两类不用打电话")
    expect(note).to_be_visible()
    expect(note).to_contain_text("京东APP → 我的 → 我的订单 → 订单详情")
    axe_check(page)
    radio(page, "problem", "tracking_query").check()
    page.locator("#id_description").fill("想知道包裹到哪了")
    page.locator("#id_happened_on").fill(days_ago(1).isoformat())
    continue_(page)
    heading(page, "你已经试过哪些渠道？")
    continue_(page)
    heading(page, "证据截图")  # the want step is skipped
    expect(page.locator(".progress")).to_have_text("第 4 步，共 5 步")
    continue_(page)
    heading(page, "核对你的回答")
    expect(page.get_by_text("不需要：这类问题不用打电话")).to_be_visible()
    continue_(page)
    heading(page, "通话卡片")
    expect(page.locator(".card__no-call")).to_contain_text("不用打电话")
    expect(page.locator("[data-advice]")).to_have_count(1)
    shot(page, "guidance-simple-query-card")


# ----- Outcomes that fit, and a vague one warned (items 12, 16) -----


def test_it_offers_fitting_outcomes_first_and_warns_about_a_vague_one(phone_page: Page):
    page = phone_page
    case = make_case("tried", purchase_kind="plus", problem="member_benefit")
    page.goto(f"/c/{case.token}/want/")
    first = page.locator('input[name="desired_outcome"]').first
    expect(first).to_have_attribute("value", "restore_benefit")
    radio(page, "desired_outcome", "other").check()
    page.locator("#id_outcome_detail").fill("给个说法")
    continue_(page)
    heading(page, "你想要什么结果？")
    warning = page.locator("#vague-outcome")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("“给个说法”说的不是一个具体结果")
    expect(warning).to_contain_text("退货退款、换货、安排售后上门检测维修")
    shot(page, "guidance-vague-outcome")
    axe_check(page)
    continue_(page)  # a warning, not a block
    heading(page, "证据截图")


def test_it_warns_on_the_card_about_a_vague_outcome(phone_page: Page):
    case = make_case(desired_outcome="other", outcome_detail="你们看着办吧")
    phone_page.goto(f"/c/{case.token}/card/")
    warning = phone_page.locator(".card__vague-outcome")
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("你的诉求“你们看着办吧”不是一个具体结果")
    axe_check(phone_page)


# ----- A PLUS member with a product problem (item 17) -----


def test_it_routes_a_plus_members_product_problem_to_member_after_sales(desktop_page: Page):
    page = desktop_page
    case = make_case(upto=None)
    page.goto(f"/c/{case.token}/order/")
    expect(page.get_by_text("PLUS 会员专线处理的是会员券、会员权益")).to_be_visible()
    page.locator("#id_order_number").fill("1234567890")
    radio(page, "purchase_kind", "plus").check()
    page.locator("#id_item").fill("洗衣机")
    continue_(page)
    heading(page, "遇到了什么问题")
    expect(page.locator("#plus-products")).to_be_visible()
    radio(page, "problem", "quality_fault").check()
    page.locator("#id_description").fill("到货后无法启动")
    page.locator("#id_happened_on").fill(days_ago(2).isoformat())
    continue_(page)
    heading(page, "你已经试过哪些渠道？")
    Case.objects.filter(pk=case.pk).update(
        tried_answered=True, desired_outcome="repair", evidence_answered=True
    )
    page.goto(f"/c/{case.token}/check/")
    continue_(page)
    heading(page, "通话卡片")
    expect(page.locator(".card__number a")).to_have_text("400-026-0598")
    expect(page.locator(".card__reason")).to_contain_text("会员专属售后")


# ----- The English card keeps the Chinese script whole (item 5) -----


def test_it_copies_a_chinese_script_with_the_english_words_marked(english_phone_page: Page):
    page = english_phone_page
    case = make_case(item="Fridge", description="The fridge does not cool at all.")
    page.goto(f"/c/{case.token}/card/")
    expect(page.locator("#agent-speaks-chinese")).to_contain_text("The agent speaks Chinese")
    page.get_by_role("button", name="Copy the script").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    fixed, marked = copied.split("（以下是我用英文写的原话")
    assert fixed == (
        "您好，我的订单号是123456，买的京东自营的商品，商品出了问题，具体情况我用英文写在最后，"
        "已联系在线客服，但未解决，希望安排售后上门检测维修。"
    )
    assert marked == "——商品：Fridge；问题：The fridge does not cool at all）"
    shot(page, "guidance-english-card")
    axe_check(page)


# ----- The 12315 page copies only what is real (item 4) -----


def test_it_links_the_12315_page_from_a_fresh_card(phone_page: Page):
    case = make_case()
    phone_page.goto(f"/c/{case.token}/card/")
    # The 12315 section is folded on a fresh card: the shopper opens it first.
    phone_page.locator("summary", has_text="京东解决不了时").click()
    phone_page.get_by_role("link", name="按12315投诉表整理好的内容").click()
    heading(phone_page, "向12315投诉：整理好的内容")


def test_it_copies_no_placeholder_and_the_name_once_saved(phone_page_with_clipboard: Page):
    page = phone_page_with_clipboard
    case = make_case(order_number="12345678901234567890")
    page.goto(f"/c/{case.token}/12315/")
    company = page.locator("#block-company")
    expect(company).to_contain_text("先在上面第一步填写经营者名称并保存")
    expect(company.locator("button")).to_have_count(0)
    expect(page.get_by_text("小程序或 App 填写时可以粘贴")).to_be_visible()
    shot(page, "guidance-12315-before-name")
    axe_check(page)
    # The order number is shown in groups of four and copied whole.
    page.locator("#block-order button").click()
    assert page.evaluate("navigator.clipboard.readText()") == "12345678901234567890"
    page.locator("#id_seller_name").fill("北京京东世纪贸易有限公司")
    page.get_by_role("button", name="保存名称").click()
    button = page.locator("#block-company button")
    expect(button).to_be_visible()
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == "北京京东世纪贸易有限公司"


def test_it_shows_the_12315_blocks_in_chinese_on_the_english_page(english_phone_page: Page):
    page = english_phone_page
    case = make_case()
    page.goto(f"/c/{case.token}/12315/")
    expect(page.locator("#complaint-purchase")).to_contain_text("购买平台：京东（网购）")
    expect(page.locator("#block-order .complaint__hint")).to_have_text(
        "The order number; check it digit by digit."
    )
    axe_check(page)


def test_it_keeps_the_desktop_12315_page_accessible(desktop_page: Page):
    case = make_case(seller_name="某某电器专营店")
    desktop_page.goto(f"/c/{case.token}/12315/")
    shot(desktop_page, "guidance-12315-desktop")
    axe_check(desktop_page)
