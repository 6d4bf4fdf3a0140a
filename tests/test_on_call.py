"""The call page's rules (cases/on_call.py) and the script in parts (cases/script.py)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from cases.card import build_card
from cases.on_call import script_on_call, start_time
from cases.script import ScriptFacts, call_script, call_script_en, script_parts
from routing.hours import CHINA
from tests.factories import days_ago, make_case

NOW = datetime(2026, 11, 30, 10, 30, tzinfo=CHINA)


def parts_of(case):
    card = build_card(case, timezone.now(), "https://example.invalid/c/x/")
    return {part.key: part for part in script_on_call(case, card, None)}


def test_it_says_the_parts_in_the_order_of_the_whole_script():
    facts = ScriptFacts("235812345678", "self_operated", "电视", "屏幕不亮")
    assert "，".join(script_parts(facts).values()) == call_script(facts)
    assert list(script_parts(facts)) == ["order", "problem", "tried", "want"]


@pytest.mark.django_db
def test_it_drops_the_purchase_kind_for_a_plus_members_goods():
    case = make_case(purchase_kind="plus", item="电视")
    card = build_card(case, timezone.now(), "x")
    assert "买的电视，" in card.script.text
    assert parts_of(case)["problem"].text.startswith("买的电视，")
    assert "京东自营" not in card.script.text


@pytest.mark.django_db
def test_it_puts_the_legal_basis_with_what_i_want():
    case = make_case(received_on=days_ago(3), desired_outcome="return_refund")
    want = parts_of(case)["want"].text
    assert want.startswith("希望退货退款。")
    assert "的规定" in want


def says(case, part: str) -> list[str]:
    return [pushback.says for pushback in parts_of(case)[part].pushbacks]


@pytest.mark.django_db
def test_it_replies_to_unpacked_only_inside_the_seven_days():
    inside = make_case(received_on=days_ago(3), goods_kind="other", desired_outcome="return_refund")
    outside = make_case(
        received_on=days_ago(40), goods_kind="other", desired_outcome="return_refund"
    )
    assert "已经拆封了，不能退" in says(inside, "want")
    assert "已经拆封了，不能退" not in says(outside, "want")


@pytest.mark.django_db
def test_it_puts_contact_the_shop_under_what_was_tried_for_a_shops_goods_only():
    shop = make_case(purchase_kind="third_party", received_on=days_ago(3), goods_kind="other")
    jd = make_case(purchase_kind="self_operated", received_on=days_ago(3), goods_kind="other")
    assert says(shop, "tried") == ["请联系商家"]
    assert "请联系商家" not in says(shop, "want")
    assert says(jd, "tried") == []


@pytest.mark.django_db
def test_it_shows_the_same_replies_as_the_card():
    case = make_case(received_on=days_ago(3), goods_kind="other", desired_outcome="return_refund")
    card = build_card(case, timezone.now(), "x")
    on_the_card = sorted(item.pushback.objection for item in card.rights.replies)
    on_the_call = sorted(
        p.says for part in script_on_call(case, card, None) for p in part.pushbacks
    )
    assert on_the_call == on_the_card


@pytest.mark.django_db
def test_it_opens_an_overdue_case_with_the_follow_up_script():
    from tests.factories import add_call

    case = make_case()
    add_call(case, promised_by=timezone.localdate() - timedelta(days=2), ticket_number="JD9")
    parts = list(parts_of(case).values())
    assert parts[0].key == "follow_up"
    assert parts[0].text.startswith("您好，我的处理单号是JD9")


def test_it_keeps_a_believable_start_and_replaces_any_other():
    assert start_time(NOW - timedelta(minutes=30), NOW) == NOW - timedelta(minutes=30)
    assert start_time(NOW + timedelta(seconds=1), NOW) == NOW
    assert start_time(NOW - timedelta(hours=7), NOW) == NOW
    assert start_time(None, NOW) == NOW


def test_it_keeps_the_english_script_the_same_parts():
    facts = ScriptFacts("1", "third_party", "TV", "no picture")
    assert call_script_en(facts).startswith("Hello, my order number is 1. I bought a third-party")
