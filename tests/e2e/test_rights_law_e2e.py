"""Issue 19 in a real Chromium on a 360 px phone: the want step and the card of the two
cases the law review found worst — a TV broken in transit on day 10 (art. 24 still
applies) and a phone bought in 2023 (no 三包 basis asserted, the 3-year limit named)."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from playwright.sync_api import Page, expect

from routing.hours import CHINA
from tests.e2e.browser import axe_check, shot
from tests.e2e.test_card import PHONE_WIDTH, card_text, open_card, scroll_width
from tests.factories import make_case

pytestmark = pytest.mark.e2e

TV_DAY_10 = datetime(2026, 12, 11, 10, 30, tzinfo=CHINA)
PHONE_ASKED = datetime(2026, 12, 4, 10, 30, tzinfo=CHINA)


def tv(upto: str = "", **fields):
    values = {
        "item": "电视",
        "problem": "damaged_in_transit",
        "description": "屏幕在运输中摔裂",
        "goods_kind": "sanbao",
        "received_on": date(2026, 12, 1),
        **fields,
    }
    return make_case(upto, **values) if upto else make_case(**values)


def phone_2023(upto: str = "", **fields):
    values = {
        "item": "手机",
        "problem": "quality_fault",
        "description": "开不了机",
        "goods_kind": "sanbao",
        "received_on": date(2023, 6, 1),
        **fields,
    }
    return make_case(upto, **values) if upto else make_case(**values)


@pytest.mark.china_time(TV_DAY_10)
def test_it_lists_the_transit_damaged_tvs_rights_on_the_want_step(phone_page: Page):
    case = tv("tried")
    phone_page.goto(f"/c/{case.token}/want/")
    rights = phone_page.locator(".want-rights")
    expect(rights).not_to_contain_text("没有还在期限内的退换货权利")
    items = phone_page.locator(".entitlements__item")
    expect(items.nth(0)).to_contain_text("退货退款 — 质量问题：7日后退货：如果商品无法正常使用")
    expect(items.nth(1)).to_contain_text("换货 — 质量问题：换货或修理")
    shot(phone_page, "law-tv-want-phone")
    axe_check(phone_page)
    assert scroll_width(phone_page) <= PHONE_WIDTH


@pytest.mark.china_time(TV_DAY_10)
def test_it_shows_the_transit_damaged_tvs_card_without_a_false_lapse(phone_page: Page):
    case = tv(desired_outcome="return_refund")
    open_card(phone_page, case)
    rights = phone_page.locator(".card__rights")
    expect(rights).not_to_contain_text("已经过了法定期限")
    expect(rights.locator(".rights__closed-choice")).to_contain_text(
        "如果商品无法正常使用、达不到购买目的"
    )
    expect(rights.locator('[data-window="quality_return_late"]')).to_contain_text("看条件")
    script = phone_page.locator("#script-text")
    expect(script).to_contain_text("希望退货退款")
    expect(script).not_to_contain_text("按照")
    rights.get_by_text("客服可能会说，你可以这样回答").click()
    expect(rights.locator(".rights__pushbacks")).to_contain_text("退回来的运费你自己出")
    shot(phone_page, "law-tv-card-phone")
    axe_check(phone_page)
    assert scroll_width(phone_page) <= PHONE_WIDTH


@pytest.mark.china_time(PHONE_ASKED)
def test_it_shows_the_2023_phone_its_condition_on_the_want_step(phone_page: Page):
    case = phone_2023("tried")
    phone_page.goto(f"/c/{case.token}/want/")
    items = phone_page.locator(".entitlements__item")
    expect(items).to_have_count(1)
    expect(items.nth(0)).to_contain_text(
        "维修或上门检测 — 三包：保修期内修理：如果仍在三包有效期内"
    )
    expect(phone_page.locator(".want-rights")).not_to_contain_text("没有固定截止日")
    shot(phone_page, "law-phone-2023-want-phone")
    axe_check(phone_page)
    assert scroll_width(phone_page) <= PHONE_WIDTH


@pytest.mark.china_time(PHONE_ASKED)
def test_it_shows_the_2023_phone_card_without_a_basis_and_with_the_limit(phone_page: Page):
    case = phone_2023(desired_outcome="repair")
    open_card(phone_page, case)
    expect(phone_page.locator("#script-text")).not_to_contain_text("三包的规定")
    rights = phone_page.locator(".card__rights")
    expect(rights.locator(".rights__limitation")).to_contain_text("签收已经超过3年")
    expect(rights.locator('[data-window="sanbao_repair"]')).to_contain_text(
        "如果仍在三包有效期内（看保修卡，从签收或安装完成之日算"
    )
    assert "签收已经超过3年" in card_text(phone_page, case)
    shot(phone_page, "law-phone-2023-card-phone")
    axe_check(phone_page)
    assert scroll_width(phone_page) <= PHONE_WIDTH
