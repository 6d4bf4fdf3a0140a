from __future__ import annotations

import itertools

import pytest

from routing.choices import ProblemCategory, PurchaseKind
from routing.rules import FALLBACK_KEY, route

# PRODUCT.md, "Routing rules", written out per kind of purchase:
# (the line for most problems, the line for a PLUS membership-benefit problem).
# Enterprise orders go to the enterprise line whatever the problem; a membership-benefit
# problem or a PLUS purchase goes to the PLUS line; otherwise self-operated and third-party
# goods have their own lines; "not sure" goes to the general line.
EXPECTED_LINE = {
    "enterprise": ("enterprise", "enterprise"),
    "plus": ("plus", "plus"),
    "self_operated": ("self_operated", "plus"),
    "third_party": ("third_party", "plus"),
    "not_sure": ("general", "plus"),
}


def expected_line(kind: str, problem: str) -> str:
    usual, member_benefit = EXPECTED_LINE[kind]
    return member_benefit if problem == "member_benefit" else usual


ALL_PAIRS = list(itertools.product(PurchaseKind.values, ProblemCategory.values))


def test_it_has_an_expectation_for_every_kind_of_purchase():
    assert set(EXPECTED_LINE) == set(PurchaseKind.values)


def test_it_covers_the_whole_cartesian_product():
    assert len(ALL_PAIRS) == len(PurchaseKind.values) * len(ProblemCategory.values) == 70


@pytest.mark.parametrize(("kind", "problem"), ALL_PAIRS)
def test_it_routes_every_kind_and_problem_to_the_expected_line(kind, problem):
    assert route(kind, problem).hotline_key == expected_line(kind, problem)


@pytest.mark.parametrize(("kind", "problem"), ALL_PAIRS)
def test_it_asks_to_mention_not_sure_only_on_the_general_line(kind, problem):
    result = route(kind, problem)
    assert result.mention_not_sure is (result.hotline_key == "general")


@pytest.mark.parametrize(("kind", "problem"), ALL_PAIRS)
def test_it_gives_a_reason_naming_the_line(kind, problem):
    reason = route(kind, problem).reason
    assert " → " in reason
    assert reason.split(" → ")[0]


def test_it_routes_not_sure_to_the_fallback_line():
    assert FALLBACK_KEY == "general"
    assert route("not_sure", "quality_fault").hotline_key == FALLBACK_KEY


def test_it_explains_a_self_operated_quality_fault():
    assert route("self_operated", "quality_fault").reason == "自营商品的质量问题 → 自营售后专线"


def test_it_explains_a_third_party_shop_not_shipping():
    assert (
        route("third_party", "shop_not_shipping").reason
        == "第三方店铺商品的不发货 → 第三方服务专线"
    )


def test_it_explains_a_plus_member_benefit():
    assert route("plus", "member_benefit").reason == "PLUS 会员的会员权益问题 → PLUS会员专属服务"


def test_it_explains_a_member_benefit_of_self_operated_goods_as_plus():
    assert route("self_operated", "member_benefit").reason == (
        "PLUS 会员的会员权益问题 → PLUS会员专属服务"
    )


def test_it_explains_an_enterprise_late_delivery():
    assert route("enterprise", "late_delivery").reason == "企业采购订单的物流延迟 → 企业采购服务"


def test_it_explains_not_sure_with_the_note_to_say_so():
    assert route("not_sure", "quality_fault").reason == (
        "不确定是否自营的质量问题 → 京东客服热线（接通后说明不确定是否自营）"
    )


def test_it_names_an_unknown_problem_generically():
    assert route("self_operated", "no_such_problem").reason == "自营商品的问题 → 自营售后专线"


def test_it_routes_an_unknown_kind_to_the_general_line():
    result = route("", "quality_fault")
    assert result.hotline_key == "general"
    assert result.mention_not_sure is True


@pytest.mark.parametrize("problem", ["quality_fault", "damaged_in_transit", "not_as_described"])
def test_it_routes_a_plus_members_goods_problem_to_member_after_sales(problem):
    # Issue 10, item 17: a PLUS member who picked a product problem is routed, and told why.
    result = route("plus", problem)
    assert result.hotline_key == "plus"
    assert "会员专属售后" in result.reason
    assert "按卖家" in result.reason
