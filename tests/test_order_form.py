from __future__ import annotations

import pytest

from cases.forms import OrderForm, normalise_digits
from tests.factories import ORDER, make_case
from tests.html import error_message, form_values

WHERE_TO_FIND = "京东APP → 我的 → 我的订单"


def order_form(**overrides: str) -> OrderForm:
    form = OrderForm({**ORDER, **overrides})
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("１２３４ ５６７８-90", "1234567890"),
        ("1234567890", "1234567890"),
        ("  12345678  ", "12345678"),
        ("1234-5678-9012", "123456789012"),
        ("１２３４５６７８", "12345678"),
        ("1234\u30005678", "12345678"),  # an ideographic space, as Chinese keyboards type
        ("1234－5678—90", "1234567890"),  # full-width hyphen and em dash
    ],
)
def test_it_normalises_the_order_number(typed, saved):
    form = order_form(order_number=typed)
    assert form.errors == {}
    assert form.cleaned_data["order_number"] == saved


def test_it_normalises_full_width_digits_and_separators():
    assert normalise_digits("１２３ ４５６-7") == "1234567"


@pytest.mark.parametrize("typed", ["12345abc90", "订单1234567890", "1234567890#", "12.345678"])
def test_it_refuses_letters_in_the_order_number(typed):
    form = order_form(order_number=typed)
    assert form.errors["order_number"] == [
        "订单号只能是数字。请在京东APP → 我的 → 我的订单里打开这笔订单，复制订单详情中的订单号。"
    ]


def test_it_says_where_to_find_the_order_number_when_refusing_letters():
    assert WHERE_TO_FIND in order_form(order_number="abc").errors["order_number"][0]


def test_it_refuses_seven_digits():
    form = order_form(order_number="1234567")
    assert form.errors["order_number"] == [
        "订单号应为 8 到 20 位数字，你填了 7 位。请在京东APP → 我的 → 我的订单 → 订单详情里核对。"
    ]


def test_it_refuses_twenty_one_digits():
    form = order_form(order_number="1" * 21)
    assert "你填了 21 位" in form.errors["order_number"][0]


@pytest.mark.parametrize("length", [8, 20])
def test_it_accepts_eight_to_twenty_digits(length):
    assert order_form(order_number="9" * length).errors == {}


def test_it_counts_digits_after_normalising():
    # Twenty digits with separators are more than twenty characters but still valid.
    assert order_form(order_number="1234 5678 9012 3456 7890").errors == {}


def test_it_refuses_an_empty_order_number():
    assert order_form(order_number="").errors["order_number"] == ["请填写订单号。"]


def test_it_refuses_an_order_number_of_separators_only():
    assert "订单号只能是数字" in order_form(order_number=" - - ").errors["order_number"][0]


def test_it_refuses_an_unknown_purchase_kind():
    assert "purchase_kind" in order_form(purchase_kind="vip").errors


@pytest.mark.parametrize("kind", ["self_operated", "third_party", "plus", "enterprise", "not_sure"])
def test_it_accepts_every_purchase_kind(kind):
    assert order_form(purchase_kind=kind).errors == {}


def test_it_refuses_an_item_over_60_characters():
    assert "item" in order_form(item="机" * 61).errors


def test_it_trims_the_item():
    assert order_form(item="  洗衣机  ").cleaned_data["item"] == "洗衣机"


def test_it_refuses_a_blank_item():
    assert order_form(item="   ").errors["item"] == ["请写一下买的是什么，例如“洗衣机”。"]


def test_it_tells_screen_readers_which_field_is_wrong():
    rendered = str(order_form(order_number="abc")["order_number"])
    assert 'aria-invalid="true"' in rendered
    assert 'aria-describedby="id_order_number_helptext id_order_number_error"' in rendered


def test_it_does_not_mark_a_correct_field_as_wrong():
    assert "aria-invalid" not in str(order_form(order_number="abc")["item"])


def test_it_does_not_leak_error_marks_to_the_next_form():
    order_form(order_number="abc")
    fresh = OrderForm(ORDER)
    assert fresh.is_valid()
    assert "aria-invalid" not in str(fresh["order_number"])


@pytest.mark.django_db
def test_it_saves_the_normalised_order_number_through_the_step(client):
    case = make_case(upto=None)
    response = client.post(
        f"/c/{case.token}/order/", {**ORDER, "order_number": "１２３４ ５６７８-90"}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.order_number == "1234567890"


@pytest.mark.django_db
def test_it_shows_the_letters_message_on_the_step(client):
    case = make_case(upto=None)
    response = client.post(f"/c/{case.token}/order/", {**ORDER, "order_number": "12ab"})
    assert response.status_code == 200
    html = response.content.decode()
    assert WHERE_TO_FIND in error_message(html, "id_order_number")
    assert form_values(html)["order_number"] == "12ab"


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "count"), [("1234567", 7), ("1" * 21, 21)])
def test_it_shows_the_length_message_on_the_step(client, typed, count):
    case = make_case(upto=None)
    response = client.post(f"/c/{case.token}/order/", {**ORDER, "order_number": typed})
    assert response.status_code == 200
    assert f"你填了 {count} 位" in error_message(response.content.decode(), "id_order_number")
    case.refresh_from_db()
    assert case.order_number == ""
