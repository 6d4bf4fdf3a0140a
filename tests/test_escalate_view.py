"""The 12315 hand-off: /c/<token>/12315/, the case laid out in the complaint form's order."""

from __future__ import annotations

import html as html_lib
import re
from datetime import date, datetime

import pytest
import time_machine

from cases.models import Case
from routing.hours import CHINA
from tests.factories import add_call, add_evidence, make_case
from tests.html import error_message, form_values

pytestmark = pytest.mark.django_db

BLOCK_TITLES = [
    "被投诉方（经营者）",
    "购买信息",
    "订单号",
    "问题",
    "已与经营者协商的经过",
    "诉求",
    "证据（作为附件上传）",
]
AFTER_THE_PROMISE = datetime(2026, 12, 2, 10, 0, tzinfo=CHINA)


def escalate_url(case: Case) -> str:
    return f"/c/{case.token}/12315/"


def page(client, case: Case) -> str:
    response = client.get(escalate_url(case))
    assert response.status_code == 200
    return response.content.decode()


def blocks(html: str) -> dict[str, str]:
    """Each block's title → its plain text (what to type, or what to do first), in page
    order."""
    found = re.findall(
        r'<h3 class="complaint__title">(.*?)</h3>.*?'
        r'<(?:pre class="complaint__text"|p class="complaint__todo")[^>]*>(.*?)</(?:pre|p)>',
        html,
        re.S,
    )
    # The text is what the shopper reads and copies: markup inside (no-wrap spans, the
    # lang="zh-Hans" of Chinese words on an English page) is not.
    return {
        html_lib.unescape(re.sub(r"<[^>]+>", "", title)): html_lib.unescape(
            re.sub(r"<[^>]+>", "", text)
        )
        for title, text in found
    }


def copy_buttons(html: str) -> list[str]:
    """The blocks offered to copy, by the id of the text each button copies."""
    return re.findall(r'data-copy-from="complaint-([a-z]+)"', html)


def test_it_shows_the_complaint_page(client):
    response = client.get(escalate_url(make_case()))
    assert response.status_code == 200
    assert "cases/escalate.html" in [t.name for t in response.templates]


def test_it_lays_the_case_out_in_the_order_of_the_12315_form(client):
    assert list(blocks(page(client, make_case()))) == BLOCK_TITLES


def test_it_asks_for_the_company_before_it_is_named(client):
    company = blocks(page(client, make_case()))["被投诉方（经营者）"]
    assert company == "还没有填写：先在上面第一步填写经营者名称并保存。"


def test_it_never_offers_to_copy_a_placeholder(client):
    # Issue 10, item 4: before the seller is saved, the first block has nothing to copy.
    html = page(client, make_case())
    assert "company" not in copy_buttons(html)
    assert copy_buttons(html) == ["purchase", "order", "problem", "tried", "request"]


def test_it_offers_to_copy_the_company_once_named(client):
    html = page(client, make_case(seller_name="北京京东世纪贸易有限公司"))
    assert copy_buttons(html)[0] == "company"


def test_it_says_where_pasting_works(client):
    html = page(client, make_case())
    assert "12315 网站上的投诉表不能粘贴" in html
    assert "小程序或 App 填写时可以粘贴" in html


def test_it_shows_a_long_order_number_in_groups_of_four_that_copy_as_one(client):
    html = page(client, make_case(order_number="12345678901234567890"))
    assert blocks(html)["订单号"] == "12345678901234567890"
    assert '<span class="digit-group">1234</span><span class="digit-group">5678</span>' in html


def test_it_keeps_the_blocks_chinese_on_the_english_page(client):
    # The 12315 form is Chinese; the hints around the blocks are in the page's language.
    client.cookies["django_language"] = "en"
    html = page(client, make_case())
    assert list(blocks(html)) == BLOCK_TITLES
    assert blocks(html)["购买信息"] == "购买平台：京东（网购）\n商品：洗衣机\n类型：京东自营商品"
    assert "The order number; check it digit by digit." in html


def test_it_gives_the_purchase_facts(client):
    purchase = blocks(page(client, make_case()))["购买信息"]
    assert purchase == "购买平台：京东（网购）\n商品：洗衣机\n类型：京东自营商品"


def test_it_gives_the_order_number(client):
    assert blocks(page(client, make_case(order_number="987654321")))["订单号"] == "987654321"


def test_it_gives_the_problem(client):
    case = make_case(happened_on=date(2026, 11, 20))
    problem = blocks(page(client, case))["问题"]
    assert problem.startswith("2026年11月20日（周五） 发现：")
    assert "到货后无法启动" in problem


