"""On the call, in a real Chromium on a 360 px phone, with JavaScript and without: the
shopper opens the call page from the card, ticks the parts they have said, types the
agent's 工号 and the ticket number, reloads (nothing lost), ends the call and finds the
call log pre-filled; the card and the call page open with no connection once visited, and
deleting the case takes its kept pages away."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from cases.models import Call
from tests.e2e.browser import PHONE, axe_check, open_page, shot
from tests.factories import make_case

pytestmark = pytest.mark.e2e

TICKET = "JD20261130001"
AGENT = "10086"


@pytest.fixture
def phone_page_no_js(browser, live_server, console_watch) -> Iterator[Page]:
    yield from open_page(browser, live_server, console_watch, java_script_enabled=False, **PHONE)


def open_call_page(page: Page, token: str) -> None:
    page.goto(f"/c/{token}/card/")
    page.get_by_role("link", name="开始通话").click()
    expect(page.locator("h1")).to_have_text("通话中")
    assert page.url.endswith(f"/c/{token}/call/")
    page.wait_for_load_state()


def type_notes(page: Page, javascript: bool) -> None:
    """The shopper types; it is on the server by itself with JavaScript (a moment after the
    last key), by the button without."""
    if javascript:

        def with_ticket(response) -> bool:
            return response.url.endswith("/call/notes/") and TICKET in (
                response.request.post_data or ""
            )

        with page.expect_response(with_ticket) as response:
            page.get_by_label("客服工号").press_sequentially(AGENT)
            page.get_by_label("处理单号 / 工单号").press_sequentially(TICKET)
        assert response.value.ok
        expect(page.locator("#notes-saved")).to_contain_text("已保存")
    else:
        page.get_by_label("客服工号").press_sequentially(AGENT)
        page.get_by_label("处理单号 / 工单号").press_sequentially(TICKET)
        page.get_by_role("button", name="保存笔记").click()
        expect(page.locator(".notice--success")).to_contain_text("笔记已保存")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_it_makes_the_whole_call_from_the_call_page(request, javascript):
    page: Page = request.getfixturevalue("phone_page" if javascript else "phone_page_no_js")
    case = make_case(order_number="235812345678")
    open_call_page(page, case.token)
    expect(page.locator("#part-order .call-part__text")).to_contain_text("2358")
    page.get_by_label("说完了 1. 订单号").check()
    if javascript:
        expect(page.locator("#notes-saved")).to_contain_text("已保存")
    page.get_by_label("说完了 2. 问题").check()
    type_notes(page, javascript)
    shot(page, f"on-call-phone-{'js' if javascript else 'no-js'}")

    page.reload()
    expect(page.get_by_label("客服工号")).to_have_value(AGENT)
    expect(page.get_by_label("处理单号 / 工单号")).to_have_value(TICKET)
    expect(page.get_by_label("说完了 1. 订单号")).to_be_checked()
    expect(page.get_by_label("说完了 2. 问题")).to_be_checked()
    expect(page.get_by_label("说完了 3. 已尝试")).not_to_be_checked()

    page.get_by_role("button", name="通话结束").click()
    expect(page.locator("h1")).to_have_text("确认通话记录")
    expect(page.locator("#id_agent_id")).to_have_value(AGENT)
    expect(page.locator("#id_ticket_number")).to_have_value(TICKET)
    expect(page.locator("#id_hotline")).to_have_value(str(case_hotline(case)))
    page.get_by_role("button", name="保存通话记录").click()
    expect(page.locator(".calls__ticket")).to_have_text(TICKET)
    call = Call.objects.get(case=case)
    assert (call.agent_id, call.ticket_number, call.is_draft) == (AGENT, TICKET, False)
    assert call.ended_at is not None


def case_hotline(case) -> int:
    return Call.with_drafts.get(case=case).hotline_id


def test_it_keeps_what_was_typed_when_the_tab_closes(phone_page: Page):
    """The last keystrokes before the phone rings or the tab is closed: sent as the page
    goes away (a beacon), before the moment's pause that saves them otherwise."""
    case = make_case()
    open_call_page(phone_page, case.token)
    phone_page.get_by_label("其他笔记").fill("客服说明天回电")
    close_and_expect_saved(phone_page, case, "客服说明天回电")


