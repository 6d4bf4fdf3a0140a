from __future__ import annotations

from datetime import datetime

import pytest
from django.utils import translation

from cases.card import build_card, card_as_text
from routing.hours import CHINA
from tests.factories import make_case

pytestmark = pytest.mark.django_db

AT = datetime(2026, 11, 30, 10, 0, tzinfo=CHINA)
LINK = "https://jd400.example/c/secret-token/card/"


def text_for(**fields) -> str:
    return card_as_text(build_card(make_case(**fields), AT, LINK))


def lines_after(text: str, heading: str) -> list[str]:
    """The lines of the block under `heading`, up to the next blank line."""
    lines = text.split("\n")
    start = lines.index(heading) + 1
    end = lines.index("", start)
    return lines[start:end]


def test_it_opens_with_the_title():
    assert text_for().startswith("jd400 通话卡片\n\n")


def test_it_names_the_line_to_dial_with_its_hours():
    assert "拨打：自营售后专线 400-606-5500 · 09:00–22:00（北京时间）\n" in text_for()


def test_it_gives_the_reason_for_the_line():
    assert "为什么是这条线：自营商品的质量问题 → 自营售后专线\n" in text_for()


def test_it_gives_the_best_time():
    assert "最佳时间：工作日 9:30–18:00\n" in text_for()


def test_it_names_the_general_line_as_the_fallback():
    assert "打不通或不确定时：京东客服热线 950618 · 24 小时\n" in text_for()


def test_it_has_no_fallback_when_the_general_line_is_the_chosen_line():
    text = text_for(purchase_kind="not_sure")
    assert "拨打：京东客服热线 950618 · 24 小时\n" in text
    assert "打不通或不确定时" not in text


def test_it_says_the_plus_line_has_no_published_hours():
    text = text_for(purchase_kind="plus", problem="member_benefit")
    assert "拨打：PLUS会员专属服务 400-026-0598 · 未公布服务时间\n" in text


def test_it_gives_the_source_and_the_date_checked():
    assert "最后核对 11月28日（周六）。拨打前请以京东官网为准。" in text_for()


def test_it_carries_the_exact_script():
    assert lines_after(text_for(), "通话稿：") == [
        "您好，我的订单号是123456，买的京东自营的洗衣机，到货后无法启动，"
        "已联系在线客服，但未解决，希望安排售后上门检测维修。"
    ]


def test_it_puts_the_script_before_the_facts():
    text = text_for()
    assert text.index("通话稿：") < text.index("要点：") < text.index("准备好：")


def test_it_lists_the_facts():
    facts = lines_after(text_for(), "要点：")
    assert "- 订单号：123456" in facts
    assert "- 购买类型：京东自营商品" in facts
    assert "- 问题描述：到货后无法启动" in facts
    assert "- 想要的结果：维修或上门检测" in facts


def test_it_lists_what_to_have_at_hand():
    text = text_for(
        contacts=[{"channel": "online_service", "answer": "请等待工程师联系"}],
        evidence=[{"kind": "order_page", "caption": "下单页", "original_name": "IMG_2041.JPG"}],
    )
    at_hand = lines_after(text, "准备好：")
    assert at_hand[0] == "- 订单号：123456"
    assert "- 截图：订单页面截图 · 下单页" in at_hand
    assert "IMG_2041" not in text
    assert any(
        line.startswith("- 之前的联系：京东在线客服 ") and line.endswith(" · 请等待工程师联系")
        for line in at_hand
    )


def test_it_numbers_the_advice_in_order():
    card = build_card(make_case(contacts=[]), AT, LINK)
    advice = lines_after(card_as_text(card), "建议：")
    assert advice == [f"{n}. {a.text}" for n, a in enumerate(card.advice, start=1)]
    assert advice[0].startswith("1. 先试常规渠道")


def test_it_ends_with_the_private_link():
    assert text_for().endswith(f"私密链接（只给自己用）：{LINK}\n")


def test_it_leads_a_simple_query_with_no_call_needed():
    text = text_for(problem="tracking_query", desired_outcome="")
    assert text.split("\n")[2].startswith("不用打电话：查物流")
    assert text.index("不用打电话") < text.index("拨打：")


def test_it_says_no_call_needed_only_once_per_line():
    text = text_for(problem="tracking_query", desired_outcome="")
    assert "不用打电话：不用打电话" not in text


def test_it_adds_the_english_rendering_in_english():
    with translation.override("en"):
        text = text_for()
    script = text.index("您好，我的订单号是123456")
    english = text.index("Hello, my order number is 123456.")
    assert script < english


def test_it_has_no_english_rendering_in_chinese():
    assert "Hello" not in text_for()


def test_it_tells_an_english_reader_the_agent_speaks_chinese_before_the_script():
    with translation.override("en"):
        text = text_for()
    note = text.index("The agent speaks Chinese")
    assert note < text.index("您好，我的订单号是123456")


def test_it_does_not_tell_a_chinese_reader_the_agent_speaks_chinese():
    assert "客服说中文" not in text_for()
