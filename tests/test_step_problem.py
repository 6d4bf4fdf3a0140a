"""The problem step: the kind of problem (only those that fit the purchase), the
description and the day it happened."""

from __future__ import annotations

import re

import pytest

from tests.factories import ORDER, days_ago, make_case, problem_data
from tests.html import error_message, error_summary, form_values
from tests.steps import html_of, post, url

pytestmark = pytest.mark.django_db


# A shop problem does not fit self-operated goods: changing the kind unsettles it.
SHOP_CASE = {"purchase_kind": "third_party", "problem": "shop_not_shipping"}


def test_it_saves_the_problem_step(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data())
    assert response.status_code == 302
    assert response.url == url(case, "tried")
    case.refresh_from_db()
    assert case.problem == "quality_fault"
    assert case.description == problem_data()["description"]
    assert case.happened_on == days_ago(8)


def test_it_keeps_chinese_punctuation_in_the_description(client):
    # Full-width letters and digits are folded; the shopper's Chinese punctuation is not.
    case = make_case("order")
    description = "到货后无法启动，按电源键没反应（已重启）：怎么办？"
    post(client, case, "problem", problem_data(description=description))
    case.refresh_from_db()
    assert case.description == description


def test_it_folds_full_width_letters_and_digits_in_the_description(client):
    case = make_case("order")
    post(client, case, "problem", problem_data(description="型号ＸＱＧ１００无法启动"))
    case.refresh_from_db()
    assert case.description == "型号XQG100无法启动"


def test_it_keeps_every_typed_value_of_an_invalid_problem_step(client):
    case = make_case("order")
    data = problem_data(description="屏幕有裂痕", happened_on=days_ago(-3).isoformat())
    response = post(client, case, "problem", data)
    assert response.status_code == 200
    assert form_values(html_of(response)) == data


def test_it_offers_only_the_problems_that_fit_the_kind(client):
    case = make_case("order", purchase_kind="self_operated")
    html = html_of(client.get(url(case, "problem")))
    offered = re.findall(r'name="problem"[^>]*value="([a-z_]+)"', html)
    assert "shop_not_shipping" not in offered
    assert offered[0] == "quality_fault"
    assert offered[-1] == "other"


def test_it_offers_a_plus_member_the_membership_problems_first_and_goods_after(client):
    # A PLUS member with a product problem is not sent back (PRODUCT.md, routing rules).
    case = make_case("order", purchase_kind="plus")
    html = html_of(client.get(url(case, "problem")))
    offered = re.findall(r'name="problem"[^>]*value="([a-z_]+)"', html)
    assert offered[0] == "member_benefit"
    assert "quality_fault" in offered
    assert "shop_not_shipping" not in offered


def test_it_offers_shop_problems_for_third_party_goods(client):
    case = make_case("order", purchase_kind="third_party")
    html = html_of(client.get(url(case, "problem")))
    assert 'value="shop_not_shipping"' in html
    assert 'value="member_benefit"' not in html


def test_it_refuses_a_problem_that_does_not_fit_the_kind(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(problem="shop_not_shipping"))
    assert response.status_code == 200
    assert "不匹配" in error_message(html_of(response), "id_problem")
    assert "京东自营商品" in error_message(html_of(response), "id_problem")
    case.refresh_from_db()
    assert case.problem == ""


def test_it_refuses_a_future_date(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(happened_on=days_ago(-1).isoformat()))
    assert response.status_code == 200
    assert "日期不能晚于今天" in error_message(html_of(response), "id_happened_on")
    assert "日期不能晚于今天" in error_summary(html_of(response))


def test_it_accepts_today(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(happened_on=days_ago(0).isoformat()))
    assert response.status_code == 302


def test_it_refuses_a_date_it_cannot_read(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(happened_on="昨天"))
    assert response.status_code == 200
    assert "年-月-日" in error_message(html_of(response), "id_happened_on")


def test_it_refuses_a_description_over_500_characters(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(description="坏" * 501))
    assert response.status_code == 200
    assert error_message(html_of(response), "id_description")
    case.refresh_from_db()
    assert case.description == ""


def test_it_accepts_a_description_of_500_characters(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(description="坏" * 500))
    assert response.status_code == 302
    case.refresh_from_db()
    assert len(case.description) == 500


def test_it_asks_again_for_a_problem_that_no_longer_fits_a_changed_kind(client):
    case = make_case("want", **SHOP_CASE)
    response = post(client, case, "order", ORDER, "return=check")
    assert response.status_code == 302
    # Still on the way back to "check answers": only the step the change unsettled.
    assert response.url == url(case, "problem", "return=check")
    response = client.get(url(case))
    assert response.status_code == 302
    assert response.url == url(case, "problem")


def test_it_keeps_the_saved_problem_when_the_kind_changes(client):
    case = make_case("want")
    post(client, case, "order", {**ORDER, "purchase_kind": "plus"})
    case.refresh_from_db()
    assert case.purchase_kind == "plus"
    assert case.problem == "quality_fault"


def test_it_closes_later_steps_once_the_problem_no_longer_fits(client):
    case = make_case("evidence", **SHOP_CASE)
    post(client, case, "order", ORDER)
    response = client.get(url(case, "check"))
    assert response.status_code == 302
    assert response.url == url(case, "problem")


def test_it_refuses_a_date_with_a_mistyped_year(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(happened_on="0026-11-20"))
    assert response.status_code == 200
    assert "日期太早了，请检查年份。" in html_of(response)


def test_it_says_on_the_problem_step_that_a_simple_query_needs_no_call(client):
    html = html_of(client.get(url(make_case("order"), "problem")))
    assert "这两类不用打电话" in html
    assert "京东APP → 我的 → 我的订单 → 订单详情" in html


def test_it_accepts_a_product_problem_from_a_plus_member(client):
    case = make_case("order", purchase_kind="plus")
    response = post(client, case, "problem", problem_data(problem="quality_fault"))
    assert response.status_code == 302
    assert response.url == url(case, "tried")


def test_it_tells_a_plus_member_on_the_problem_step_where_goods_go(client):
    html = html_of(client.get(url(make_case("order", purchase_kind="plus"), "problem")))
    assert "会转到 PLUS 会员专属售后" in html
