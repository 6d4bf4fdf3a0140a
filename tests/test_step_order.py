"""The order step (/c/<token>/order/): order number, kind of purchase, item, day received."""

from __future__ import annotations

import re

import pytest

from cases.models import Case
from tests.factories import ORDER, WANT, make_case, problem_data, tried_data
from tests.html import error_message, error_summary, form_values, page_title
from tests.steps import SUMMARY_TITLE, html_of, post, url

pytestmark = pytest.mark.django_db


def test_it_shows_the_order_step_of_a_new_case(client):
    case = make_case(upto=None)
    response = client.get(url(case, "order"))
    assert response.status_code == 200
    assert "cases/steps/order.html" in [t.name for t in response.templates]
    assert 'name="order_number"' in html_of(response)


def test_it_saves_the_order_step(client):
    case = make_case(upto=None)
    response = post(client, case, "order", ORDER)
    assert response.status_code == 302
    assert response.url == url(case, "problem")
    case.refresh_from_db()
    assert (case.order_number, case.purchase_kind, case.item) == (
        "1234567890",
        "self_operated",
        "洗衣机",
    )


def test_it_keeps_every_typed_value_of_an_invalid_order_step(client):
    case = make_case(upto=None)
    data = {
        "order_number": "12ab34",
        "purchase_kind": "third_party",
        "item": "羽绒服",
        "received_on": "2026-12-01",
    }
    response = post(client, case, "order", data)
    assert response.status_code == 200
    assert form_values(html_of(response)) == data


def test_it_does_not_save_an_invalid_order_step(client):
    case = make_case(upto=None)
    post(client, case, "order", {**ORDER, "order_number": "12ab34"})
    case.refresh_from_db()
    assert case.order_number == ""
    assert case.item == ""


def test_it_shows_the_order_number_message_next_to_the_field(client):
    case = make_case(upto=None)
    html = html_of(post(client, case, "order", {**ORDER, "order_number": "12ab34"}))
    assert "京东APP → 我的 → 我的订单" in error_message(html, "id_order_number")
    assert 'aria-invalid="true"' in html
    assert re.search(
        r'<input[^>]*name="order_number"[^>]*aria-describedby="[^"]*\bid_order_number_error\b',
        html,
    )


def test_it_describes_a_wrong_radio_group_by_its_hint_and_message(client):
    case = make_case(upto=None)
    html = html_of(post(client, case, "order", {**ORDER, "purchase_kind": ""}))
    assert (
        '<fieldset class="fieldset" aria-describedby="id_purchase_kind_helptext'
        ' id_purchase_kind_error">'
    ) in html


def test_it_lists_the_order_number_message_in_the_error_summary(client):
    case = make_case(upto=None)
    html = html_of(post(client, case, "order", {**ORDER, "order_number": "12ab34"}))
    summary = error_summary(html)
    assert SUMMARY_TITLE in summary
    assert 'href="#id_order_number"' in summary
    assert "订单号只能是数字" in summary


def test_it_marks_the_title_of_an_invalid_step(client):
    case = make_case(upto=None)
    html = html_of(post(client, case, "order", {**ORDER, "item": ""}))
    assert page_title(html).startswith("错误：")


def test_it_shows_no_error_summary_on_a_fresh_step(client):
    case = make_case(upto=None)
    html = html_of(client.get(url(case, "order")))
    assert SUMMARY_TITLE not in html
    assert "错误：" not in html


def test_it_asks_for_every_missing_order_answer(client):
    case = make_case(upto=None)
    html = html_of(post(client, case, "order", {}))
    assert error_message(html, "id_order_number") == "错误：请填写订单号。"
    assert error_message(html, "id_purchase_kind") == "错误：请选择购买类型；看不出来就选“不确定”。"
    assert error_message(html, "id_item") == "错误：请写一下买的是什么，例如“洗衣机”。"
    assert 'href="#id_purchase_kind-group"' in error_summary(html)


def test_it_prefills_the_order_step_with_saved_answers(client):
    case = make_case("order", **ORDER)
    values = form_values(html_of(client.get(url(case, "order"))))
    assert values == {**ORDER, "received_on": ""}


def test_it_sends_a_new_case_from_a_later_step_to_the_order_step(client):
    case = make_case(upto=None)
    response = client.get(url(case, "want"))
    assert response.status_code == 302
    assert response.url == url(case, "order")


def test_it_does_not_save_a_post_to_a_step_not_yet_open(client):
    case = make_case(upto=None)
    response = post(client, case, "want", WANT)
    assert response.status_code == 302
    assert response.url == url(case, "order")
    case.refresh_from_db()
    assert case.desired_outcome == ""


def test_it_opens_the_check_page_only_after_the_evidence_step(client):
    case = make_case("want")
    response = client.get(url(case, "check"))
    assert response.status_code == 302
    assert response.url == url(case, "evidence")


def test_it_lets_the_shopper_reopen_an_earlier_step(client):
    case = make_case("want")
    assert client.get(url(case, "order")).status_code == 200


def test_it_sends_a_fresh_case_home_to_the_order_step(client):
    case = make_case(upto=None)
    response = client.get(url(case))
    assert response.status_code == 302
    assert response.url == url(case, "order")


def test_it_walks_through_every_step_in_order(client):
    response = client.post("/c/new/")
    case = Case.objects.get()
    steps = [
        ("order", ORDER, "problem"),
        ("problem", problem_data(), "tried"),
        ("tried", tried_data(), "want"),
        ("want", WANT, "evidence"),
        ("evidence", {}, "check"),
    ]
    for slug, data, following in steps:
        response = post(client, case, slug, data)
        assert response.status_code == 302, slug
        assert response.url == url(case, following)
    response = post(client, case, "check", {})
    assert response.url == f"/c/{case.token}/card/"


def test_it_404s_an_unknown_step(client):
    case = make_case("want")
    response = client.get(url(case, "payment"))
    assert response.status_code == 404


def test_it_rejects_put_on_a_step(client):
    case = make_case(upto=None)
    assert client.put(url(case, "order")).status_code == 405


def test_it_explains_on_the_order_step_what_the_plus_line_is_for(client):
    html = html_of(client.get(url(make_case(upto=None), "order")))
    assert "PLUS 会员专线处理的是会员券、会员权益" in html
    assert "作为会员买的商品出了问题，也按卖家选" in html