def test_it_keeps_what_was_typed_before_the_page_was_ready(phone_page: Page):
    """A slow phone: the shopper types while the page's script is still loading, then the
    phone rings. The script finds the typed text when it runs, and sends it as the tab
    goes away."""
    case = make_case()
    held: list = []
    # A fresh tab with no service worker yet, so the page's own requests can be held.
    phone_page.route("**/js/call*.js", lambda route: held.append(route))
    phone_page.goto(f"/c/{case.token}/call/", wait_until="commit")
    expect(phone_page.locator("h1")).to_have_text("通话中")
    phone_page.get_by_label("其他笔记").fill("客服说明天回电")
    while not held:
        phone_page.wait_for_timeout(50)
    held[0].continue_()
    phone_page.wait_for_load_state("domcontentloaded")
    close_and_expect_saved(phone_page, case, "客服说明天回电")


def close_and_expect_saved(page: Page, case, notes: str) -> None:
    context = page.context
    with page.expect_event("close"):
        page.close(run_before_unload=True)
    # The beacon may land a moment after the tab is gone: wait for it.
    for _ in range(150):
        if Call.with_drafts.filter(case=case, notes=notes).exists():
            break
        time.sleep(0.1)
    else:
        pytest.fail("the notes never reached the server")
    again = context.new_page()
    again.goto(f"/c/{case.token}/call/")
    expect(again.get_by_label("其他笔记")).to_have_value(notes)


def test_it_times_the_call_and_reads_well_on_a_phone(phone_page: Page):
    case = make_case(received_on=None)
    open_call_page(phone_page, case.token)
    clock = phone_page.locator(".on-call__clock")
    expect(clock).to_be_visible()
    expect(clock).not_to_have_text("0:00", timeout=5000)
    size = phone_page.locator(".call-part__text").first.evaluate(
        "(el) => parseFloat(getComputedStyle(el).fontSize)"
    )
    assert size >= 20
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    phone_page.locator(".pushback summary").first.click()
    expect(phone_page.locator(".pushback__reply").first).to_be_visible()
    axe_check(phone_page)


def _kept_paths(page: Page) -> list[str]:
    return page.evaluate(
        """async () => {
          const out = [];
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) out.push(new URL(request.url).pathname);
          }
          return out.sort();
        }"""
    )


def _wait_until_kept(page: Page, paths: list[str]) -> None:
    page.wait_for_function(
        """async (paths) => {
          const kept = [];
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const r of await cache.keys()) kept.push(new URL(r.url).pathname);
          }
          return paths.every((p) => kept.includes(p));
        }""",
        arg=paths,
    )


def test_it_opens_the_card_and_the_call_page_with_no_connection(phone_page: Page):
    mine, theirs = make_case(), make_case()
    card, call = f"/c/{mine.token}/card/", f"/c/{mine.token}/call/"
    open_call_page(phone_page, mine.token)
    phone_page.goto(card)
    _wait_until_kept(phone_page, [card, call])
    assert not [p for p in _kept_paths(phone_page) if theirs.token in p]

    phone_page.context.set_offline(True)
    for path, heading in ((card, "通话卡片"), (call, "通话中")):
        phone_page.goto(path)
        expect(phone_page.locator("h1")).to_have_text(heading)
        # Styled: the stylesheet came from the kept copy too.
        colour = phone_page.locator(".site-header").evaluate(
            "(el) => getComputedStyle(el).backgroundColor"
        )
        assert colour == "rgb(200, 22, 35)"
    shot(phone_page, "on-call-phone-offline")
    phone_page.context.set_offline(False)


def test_it_forgets_the_kept_pages_when_the_case_is_deleted(phone_page: Page):
    case = make_case()
    card = f"/c/{case.token}/card/"
    phone_page.goto(card)
    _wait_until_kept(phone_page, [card])
    phone_page.goto(f"/c/{case.token}/delete/")
    phone_page.get_by_role("button", name="永久删除").click()
    expect(phone_page.locator(".notice--success")).to_contain_text("已删除")
    phone_page.wait_for_function(
        """async (token) => {
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const r of await cache.keys()) if (r.url.includes(token)) return false;
          }
          return true;
        }""",
        arg=case.token,
    )
