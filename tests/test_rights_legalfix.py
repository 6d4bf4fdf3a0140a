"""A newcomer's review of issue 19's rights (legalfix): each finding as the shopper meets it,
through real URLs, with the law it rests on quoted.

消法第二十五条: 消费者定作的 goods are excluded from 七日无理由退货 — excluded, not lapsed.
民法典第二条/消法第二条: an enterprise purchase is a contract matter, not a 12315 complaint.
条例第十八条: 三包 counts from installation for goods the seller installs.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from routing.hours import CHINA
from routing.models import PlatformRule, Pushback
from routing.platform_rules import platform_rules_for
from routing.rights import RightsFacts, pushbacks_for, rights_for
from tests.factories import add_evidence, days_ago, make_case, problem_data
from tests.test_rights_views import get, text

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 12, 1)
DAY_1 = datetime(2026, 12, 2, 10, 0, tzinfo=CHINA)
DAY_10 = datetime(2026, 12, 11, 10, 0, tzinfo=CHINA)


def _script(page: str) -> str:
    return page.split("复制通话稿")[1].split("按这个顺序说")[0]


@time_machine.travel(DAY_1, tick=False)
def test_it_says_a_made_to_order_return_does_not_apply_rather_than_lapsed(client):
    case = make_case(
        item="定制西装",
        problem="no_longer_wanted",
        description="不想要了",
        desired_outcome="return_refund",
        received_on=RECEIVED,
        goods_kind="custom",
    )
    page = text(get(client, f"/c/{case.token}/card/"))
    assert "已经过了法定期限" not in page
    assert "这项权利不适用于这件商品" in page
    assert "第二十五条" in page
    assert "法定期限已经过了" not in _script(page)
    assert "想问问能否协商退货退款" in _script(page)


@time_machine.travel(DAY_10, tick=False)
def test_it_asks_to_negotiate_a_lapsed_return_without_admitting_the_lapse(client):
    case = make_case(
        item="衬衫",
        problem="no_longer_wanted",
        description="尺码不合适，不想要了",
        desired_outcome="return_refund",
        received_on=RECEIVED,
        goods_kind="other",
    )
    page = text(get(client, f"/c/{case.token}/card/"))
    assert "已经过了法定期限" in page  # the card explains it
    script = _script(page)
    assert "期限" not in script
    assert "想问问能否协商退货退款" in script


@time_machine.travel(DAY_10, tick=False)
def test_it_counts_the_sanbao_day_from_installation_in_the_script(client):
    case = make_case(
        item="电视",
        description="开机黑屏",
        desired_outcome="return_refund",
        received_on=RECEIVED,
        goods_kind="sanbao",
        installed_on=date(2026, 12, 5),
    )
    script = _script(text(get(client, f"/c/{case.token}/card/")))
    assert "安装完成后第6天" in script
    assert "签收后第" not in script


@time_machine.travel(DAY_1, tick=False)
def test_it_gives_an_enterprise_card_the_contract_route_not_12315(client):
    case = make_case(purchase_kind="enterprise", received_on=RECEIVED, goods_kind="other")
    page = text(get(client, f"/c/{case.token}/card/"))
    assert "向全国12315平台投诉" not in page
    assert "向 12315 投诉、申请仲裁" not in page
    assert "按买卖合同申请仲裁" in page


def test_it_names_sanbao_goods_in_the_goods_kind_help_as_the_choice_does(client):
    case = make_case("order")
    page = text(get(client, f"/c/{case.token}/problem/"))
    assert "家电、手机、电脑等有三包" not in page
    assert "有三包凭证的商品（如电视、冰箱、空调、手机、电脑）有三包" in page


@time_machine.travel(DAY_1, tick=False)
def test_it_says_the_receipt_date_is_needed_when_nothing_can_be_counted(client):
    case = make_case("tried", item="衬衫", problem="no_longer_wanted", goods_kind="other")
    response = client.get(f"/c/{case.token}/want/")
    page = text(response.content.decode())
    assert "没有还在期限内的退换货权利" not in page
    assert "填写签收日期后才能算出" in page
    assert f'/c/{case.token}/order/?return=check#id_received_on"' in response.content.decode()


@time_machine.travel(DAY_10, tick=False)
def test_it_answers_the_review_objection_only_for_seven_day_windows():
    # 暂行办法: "七日期间自消费者签收商品的次日开始起算" is no answer for a 三包 window.
    assert Pushback.objects.get(key="wait_for_review").window_list == (
        "seven_day",
        "quality_return",
    )


def test_it_words_the_enterprise_reply_as_true_only_for_a_personal_purchase():
    row = Pushback.objects.get(key="enterprise_order")
    assert row.reply.startswith("如果你是为个人或家庭生活消费买的")
    # Shown to a shopper not sure of the kind of purchase too: the reply says when to use it.
    facts = RightsFacts(
        received=RECEIVED, goods_kind="other", problem="quality_fault", purchase_kind="not_sure"
    )
    replies = pushbacks_for(rights_for(facts, DAY_1), [row])
    assert [r.pushback.key for r in replies] == ["enterprise_order"]


def test_it_applies_jds_fresh_food_rule_to_the_spoiled_food_behind_a_conduct_problem():
    rule = PlatformRule(
        key="fresh_48h",
        name="生鲜 48 小时内反馈",
        problems="spoiled_fresh",
        hours=48,
        active=True,
        last_checked=date(2026, 12, 4),
    )
    facts = RightsFacts(
        received=RECEIVED,
        goods_kind="",
        problem="shop_not_replying",
        purchase_kind="third_party",
        underlying="spoiled_fresh",
    )
    assert [d.rule.key for d in platform_rules_for(facts, DAY_1, [], [rule])] == ["fresh_48h"]


def test_it_refuses_an_installation_before_receipt_with_a_clear_message(client):
    case = make_case("order", received_on=days_ago(3))
    data = problem_data(goods_kind="sanbao", installed_on=days_ago(10).isoformat())
    response = client.post(f"/c/{case.token}/problem/", data)
    assert response.status_code == 200
    assert "安装日期不能早于签收日期" in text(response.content.decode())
    case.refresh_from_db()
    assert case.installed_on is None


@time_machine.travel(datetime(2026, 12, 13, 10, 0, tzinfo=CHINA), tick=False)
def test_it_writes_rights_dates_with_the_weekday(client):
    case = make_case(
        item="衬衫",
        problem="no_longer_wanted",
        description="不想要了",
        desired_outcome="return_refund",
        received_on=date(2026, 12, 5),
        goods_kind="other",
    )
    page = text(get(client, f"/c/{case.token}/card/"))
    assert "京东系统可能按 12月12日（周六） 截止" in page
    assert "把截止日 明天（12月14日） 加到日历" in page


def test_it_names_evidence_by_kind_and_caption_never_the_file_name(client):
    case = make_case(received_on=RECEIVED)
    add_evidence(
        case,
        {"kind": "chat_record", "caption": "客服拒绝退货", "original_name": "微信图片_张三.png"},
    )
    add_evidence(case, {"kind": "chat_record", "original_name": "IMG_0042.png"}, 2)
    page = client.get(f"/c/{case.token}/12315/").content.decode()
    assert "微信图片_张三" not in page
    assert "IMG_0042" not in page
    assert "客服拒绝退货" in page


def test_it_refuses_an_installation_before_receipt_in_english(client):
    client.cookies["django_language"] = "en"
    case = make_case("order", received_on=date(2026, 11, 20))
    data = problem_data(goods_kind="sanbao", installed_on="2026-11-10")
    response = client.post(f"/c/{case.token}/problem/", data)
    assert "installation date cannot be before the date of receipt (Fri 20 Nov 2026)" in (
        text(response.content.decode())
    )


@time_machine.travel(DAY_1, tick=False)
def test_it_says_in_english_that_a_made_to_order_return_does_not_apply(client):
    client.cookies["django_language"] = "en"
    case = make_case(
        problem="no_longer_wanted",
        description="不想要了",
        desired_outcome="return_refund",
        received_on=RECEIVED,
        goods_kind="custom",
    )
    page = text(get(client, f"/c/{case.token}/card/"))
    assert "does not apply to these goods" in page
    assert "I would like to ask whether a return and refund can be agreed" in page


@time_machine.travel(DAY_10, tick=False)
def test_it_keeps_an_excluded_right_out_of_the_passed_deadlines(client):
    # 消法第二十四条: "七日后符合法定解除合同条件的，消费者可以及时退货" — the return still
    # stands under its condition; 七日无理由 never applied to made-to-order goods (第二十五条).
    case = make_case(
        item="定制西装",
        description="缝线开裂",
        desired_outcome="return_refund",
        received_on=RECEIVED,
        goods_kind="custom",
    )
    response = client.get(f"/c/{case.token}/card/")
    passed = text(response.content.decode()).split("有截止日的期限已过（")[1].split("）。")[0]
    assert "七日无理由退货" not in passed
    assert "已于 12月8日（周二） 截止" in passed
    assert "这项权利不适用于这件商品：七日无理由退货" in text(response.content.decode())
