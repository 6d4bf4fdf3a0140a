"""After the call, in a real Chromium: a shopper logs a call on a phone, downloads the
reminder, sees the case turn overdue once the promised day has passed (the server's clock
moved with time-machine, which patches the whole process, the live server's thread
included) and opens the 12315 hand-off."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import icalendar
import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.models import Call, Case
from routing.hours import CHINA
from tests.e2e.browser import axe_check, shot
from tests.factories import make_case

pytestmark = pytest.mark.e2e

TICKET = "JD20261128001"
PROMISE = "安排上门检测"
PHONE_WIDTH = 360


def tomorrow_in_china() -> date:
    return timezone.localdate() + timedelta(days=1)


def after_the_promise(promised_by: date) -> datetime:
    """Ten in the morning, Beijing time, the day after the promised day."""
    return datetime.combine(promised_by + timedelta(days=1), time(10, 0), tzinfo=CHINA)


def open_card(page: Page, case: Case) -> None:
    page.goto(f"/c/{case.token}/card/")
    expect(page.locator("h1")).to_have_text("通话卡片")


def open_call_form(page: Page) -> None:
    page.get_by_role("link", name="记录一次通话").click()
    expect(page.locator("h1")).to_have_text("记录一次通话")


def fill_call(page: Page, promised_by: date) -> None:
    page.locator("#id_agent_id").fill("10086")
    page.locator("#id_ticket_number").fill(TICKET)
    page.locator("#id_promise").fill(PROMISE)
    page.locator("#id_promised_by").fill(promised_by.isoformat())


def save_call(page: Page) -> None:
    page.get_by_role("button", name="保存通话记录").click()
    expect(page.locator("#case-status")).to_have_text("已致电，等待处理")


def log_call(page: Page, case: Case, promised_by: date) -> None:
    open_card(page, case)
    open_call_form(page)
    fill_call(page, promised_by)
    save_call(page)


def assert_no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"{page.url} is {width}px wide on a {PHONE_WIDTH}px phone"


def test_it_logs_a_call_on_a_phone(phone_page: Page):
    case = make_case()
    open_card(phone_page, case)
    expect(phone_page.locator("#case-status")).to_have_text("已准备，未致电")
    open_call_form(phone_page)
    fill_call(phone_page, tomorrow_in_china())
    shot(phone_page, "after-call-phone-call-form")
    axe_check(phone_page)
    assert_no_sideways_scroll(phone_page)
    save_call(phone_page)
    call = Call.objects.get(case=case)
    assert (call.ticket_number, call.promise, call.promised_by) == (
        TICKET,
        PROMISE,
        tomorrow_in_china(),
    )
    expect(phone_page.locator(".calls__ticket")).to_have_text(TICKET)


def _download_reminder(page: Page) -> icalendar.Event:
    with page.expect_download() as download_info:
        page.get_by_role("button", name="添加日历提醒 (.ics)").click()
    download = download_info.value
    assert download.suggested_filename == "jd400-123456.ics"
    with open(download.path(), "rb") as file:
        (event,) = icalendar.Calendar.from_ical(file.read()).walk("VEVENT")
    return event


def test_it_downloads_a_reminder_for_the_promised_day(phone_page: Page):
    case = make_case()
    promised_by = tomorrow_in_china()
    log_call(phone_page, case, promised_by)
    link_box = phone_page.get_by_label("在提醒里附上这个案例的私密链接")
    expect(link_box).not_to_be_checked()
    event = _download_reminder(phone_page)
    assert event["DTSTART"].dt == promised_by
    assert TICKET in str(event["DESCRIPTION"])
    # The link that controls the case goes into a calendar only when ticked.
    assert case.token not in str(event["DESCRIPTION"])
    link_box.check()
    event = _download_reminder(phone_page)
    assert f"/c/{case.token}/card/" in str(event["DESCRIPTION"])


def test_it_turns_overdue_once_the_promised_day_has_passed(phone_page: Page):
    case = make_case()
    promised_by = tomorrow_in_china()
    log_call(phone_page, case, promised_by)
    with time_machine.travel(after_the_promise(promised_by), tick=True):
        phone_page.reload()
        expect(phone_page.locator("#case-status")).to_have_text("已超过承诺时间")
        expect(phone_page.locator(".card__overdue h2")).to_have_text("承诺的时间已过，仍未解决")
        script = phone_page.locator("#script-text")
        # The ticket first, as the overdue notice says, then the order.
        expect(script).to_have_text(re.compile(rf"^您好，我的处理单号是{TICKET}，订单号是123456，"))
        shot(phone_page, "after-call-phone-card-overdue")
        axe_check(phone_page)
        assert_no_sideways_scroll(phone_page)


def test_it_hands_an_overdue_case_to_12315(phone_page: Page):
    case = make_case()
    promised_by = tomorrow_in_china()
    log_call(phone_page, case, promised_by)
    with time_machine.travel(after_the_promise(promised_by), tick=True):
        phone_page.reload()
        phone_page.locator(".card__overdue").get_by_role(
            "link", name="按12315投诉表整理好的内容"
        ).click()
        expect(phone_page.locator("h1")).to_have_text("向12315投诉：整理好的内容")
        expect(phone_page.locator("#complaint-order")).to_have_text("123456")
        expect(phone_page.locator("#complaint-tried")).to_contain_text(f"处理单号 {TICKET}")
        shot(phone_page, "after-call-phone-12315")
        axe_check(phone_page)
        assert_no_sideways_scroll(phone_page)


def test_it_saves_the_company_name_on_the_12315_page(phone_page: Page):
    case = make_case()
    phone_page.goto(f"/c/{case.token}/12315/")
    phone_page.locator("#id_seller_name").fill("北京京东世纪贸易有限公司")
    phone_page.get_by_role("button", name="保存名称").click()
    expect(phone_page.locator("#complaint-company")).to_have_text("北京京东世纪贸易有限公司")


def test_it_logs_a_call_without_javascript(desktop_page_no_js: Page):
    case = make_case()
    log_call(desktop_page_no_js, case, tomorrow_in_china())
    assert desktop_page_no_js.url.endswith(f"/c/{case.token}/card/#calls")
    expect(desktop_page_no_js.locator(".calls__ticket")).to_have_text(TICKET)


def in_view(page: Page, selector: str) -> bool:
    """The element's box lies inside the window as the shopper sees it now."""
    return page.locator(selector).evaluate(
        "(el) => { const r = el.getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0; }"
    )


@pytest.mark.parametrize("fixture", ["phone_page", "desktop_page_no_js"])
def test_it_shows_the_call_saved_confirmation_in_view(request, fixture):
    page = request.getfixturevalue(fixture)
    log_call(page, make_case(evidence=3), tomorrow_in_china())
    message = page.get_by_text("通话记录已保存。")
    expect(message).to_be_visible()
    page.wait_for_timeout(300)  # any scrolling after the swap has finished
    assert in_view(page, ".card__calls .messages")
