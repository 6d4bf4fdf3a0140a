"""JD's own after-sales rules beside the legal windows (routing/platform_rules.py).

No rule is seeded (no public source could be quoted): each test enters the rule an operator
would, so the rows below are test data, not claims about JD.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from routing.hours import CHINA
from routing.platform_rules import PlatformRule, platform_rules_for
from routing.rights import RightsFacts, rights_for
from tests.factories import make_case

pytestmark = pytest.mark.django_db

RECEIVED = date(2026, 12, 1)
CALL = datetime(2026, 12, 2, 10, 0, tzinfo=CHINA)


def a_rule(**fields: object) -> PlatformRule:
    values: dict[str, object] = {
        "key": "fresh_48h",
        "name": "生鲜商品签收后 48 小时内申请售后",
        "name_en": "Fresh food: report within 48 hours of receipt",
        "problems": "spoiled_fresh,quality_fault",
        "goods": "fresh",
        "hours": 48,
        "text": "生鲜商品请在签收后 48 小时内申请售后。",
        "source_name": "测试用的规则",
        "last_checked": date(2026, 12, 4),
    }
    values.update(fields)
    return PlatformRule.objects.create(**values)


def rules_for(facts: RightsFacts, at: datetime = CALL) -> list:
    legal = rights_for(facts, at).windows
    return platform_rules_for(facts, at, legal, PlatformRule.objects.all())


SPOILED = RightsFacts(received=RECEIVED, problem="spoiled_fresh", purchase_kind="self_operated")


def test_it_seeds_no_rule_without_a_public_source():
    assert PlatformRule.objects.count() == 0
    assert rules_for(SPOILED) == []


def test_it_says_a_fresh_food_rule_closes_before_the_law():
    a_rule()
    (found,) = rules_for(SPOILED)
    assert found.last_day == date(2026, 12, 3)
    assert found.days_left == 1
    assert found.closes_before_law
    # the law's quality window (art. 24) for the same goods lasts until 12-08
    assert found.earlier_than_law == date(2026, 12, 8)


def test_it_does_not_apply_a_fresh_food_rule_to_a_washing_machine():
    a_rule()
    facts = RightsFacts(received=RECEIVED, problem="quality_fault", goods_kind="sanbao")
    assert rules_for(facts) == []


def test_it_lists_a_rule_without_a_date_when_the_receipt_is_not_known():
    a_rule()
    (found,) = rules_for(RightsFacts(problem="spoiled_fresh"))
    assert found.last_day is None
    assert not found.closes_before_law


def test_it_does_not_call_a_rule_earlier_when_it_outlasts_the_law():
    a_rule(key="long", hours=None, days=30, goods="", problems="")
    facts = RightsFacts(received=RECEIVED, problem="return_refused", goods_kind="other")
    (found,) = rules_for(facts)
    assert found.last_day == date(2026, 12, 31)
    assert not found.closes_before_law


def test_it_puts_the_rule_that_closes_before_the_law_first():
    a_rule(key="long", hours=None, days=30, goods="", problems="", sort_order=0)
    a_rule(key="fresh_48h", sort_order=9)
    found = rules_for(SPOILED)
    assert [d.rule.key for d in found] == ["fresh_48h", "long"]


def test_it_leaves_out_an_inactive_rule():
    a_rule(active=False)
    assert rules_for(SPOILED) == []


def test_it_keeps_a_rule_to_a_purchase_kind():
    a_rule(purchase_kinds="third_party")
    assert rules_for(SPOILED) == []


def test_it_refuses_a_rule_with_both_days_and_hours(admin_client):
    response = admin_client.post(
        "/admin/routing/platformrule/add/",
        {
            "key": "both",
            "name": "两者都填",
            "problems": ["spoiled_fresh"],
            "days": "7",
            "hours": "48",
            "counted_from": "receipt",
            "text": "……",
            "source_name": "测试",
            "last_checked": "2026-12-04",
            "sort_order": "0",
        },
    )
    assert response.status_code == 200
    assert "天数和小时数请只填一个" in response.content.decode()
    assert not PlatformRule.objects.exists()


def test_it_lets_an_operator_add_a_rule_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/routing/platformrule/add/",
        {
            "key": "fresh_48h",
            "name": "生鲜 48 小时",
            "problems": ["spoiled_fresh"],
            "goods": ["fresh"],
            "hours": "48",
            "counted_from": "receipt",
            "text": "生鲜商品请在签收后 48 小时内申请售后。",
            "source_name": "京东帮助中心",
            "source_url": "https://example.com/rule",
            "last_checked": "2026-12-04",
            "active": "on",
            "sort_order": "0",
        },
    )
    assert response.status_code == 302
    rule = PlatformRule.objects.get()
    assert rule.problem_list == ("spoiled_fresh",)
    assert rule.goods_list == ("fresh",)


def test_it_saves_a_source_address_typed_without_a_scheme_as_https(admin_client):
    response = admin_client.post(
        "/admin/routing/platformrule/add/",
        {
            "key": "fresh_48h",
            "name": "生鲜 48 小时",
            "problems": ["spoiled_fresh"],
            "hours": "48",
            "counted_from": "receipt",
            "text": "生鲜商品请在签收后 48 小时内申请售后。",
            "source_name": "京东帮助中心",
            "source_url": "help.jd.com/rule",
            "last_checked": "2026-12-04",
            "sort_order": "0",
        },
    )
    assert response.status_code == 302
    assert PlatformRule.objects.get().source_url == "https://help.jd.com/rule"


# ----- On the card -----


@time_machine.travel(CALL, tick=False)
def test_it_says_the_jd_rule_first_on_the_card_when_it_closes_before_the_law(client):
    case = make_case(problem="spoiled_fresh", item="车厘子", received_on=RECEIVED)
    client.get(f"/c/{case.token}/card/")  # kept before the operator adds the rule
    a_rule()
    html = client.get(f"/c/{case.token}/card/").content.decode()
    warning = (
        "京东自己的规则：生鲜商品签收后 48 小时内申请售后，最晚明天（12月3日），"
        "比法律给的期限更早（法律的期限到12月8日（周二））。"
    )
    assert warning in html
    assert html.index(warning) < html.index("你的权利")
    assert "不是法律" in html
    assert "最后核对：12月4日（周五）" in html


@time_machine.travel(CALL, tick=False)
def test_it_shows_no_jd_rules_section_when_none_applies(client):
    a_rule()
    case = make_case(received_on=RECEIVED)  # a washing machine that will not start
    assert "京东自己的规则" not in client.get(f"/c/{case.token}/card/").content.decode()
