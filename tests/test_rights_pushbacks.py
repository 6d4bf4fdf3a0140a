"""Issue 19 in the pages: the agents' likely objections with the replies (Pushback), the
enterprise notice, the 3-year note, the want step's conditions, the 12315 page's address
hint and "asked in time" sentence, the English UI; and pushbacks_for as a pure function."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine
from django.contrib.auth.models import User

from routing.hours import CHINA
from routing.models import Pushback
from routing.rights import RightsFacts, pushbacks_for, rights_for
from tests.factories import add_contact, make_case
from tests.test_rights_views import get, text

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 12, 1)
DAY_2 = datetime(2026, 12, 3, 10, 0, tzinfo=CHINA)
DAY_10 = datetime(2026, 12, 11, 10, 0, tzinfo=CHINA)


def unwanted(**fields):
    values = {
        "item": "衬衫",
        "problem": "no_longer_wanted",
        "description": "尺码不合适，不想要了",
        "desired_outcome": "return_refund",
        "received_on": RECEIVED,
        "goods_kind": "other",
        **fields,
    }
    return make_case(**values)


# ----- pushbacks_for, pure -----


def test_it_answers_the_opened_package_objection_for_an_open_seven_day_return():
    rights = rights_for(
        RightsFacts(received=RECEIVED, goods_kind="other", problem="no_longer_wanted"), DAY_2
    )
    keys = [r.pushback.key for r in pushbacks_for(rights)]
    assert keys[0] == "opened_package"
    assert "contact_the_shop" not in keys  # self-operated: JD is the seller


def test_it_gives_the_platform_reply_only_for_a_third_party_shop():
    facts = RightsFacts(
        received=RECEIVED, goods_kind="other", problem="quality_fault", purchase_kind="third_party"
    )
    replies = pushbacks_for(rights_for(facts, DAY_2))
    assert "contact_the_shop" in [r.pushback.key for r in replies]
    assert "消费者权益保护法第四十四条" in next(
        r.reply for r in replies if r.pushback.key == "contact_the_shop"
    )


def test_it_gives_no_reply_once_every_right_closed():
    facts = RightsFacts(received=RECEIVED, goods_kind="other", problem="no_longer_wanted")
    assert pushbacks_for(rights_for(facts, DAY_10)) == []


def test_it_says_past_seven_days_is_wrong_only_when_the_last_day_rolled_over():
    # Received Sat 5 Dec: the 7th day is Sat 12 Dec, moved to Mon Mon 14 Dec (民法典第二百零三条).
    facts = RightsFacts(received=date(2026, 12, 5), goods_kind="other", problem="no_longer_wanted")
    on_sunday = rights_for(facts, datetime(2026, 12, 13, 10, tzinfo=CHINA))
    assert "past_seven_days_holiday" in [r.pushback.key for r in pushbacks_for(on_sunday)]
    plain = rights_for(
        RightsFacts(received=RECEIVED, goods_kind="other", problem="no_longer_wanted"), DAY_2
    )
    assert "past_seven_days_holiday" not in [r.pushback.key for r in pushbacks_for(plain)]


def test_it_shows_at_most_two_replies_per_right():
    facts = RightsFacts(
        received=RECEIVED,
        goods_kind="confirmed_final",
        problem="no_longer_wanted",
        purchase_kind="third_party",
    )
    replies = pushbacks_for(rights_for(facts, DAY_2))
    assert len([r for r in replies if r.window.key == "seven_day"]) == 2


def test_it_leaves_out_a_reply_an_operator_switched_off():
    Pushback.objects.filter(key="opened_package").update(active=False)
    facts = RightsFacts(received=RECEIVED, goods_kind="other", problem="no_longer_wanted")
    assert "opened_package" not in [r.pushback.key for r in pushbacks_for(rights_for(facts, DAY_2))]


def test_it_seeds_every_reply_with_its_quote_source_and_date():
    rows = list(Pushback.objects.all())
    assert len(rows) >= 8
    for row in rows:
        assert row.quote and row.source and row.source_en and row.reply_en and row.objection_en
        assert row.last_checked


# ----- the card and its text -----


@time_machine.travel(DAY_2, tick=False)
def test_it_shows_the_replies_on_the_card_and_in_its_text(client):
    case = unwanted()
    page = text(get(client, f"/c/{case.token}/card/"))
    assert "客服可能会说，你可以这样回答" in page
    assert "客服说：“已经拆封了，不能退”" in page
    assert "为了查验打开包装" in page
    body = get(client, f"/c/{case.token}/card.txt")
    assert "客服说：“已经拆封了，不能退” → 为了查验打开包装" in body


@time_machine.travel(DAY_2, tick=False)
def test_it_tells_an_enterprise_buyer_why_there_are_no_consumer_windows(client):
    case = unwanted(purchase_kind="enterprise", problem="quality_fault")
    page = text(get(client, f"/c/{case.token}/card/"))
    assert "不受《消费者权益保护法》保护（第二条）" in page
    assert "七日无理由退货：" not in page
    assert "按照消费者权益保护法" not in page


@time_machine.travel(DAY_2, tick=False)
def test_it_shows_no_rights_block_for_an_enterprise_tracking_query(client):
    case = unwanted(purchase_kind="enterprise", problem="tracking_query")
    assert "生活消费" not in text(get(client, f"/c/{case.token}/card/"))


@time_machine.travel(datetime(2026, 12, 4, 10, tzinfo=CHINA), tick=False)
def test_it_names_the_three_year_limit_for_a_phone_from_2023(client):
    case = unwanted(
        problem="quality_fault",
        goods_kind="sanbao",
        received_on=date(2023, 6, 1),
        desired_outcome="repair",
        item="手机",
    )
    page = text(get(client, f"/c/{case.token}/card/"))
    assert "签收已经超过3年" in page
    assert "如果仍在三包有效期内（看保修卡，从签收或安装完成之日算" in page
    assert "按照三包的规定" not in page


@time_machine.travel(DAY_10, tick=False)
def test_it_keeps_a_late_quality_return_open_under_its_condition(client):
    case = unwanted(problem="quality_fault", description="开机就黑屏")
    page = text(get(client, f"/c/{case.token}/card/"))
    assert "已经过了法定期限" not in page
    assert "如果商品无法正常使用、达不到购买目的" in page


@time_machine.travel(DAY_10, tick=False)
def test_it_stops_the_script_asking_for_a_lapsed_return(client):
    case = unwanted()
    page = text(get(client, f"/c/{case.token}/card/"))
    assert "已经过了法定期限" in page
    script = page.split("复制通话稿")[1].split("按这个顺序说")[0]
    assert "希望退货退款" not in script
    assert "想问问能否协商退货退款" in script


# ----- the want step -----


@time_machine.travel(DAY_10, tick=False)
def test_it_shows_the_transit_damaged_tv_its_open_rights_on_the_want_step(client):
    case = make_case(
        "tried",
        item="电视",
        problem="damaged_in_transit",
        goods_kind="sanbao",
        received_on=RECEIVED,
    )
    page = text(get(client, f"/c/{case.token}/want/"))
    assert "按现有信息，没有还在期限内的退换货权利" not in page
    assert "退货退款 — 质量问题：7日后退货：如果商品无法正常使用" in page


@time_machine.travel(DAY_2, tick=False)
def test_it_does_not_report_evidence_still_to_upload_as_missing(client):
    case = make_case("tried", problem="not_as_described", received_on=RECEIVED, goods_kind="other")
    page = text(get(client, f"/c/{case.token}/want/"))
    assert "还缺：证据" not in page
    assert "退一赔三（欺诈：价款三倍，至少500元） — 欺诈：退一赔三：如果能证明商家欺诈" in page


# ----- 12315 -----


@time_machine.travel(DAY_10, tick=False)
def test_it_asks_for_the_companys_address_and_names_the_three_year_limit(client):
    page = text(get(client, f"/c/{unwanted().token}/12315/"))
    assert "被投诉人的地址" in page
    assert "超过3年的投诉" in page


@time_machine.travel(DAY_10, tick=False)
def test_it_does_not_date_the_request_by_a_contact_before_receipt(client):
    case = unwanted(contacts=())
    add_contact(case, "online_service", days=13)  # 11月28日, before the goods came
    add_contact(case, "shop_service", days=6)  # 12月5日: day 4
    page = text(get(client, f"/c/{case.token}/12315/"))
    assert "2026-11-28 向京东提出" not in page
    assert (
        "2026年12月1日（周二） 签收，2026年12月5日（周六） 向京东提出，"
        "在 2026年12月8日（周二） 截止之前"
    ) in page


@time_machine.travel(DAY_2, tick=False)
def test_it_gives_an_enterprise_order_no_12315_basis(client):
    case = unwanted(purchase_kind="enterprise", problem="quality_fault", contacts=())
    add_contact(case, "online_service", days=1)
    assert "依据：" not in text(get(client, f"/c/{case.token}/12315/"))


# ----- English and the admin -----


@time_machine.travel(DAY_2, tick=False)
def test_it_gives_the_replies_in_english_with_the_rule_names_in_chinese(client):
    case = unwanted()
    client.cookies["django_language"] = "en"
    page = text(get(client, f"/c/{case.token}/card/"))
    assert "What the agent may say, and what you can answer" in page
    assert "Opening the package to inspect it" in page
    assert "七日无理由退货" in page


def test_it_lets_an_operator_correct_a_reply_in_the_admin(client):
    User.objects.create_superuser("op", "op@example.com", "pw")
    client.login(username="op", password="pw")
    row = Pushback.objects.get(key="opened_package")
    response = client.get(f"/admin/routing/pushback/{row.pk}/change/")
    assert response.status_code == 200
    assert "seven_day" in response.content.decode()


@time_machine.travel(DAY_2, tick=False)
def test_it_keeps_the_last_day_and_answers_a_shops_no_return_label(client):
    case = unwanted(goods_kind="confirmed_final", goods_what="衬衫", purchase_kind="third_party")
    page = text(get(client, f"/c/{case.token}/card/"))
    assert (
        "七日无理由退货 到 12月8日（周二） 为止（还剩 5 天）；你说商品是：衬衫。只有商品按性质"
        in page
    )
    assert "客服说：“这个商品不支持七天无理由”" in page
    assert "把截止日 12月8日（周二） 加到日历" in page
