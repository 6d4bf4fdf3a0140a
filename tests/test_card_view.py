from __future__ import annotations

import html as html_lib
import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cases.card import script_facts
from cases.models import Call
from cases.script import call_script
from routing.hours import CHINA
from routing.models import Hotline
from tests.factories import add_evidence, make_case, remembered
from tests.html import element, link, text
from tests.scenarios import SCENARIOS

pytestmark = pytest.mark.django_db

ROUTED = [key for key in SCENARIOS if key != "not_sure"]

MONDAY_TEN = datetime(2026, 11, 30, 10, 0, tzinfo=CHINA)
MONDAY_NIGHT = datetime(2026, 11, 30, 23, 30, tzinfo=CHINA)


def card_url(case) -> str:
    return f"/c/{case.token}/card/"


def get_card(client, case) -> str:
    response = client.get(card_url(case))
    assert response.status_code == 200
    return response.content.decode()


def section(html: str, css_class: str) -> str:
    """The HTML of the card's part with that class: a <section>, a folded <details> or the
    <div> of the line's further facts."""
    match = re.search(
        rf'<(section|details|div) class="{css_class}[^"]*"[^>]*>(.*?)</\1>', html, re.S
    )
    assert match, f"no section {css_class}"
    return match.group(2)


def text_of(fragment: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "", fragment))


def advice_codes(html: str) -> list[str]:
    return re.findall(r'data-advice="([^"]+)"', html)


def scenario_case(name: str):
    return make_case(**SCENARIOS[name].fields)


# ----- The line -----


def test_it_shows_the_card(client):
    response = client.get(card_url(make_case()))
    assert response.status_code == 200
    assert "cases/card.html" in [t.name for t in response.templates]


@pytest.mark.parametrize("name", SCENARIOS)
def test_it_names_the_right_number_as_a_tel_link(client, name):
    number, dial = SCENARIOS[name].number, SCENARIOS[name].dial
    hotline = section(get_card(client, scenario_case(name)), "card__hotline")
    assert (
        f'<p class="card__number"><a href="tel:{dial}" data-hx-boost="false">{number}</a></p>'
        in (hotline)
    )


@pytest.mark.parametrize("name", SCENARIOS)
def test_it_gives_the_reason_for_the_line(client, name):
    reason = SCENARIOS[name].reason
    below_the_script = section(get_card(client, scenario_case(name)), "card__more-lines")
    assert text(below_the_script, "card__reason") == reason


@pytest.mark.parametrize("name", ROUTED)
def test_it_names_the_general_line_as_the_fallback(client, name):
    html = get_card(client, scenario_case(name))
    fallback = element(html, "card__fallback")
    assert fallback
    assert link(fallback.source, "950618") == {"href": "tel:950618", "data-hx-boost": "false"}


def test_it_does_not_repeat_the_general_line_when_it_is_the_chosen_line(client):
    html = get_card(client, scenario_case("not_sure"))
    assert 'class="card__fallback"' not in html
    assert html.count('href="tel:950618"') == 1


def test_it_shows_the_number_an_operator_corrected(client):
    Hotline.objects.filter(key="self_operated").update(number="400-000-0000")
    hotline = section(get_card(client, make_case()), "card__hotline")
    assert link(hotline, "400-000-0000") == {"href": "tel:4000000000", "data-hx-boost": "false"}
    assert "400-606-5500" not in hotline


def test_it_shows_where_the_number_comes_from(client):
    source = section(get_card(client, scenario_case("plus_coupon")), "card__source")
    assert "仅见于攻略文章" in text_of(source)
    assert "最后核对：11月28日（周六）" in text_of(source)
    assert "拨打前请在京东官网" in text_of(source)
    assert 'href="/hotlines/#line-plus"' in source


# ----- Hours, China time -----


def test_it_says_the_plus_line_has_no_published_hours(client):
    hotline = text_of(section(get_card(client, scenario_case("plus_coupon")), "card__hotline"))
    assert "未公布服务时间" in hotline
    assert "不确定是否在服务" in hotline


