"""The want step: the outcome (those that fit the problem first), its detail, the deadline;
skipped for a simple query, warned about when vague."""

from __future__ import annotations

import re

import pytest

from cases.models import Case
from routing.choices import Outcome
from tests.factories import WANT, make_case, tried_data
from tests.html import error_message, form_values
from tests.steps import html_of, post, url

pytestmark = pytest.mark.django_db


def offered_outcomes(client, case: Case) -> list[str]:
    html = html_of(client.get(url(case, "want")))
    return re.findall(r'name="desired_outcome"[^>]*value="([a-z_]+)"', html)


VAGUE = {"desired_outcome": "other", "outcome_detail": "给个说法", "deadline_days": ""}


def test_it_saves_the_want_step(client):
    case = make_case("tried")
    response = post(client, case, "want", WANT)
    assert response.status_code == 302
    assert response.url == url(case, "evidence")
    case.refresh_from_db()
    assert (case.desired_outcome, case.deadline_days) == ("repair", 3)


def test_it_accepts_no_deadline(client):
    case = make_case("tried")
    response = post(client, case, "want", {**WANT, "deadline_days": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.deadline_days is None


def test_it_refuses_other_outcome_without_detail(client):
    case = make_case("tried")
    response = post(client, case, "want", {**WANT, "desired_outcome": "other"})
    assert response.status_code == 200
    assert "选了“其他”" in error_message(html_of(response), "id_outcome_detail")
    case.refresh_from_db()
    assert case.desired_outcome == ""


def test_it_saves_other_outcome_with_detail(client):
    case = make_case("tried")
    data = {**WANT, "desired_outcome": "other", "outcome_detail": "补发缺少的配件"}
    assert post(client, case, "want", data).status_code == 302
    case.refresh_from_db()
    assert (case.desired_outcome, case.outcome_detail) == ("other", "补发缺少的配件")


def test_it_reads_a_full_width_deadline(client):
    case = make_case("tried")
    response = post(client, case, "want", {**WANT, "deadline_days": "３"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.deadline_days == 3


@pytest.mark.parametrize(
    ("days", "message"),
    [("0", "天数至少为 1。"), ("91", "天数最多为 90。"), ("三天", "请填写天数，例如 3。")],
)
def test_it_refuses_a_deadline_out_of_range(client, days, message):
    case = make_case("tried")
    response = post(client, case, "want", {**WANT, "deadline_days": days})
    assert response.status_code == 200
    assert message in error_message(html_of(response), "id_deadline_days")
    case.refresh_from_db()
    assert case.deadline_days is None


def test_it_keeps_every_typed_value_of_an_invalid_want_step(client):
    case = make_case("tried")
    data = {"desired_outcome": "exchange", "outcome_detail": "换新的", "deadline_days": "91"}
    html = html_of(post(client, case, "want", data))
    assert form_values(html) == data


@pytest.mark.parametrize("problem", ["tracking_query", "address_change"])
def test_it_skips_the_want_step_for_a_simple_query(client, problem):
    case = make_case("problem", problem=problem)
    response = post(client, case, "tried", tried_data())
    assert response.url == url(case, "evidence")
    assert "第 4 步，共 5 步" in html_of(client.get(url(case, "evidence")))


def test_it_lets_a_simple_query_pass_the_want_step_without_choosing(client):
    case = make_case("tried", problem="tracking_query")
    response = post(client, case, "want", {"desired_outcome": "", "outcome_detail": ""})
    assert response.status_code == 302
    assert "请选择你想要的结果。" not in html_of(client.get(url(case, "want")))


def test_it_still_asks_a_real_problem_for_an_outcome(client):
    case = make_case("tried")
    response = post(client, case, "want", {"desired_outcome": "", "outcome_detail": ""})
    assert response.status_code == 200
    assert "请选择你想要的结果。" in error_message(html_of(response), "id_desired_outcome")


def test_it_offers_a_member_coupon_problem_restoring_the_coupon_first(client):
    case = make_case("tried", purchase_kind="plus", problem="member_benefit")
    assert offered_outcomes(client, case)[:2] == ["restore_benefit", "compensation"]


def test_it_offers_a_shop_that_does_not_ship_shipping_or_cancelling_first(client):
    case = make_case("tried", purchase_kind="third_party", problem="shop_not_shipping")
    assert offered_outcomes(client, case)[:3] == ["ship_now", "cancel_refund", "compensation"]


@pytest.mark.parametrize("problem", ["quality_fault", "member_benefit", "other"])
def test_it_offers_every_outcome_once_with_other_last(client, problem):
    case = make_case("tried", purchase_kind="not_sure", problem=problem)
    offered = offered_outcomes(client, case)
    assert sorted(offered) == sorted(Outcome.values)
    assert offered[-1] == "other"


def test_it_heads_the_fitting_outcomes(client):
    html = html_of(client.get(url(make_case("tried"), "want")))
    assert html.index("适合这个问题的结果") < html.index('value="repair"')
    assert html.index('value="repair"') < html.index("其他结果")


def test_it_saves_a_new_outcome(client):
    case = make_case("tried", purchase_kind="plus", problem="member_benefit")
    post(client, case, "want", {"desired_outcome": "restore_benefit", "outcome_detail": ""})
    case.refresh_from_db()
    assert case.desired_outcome == "restore_benefit"


def test_it_saves_a_vague_outcome_and_shows_the_want_step_again_with_a_warning(client):
    case = make_case("tried")
    response = post(client, case, "want", VAGUE)
    assert response.url == url(case, "want") + "#vague-outcome"
    case.refresh_from_db()
    assert case.outcome_detail == "给个说法"
    html = html_of(client.get(url(case, "want")))
    assert "“给个说法”说的不是一个具体结果" in html
    assert "退货退款、换货、安排售后上门检测维修" in html


def test_it_lets_a_vague_outcome_go_on_when_pressed_again(client):
    case = make_case("tried")
    post(client, case, "want", VAGUE)
    response = post(client, case, "want", VAGUE)
    assert response.url == url(case, "evidence")


def test_it_does_not_warn_about_a_concrete_outcome(client):
    case = make_case("tried")
    data = {**VAGUE, "outcome_detail": "补发缺少的配件"}
    response = post(client, case, "want", data)
    assert response.url == url(case, "evidence")
    assert "不是一个具体结果" not in html_of(client.get(url(case, "want")))