def test_it_lists_what_was_tried_with_the_ticket_numbers(client):
    case = make_case(contacts=[{"channel": "online_service", "contacted_on": date(2026, 11, 21)}])
    add_call(case)
    add_call(
        case,
        called_at=datetime(2026, 12, 1, 10, 0, tzinfo=CHINA),
        ticket_number="JD20261201002",
        promise="",
        promised_by=None,
    )
    tried = blocks(page(client, case))["已与经营者协商的经过"].splitlines()
    assert tried[0] == "2026年11月21日（周六） 京东在线客服"
    assert tried[1] == (
        "2026年11月27日（周五） 致电京东400-606-5500，处理单号 JD20261127001，"
        "承诺2026年11月30日（周一）前安排上门检测"
    )
    assert tried[2] == "2026年12月1日（周二） 致电京东400-606-5500，处理单号 JD20261201002"


def test_it_dates_a_call_by_the_day_in_china(client):
    # 01:30 in Beijing on 27 Nov is still 26 Nov in UTC: the complaint must say 27 Nov.
    case = make_case(contacts=[])
    add_call(case, called_at=datetime(2026, 11, 27, 1, 30, tzinfo=CHINA))
    tried = blocks(page(client, case))["已与经营者协商的经过"]
    assert tried.startswith("2026年11月27日（周五） 致电京东")


@time_machine.travel(AFTER_THE_PROMISE, tick=False)
def test_it_says_the_promise_was_broken_once_it_was(client):
    case = make_case()
    add_call(case)
    assert blocks(page(client, case))["已与经营者协商的经过"].endswith("至今未按承诺解决。")


@time_machine.travel(datetime(2026, 11, 28, 10, 0, tzinfo=CHINA), tick=False)
def test_it_does_not_say_a_promise_was_broken_before_its_date(client):
    case = make_case()
    add_call(case)  # promised by 30 Nov; today is 28 Nov
    assert "至今未按承诺解决" not in blocks(page(client, case))["已与经营者协商的经过"]


def test_it_gives_the_request(client):
    case = make_case(desired_outcome="exchange", deadline_days=3)
    assert blocks(page(client, case))["诉求"] == "换货，3 天内"


def test_it_lists_the_evidence_to_attach(client):
    case = make_case()
    add_evidence(case, {"kind": "chat_record", "caption": "客服拒绝退货"}, 1)
    evidence = blocks(page(client, case))["证据（作为附件上传）"]
    # Kind and caption: the file's own name ("screenshot-1.png") is never written.
    assert evidence == "聊天记录截图：客服拒绝退货"


def test_it_says_it_is_a_guide_not_legal_advice(client):
    assert "不是法律意见" in page(client, make_case())


def test_it_says_the_12315_form_blocks_pasting(client):
    assert "12315 网站上的投诉表不能粘贴" in page(client, make_case())


# ----- The company's name -----


def test_it_saves_the_company_name(client):
    case = make_case()
    response = client.post(escalate_url(case), {"seller_name": "北京京东世纪贸易有限公司"})
    assert response.status_code == 302
    assert response["Location"] == f"/c/{case.token}/12315/#complaint"
    case.refresh_from_db()
    assert case.seller_name == "北京京东世纪贸易有限公司"


def test_it_shows_the_saved_company_name_in_the_company_block(client):
    case = make_case()
    client.post(escalate_url(case), {"seller_name": "北京京东世纪贸易有限公司"})
    html = page(client, case)
    assert blocks(html)["被投诉方（经营者）"] == "北京京东世纪贸易有限公司"
    assert form_values(html)["seller_name"] == "北京京东世纪贸易有限公司"


def test_it_trims_the_company_name(client):
    case = make_case()
    client.post(escalate_url(case), {"seller_name": "  某某电器专营店  "})
    case.refresh_from_db()
    assert case.seller_name == "某某电器专营店"


@pytest.mark.parametrize("typed", ["", "   "])
def test_it_refuses_an_empty_company_name(client, typed):
    case = make_case(seller_name="原来的名称")
    response = client.post(escalate_url(case), {"seller_name": typed})
    assert response.status_code == 200
    assert error_message(response.content.decode(), "id_seller_name") == "错误：请填写经营者名称。"
    case.refresh_from_db()
    assert case.seller_name == "原来的名称"


def test_it_still_shows_the_complaint_when_refusing_the_name(client):
    response = client.post(escalate_url(make_case()), {"seller_name": ""})
    assert list(blocks(response.content.decode())) == BLOCK_TITLES


def test_it_refuses_an_unknown_case(client):
    assert client.get("/c/not-a-real-token-0123456789abcdef/12315/").status_code == 404


def test_it_keeps_numbers_on_one_line(client):
    # A number broken at a hyphen ("400-606-" / "5500") is easy to misread when retyping.
    case = make_case()
    add_call(case, ticket_number="JD-2026-001")
    assert '<span class="nowrap">JD-2026-001</span>' in page(client, case)


def test_it_escapes_the_shoppers_text_once(client):
    # An apostrophe or angle bracket typed by the shopper reads as typed, never as an entity.
    case = make_case()
    case.seller_name = "O'Brien <Shop> 2026-001"
    case.save()
    html = page(client, case)
    assert 'O&#x27;Brien &lt;Shop&gt; <span class="nowrap">2026-001</span>' in html
    assert "&amp;#x27;" not in html