@time_machine.travel(MONDAY_TEN, tick=False)
def test_it_shows_the_line_open_on_a_monday_morning(client):
    hotline = section(get_card(client, make_case()), "card__hotline")
    assert text(hotline, "tag") == "服务中"
    assert "非服务时间" not in hotline


@time_machine.travel(MONDAY_TEN, tick=False)
def test_it_says_now_is_the_best_time_on_a_monday_morning(client):
    hotline = text_of(section(get_card(client, make_case()), "card__hotline"))
    assert "最佳时间 工作日 9:30–18:00（现在就是）" in " ".join(hotline.split())


@time_machine.travel(MONDAY_NIGHT, tick=False)
def test_it_shows_the_line_closed_late_at_night(client):
    hotline = section(get_card(client, make_case()), "card__hotline")
    assert text(hotline, "tag") == "非服务时间"
    assert "服务中" not in hotline


@time_machine.travel(MONDAY_NIGHT, tick=False)
def test_it_shows_when_a_closed_line_opens_next(client):
    hotline = text_of(section(get_card(client, make_case()), "card__hotline"))
    assert "下次开始服务：明天（12月1日）09:00" in hotline


@time_machine.travel(MONDAY_NIGHT, tick=False)
def test_it_shows_the_next_best_time_late_at_night(client):
    hotline = text_of(section(get_card(client, make_case()), "card__hotline"))
    assert "工作日 9:30–18:00，下一个从 明天（12月1日）09:30 开始" in hotline
    assert "现在就是" not in hotline


@time_machine.travel(datetime(2026, 11, 30, 14, 30, tzinfo=UTC), tick=False)
def test_it_uses_china_time_whatever_the_server_clock(client):
    # 14:30 UTC is 22:30 in China: after closing.
    hotline = section(get_card(client, make_case()), "card__hotline")
    assert text(hotline, "tag") == "非服务时间"


# ----- The script -----


def test_it_shows_the_exact_script(client):
    case = make_case()
    script = re.search(
        r'<p class="script" id="script-text" lang="zh-Hans">(.*?)</p>', get_card(client, case)
    )
    assert script
    assert html_lib.unescape(script.group(1)) == (
        "您好，我的订单号是123456，买的京东自营的洗衣机，到货后无法启动，"
        "已联系在线客服，但未解决，希望安排售后上门检测维修。"
    )


def test_it_escapes_what_the_shopper_typed(client):
    html = get_card(client, make_case(description="<b>屏幕</b> & 按键都不亮"))
    assert "<b>屏幕</b>" not in html
    assert "&lt;b&gt;屏幕&lt;/b&gt; &amp; 按键都不亮" in html


def test_it_offers_a_copy_button_for_the_script(client):
    script = section(get_card(client, make_case()), "card__script")
    assert re.search(
        r'<button [^>]*class="[^"]*js-copy[^"]*"[^>]*data-copy-from="script-text"', script
    )


def test_it_lists_the_facts(client):
    facts = text_of(section(get_card(client, make_case()), "card__facts"))
    for expected in (
        "123456",
        "京东自营商品",
        "洗衣机",
        "到货后无法启动",
        "京东在线客服",
        "维修或上门检测",
    ):
        assert expected in facts


def test_it_lists_what_to_have_at_hand(client):
    case = make_case(
        contacts=[{"channel": "online_service", "answer": "请等待工程师联系"}],
        evidence=[
            {"kind": "chat_record", "caption": "11月29日在线客服答复", "original_name": "chat.png"}
        ],
    )
    html = get_card(client, case)
    at_hand = text_of(section(html, "card__at-hand"))
    assert "京东在线客服" in at_hand
    # named by kind and caption, never by the file name (issue 24)
    assert "聊天记录截图 · 11月29日在线客服答复" in at_hand
    assert "chat.png" not in html
    # what they answered is in the facts, folded: the at-hand list stays short
    assert "请等待工程师联系" in text_of(section(html, "card__facts"))


def test_it_loads_the_evidence_thumbnails_only_when_scrolled_near(client):
    at_hand = section(get_card(client, make_case(evidence=2)), "card__at-hand")
    thumbnails = re.findall(r"<img [^>]*>", at_hand)
    assert len(thumbnails) == 2
    assert all('loading="lazy"' in img for img in thumbnails)


def test_it_shows_the_english_rendering_under_the_chinese_script_in_english(client):
    client.cookies["django_language"] = "en"
    script = section(get_card(client, make_case()), "card__script")
    chinese = script.index("您好，我的订单号是123456")
    english = script.index('<p class="script-en" lang="en">')
    assert chinese < english
    assert "Hello, my order number is 123456." in text_of(script[english:])


def test_it_keeps_the_script_chinese_in_english(client):
    client.cookies["django_language"] = "en"
    assert "您好，我的订单号是123456" in get_card(client, make_case())


def test_it_shows_no_english_rendering_in_chinese(client):
    html = get_card(client, make_case())
    assert "script-en" not in html
    assert "Hello, my order number is" not in html


def test_it_ignores_the_browsers_accept_language(client):
    html = client.get(card_url(make_case()), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Hello, my order number is" not in html


# ----- Advice -----


def test_it_leads_a_simple_query_with_no_call_needed(client):
    html = get_card(client, make_case(problem="tracking_query"))
    main = html[html.index('<main id="main"') :]
    assert "不用打电话" in main
    assert main.index("不用打电话") < main.index('class="card__hotline"')


def test_it_gives_a_simple_query_no_script(client):
    # PRODUCT.md: simple queries get the app's way "instead of a script".
    html = get_card(client, make_case(problem="tracking_query"))
    assert 'class="card__script"' not in html
    assert "您好，我的订单号是" not in html


def test_it_puts_no_call_needed_first_in_the_advice(client):
    html = get_card(client, make_case(problem="tracking_query"))
    assert advice_codes(html)[0] == "no_call_needed"


def test_it_warns_about_a_strong_claim_without_evidence(client):
    html = get_card(client, make_case(description="收到的是假货，包装也不对"))
    assert "evidence_for_claim" in advice_codes(html)


def test_it_does_not_warn_about_a_strong_claim_with_evidence(client):
    html = get_card(client, make_case(description="收到的是假货，包装也不对", evidence=2))
    assert "evidence_for_claim" not in advice_codes(html)


def test_it_says_to_try_the_regular_channels_first_when_none_was_tried(client):
    html = get_card(client, make_case(contacts=[]))
    assert advice_codes(html)[0] == "try_regular_first"


def test_it_numbers_the_advice_in_an_ordered_list(client):
    advice = section(get_card(client, make_case()), "card__advice")
    assert '<ol class="advice">' in advice
    assert advice_codes(advice) == ["add_deadline", "call_in_hours", "follow_up"]


# ----- Access -----


def test_it_sends_an_unfinished_case_back_to_the_wizard(client):
    case = make_case(card_ready_at=None)
    response = client.get(card_url(case), follow=True)
    # Straight to the step to answer: one hop, not by way of the case's home address.
    assert len(response.redirect_chain) == 1
    assert re.fullmatch(rf"/c/{case.token}/[a-z]+/", response.redirect_chain[0][0])
    assert response.status_code == 200


def test_it_returns_404_for_an_unknown_token(client):
    make_case()
    assert client.get("/c/not-a-real-token-0123456789abcdef/card/").status_code == 404


def test_it_remembers_the_case_in_this_browser(client):
    case = make_case()
    get_card(client, case)
    assert remembered(client) == [case.token]


# ----- Reopen on the phone -----


def test_it_shows_the_qr_code_as_inline_svg(client):
    reopen = section(get_card(client, make_case()), "card__reopen")
    assert re.search(r'<svg [^>]*class="qr"', reopen)
    assert "<img" not in reopen


def test_it_shows_the_private_link(client):
    case = make_case()
    reopen = section(get_card(client, case), "card__reopen")
    assert f'value="http://testserver/c/{case.token}/card/"' in reopen


# ----- Strict CSP -----


def test_it_has_no_inline_style(client):
    assert 'style="' not in get_card(client, make_case())


def test_it_has_no_inline_script(client):
    html = get_card(client, make_case())
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts
    assert all(" src=" in tag for tag in scripts)
    assert not re.search(r"<script\b[^>]*>\s*[^<\s]", html)


def test_it_sends_the_strict_content_security_policy(client):
    response = client.get(card_url(make_case()))
    assert "script-src 'self'" in response["Content-Security-Policy"]


# ----- Queries -----


def add_calls(case, count: int) -> None:
    hotline = Hotline.objects.get(key="self_operated")
    for number in range(count):
        Call.objects.create(
            case=case,
            called_at=timezone.now(),
            hotline=hotline,
            ticket_number=f"T{number}",
        )


def test_it_makes_few_queries_for_a_bare_case(client, django_assert_max_num_queries):
    # The browser's list of cases is a cookie: no query for it, first visit or not.
    case = make_case(contacts=[])
    get_card(client, case)
    # The case, its contacts, evidence, calls, the directory, the legal windows, the
    # replies to pushbacks, JD's own rules (the call reports come from the cache).
    with django_assert_max_num_queries(8):
        get_card(client, case)


def test_it_makes_no_more_queries_for_many_contacts_and_evidence(
    client, django_assert_max_num_queries
):
    case = make_case(
        contacts=[
            "online_service",
            "shop_service",
            "app_after_sales",
            "left_message",
            "hotline_before",
        ],
        evidence=["order_page", "chat_record", "problem_photo", "other"],
    )
    add_calls(case, 3)
    get_card(client, case)
    with django_assert_max_num_queries(8):
        get_card(client, case)


def test_it_does_not_grow_the_query_count_with_contacts_and_evidence(client):
    bare = make_case(contacts=[])
    full = make_case(
        contacts=[
            "online_service",
            "shop_service",
            "app_after_sales",
            "left_message",
            "hotline_before",
        ],
        evidence=5,
    )
    add_calls(full, 2)
    # The directory's call-report figures are read once and kept in the cache (issue 22).
    get_card(client, make_case())
    client.cookies.clear()
    # First visits from a new browser.
    with CaptureQueriesContext(connection) as bare_queries:
        get_card(client, bare)
    client.cookies.clear()
    with CaptureQueriesContext(connection) as full_queries:
        get_card(client, full)
    assert len(full_queries) == len(bare_queries)


# ----- card.txt -----


def get_text(client, case):
    response = client.get(f"/c/{case.token}/card.txt")
    assert response.status_code == 200
    return response


def test_it_serves_the_card_as_utf8_text(client):
    response = get_text(client, make_case())
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    response.content.decode("utf-8")


def test_it_serves_the_text_as_an_attachment(client):
    response = get_text(client, make_case())
    assert response["Content-Disposition"] == 'attachment; filename="jd400-123456.txt"'


def test_it_keeps_the_text_out_of_caches(client):
    assert get_text(client, make_case())["Cache-Control"] == "private, no-store"


def test_it_puts_the_script_and_the_number_in_the_text(client):
    case = make_case()
    text = get_text(client, case).content.decode("utf-8")
    assert call_script(script_facts(case, list(case.prior_contacts.all()))) in text
    assert "400-606-5500" in text


def test_it_returns_404_for_the_text_of_an_unfinished_case(client):
    case = make_case(card_ready_at=None)
    assert client.get(f"/c/{case.token}/card.txt").status_code == 404


def test_it_returns_404_for_the_text_of_an_unknown_token(client):
    assert client.get("/c/not-a-real-token-0123456789abcdef/card.txt").status_code == 404


def test_it_puts_the_whole_card_text_in_the_read_only_block(client):
    case = make_case(evidence=1)
    html = get_card(client, case)
    block = re.search(r'<textarea id="card-text"[^>]*readonly>(.*?)</textarea>', html, re.S)
    assert block
    text = get_text(client, case).content.decode("utf-8")
    assert html_lib.unescape(block.group(1)) == text


def test_it_keeps_the_evidence_count_in_the_facts(client):
    case = make_case(contacts=[])
    add_evidence(case, "problem_photo")
    facts = text_of(section(get_card(client, case), "card__facts"))
    assert "1 个文件" in facts


def test_it_says_so_when_the_routed_line_is_missing_from_the_directory(client):
    # Switched off behind the admin's back (the admin itself refuses): the general line,
    # with a note, never a reason naming a line the card does not show.
    Hotline.objects.filter(key="third_party").update(active=False)
    html = get_card(client, make_case(purchase_kind="third_party", problem="shop_not_shipping"))
    assert 'href="tel:950618"' in html
    assert "这类问题的专线暂时不在目录里" in html
    assert "→ 第三方服务专线" not in html


# ----- Guidance that fits the case (issue 10, items 4, 5, 12, 14) -----


def test_it_links_the_12315_page_from_every_card_that_needs_a_call(client):
    case = make_case(problem="quality_fault")
    escalate = section(get_card(client, case), "card__escalate no-print")
    assert f'href="/c/{case.token}/12315/"' in escalate
    assert "12315" in text_of(escalate)


@pytest.mark.parametrize("problem", ["tracking_query", "address_change"])
def test_it_offers_no_call_log_nor_12315_when_no_call_is_needed(client, problem):
    """Issue 21: seconds in the app need no call, so nothing to log and nothing to escalate."""
    case = make_case(problem=problem)
    html = get_card(client, case)
    assert "card__escalate" not in html
    assert f"/c/{case.token}/calls/new/" not in html
    assert f"/c/{case.token}/call/" not in html
    assert "打完电话后" not in text_of(html)


def test_it_opens_the_call_page_from_the_card(client):
    case = make_case()
    html = get_card(client, case)
    assert f'href="/c/{case.token}/call/"' in html
    assert "开始通话" in text_of(html)


def test_it_warns_on_the_card_about_a_vague_outcome(client):
    case = make_case(desired_outcome="other", outcome_detail="给个说法")
    html = get_card(client, case)
    assert "你的诉求“给个说法”不是一个具体结果" in text_of(html)
    assert "退货退款、换货、安排售后上门检测维修" in text_of(html)
    assert "say_what_you_want" in advice_codes(html)


def test_it_does_not_warn_about_a_concrete_outcome(client):
    html = get_card(client, make_case(desired_outcome="other", outcome_detail="补发缺少的配件"))
    assert "不是一个具体结果" not in text_of(html)


def test_it_gives_a_card_that_needs_no_call_no_advice_about_calling(client):
    html = get_card(client, make_case(problem="address_change"))
    assert advice_codes(html) == ["no_call_needed"]
    advice = text_of(section(html, "card__advice"))
    assert "在服务时间内拨打" not in advice
    assert "记下处理单号" not in advice


@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=CHINA), tick=False)
def test_it_does_not_lead_an_overdue_card_with_try_regular_first(client):
    case = make_case(contacts=[])
    Call.objects.create(
        case=case,
        called_at=datetime(2026, 11, 27, 10, 30, tzinfo=CHINA),
        hotline=Hotline.objects.get(key="self_operated"),
        ticket_number="JD1",
        promised_by=datetime(2026, 11, 30).date(),
    )
    codes = advice_codes(get_card(client, case))
    assert "try_regular_first" not in codes
    assert codes == ["add_deadline", "call_in_hours", "note_new_promise"]


def test_it_tells_an_english_reader_that_the_agent_speaks_chinese(client):
    client.cookies["django_language"] = "en"
    html = get_card(client, make_case(item="Fridge", description="The fridge does not cool."))
    assert "The agent speaks Chinese" in text_of(html)
    script = text_of(
        re.search(r'<p class="script[^"]*" id="script-text"[^>]*>(.*?)</p>', html, re.S).group(1)
    )
    assert script.startswith("您好，我的订单号是123456，买的京东自营的商品，商品出了问题")
    assert script.endswith(
        "（以下是我用英文写的原话——商品：Fridge；问题：The fridge does not cool）"
    )


def test_it_does_not_explain_the_agents_language_to_a_chinese_reader(client):
    assert "agent-speaks-chinese" not in get_card(client, make_case())
