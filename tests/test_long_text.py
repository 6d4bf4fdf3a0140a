"""Long text is never cut silently (issue 24): no field carries the browser's `maxlength`,
which cut a pasted text without a word; the server keeps the whole text in the field and
says, at the field, by how much it is over."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from tests.factories import add_call, make_case, tried_data

pytestmark = pytest.mark.django_db

PASTED = "很" * 2000


def field_value(html: str, name: str) -> str:
    """What the re-rendered field holds: an input's value or a textarea's text."""
    textarea = re.search(rf'<textarea name="{name}"[^>]*>\n?(.*?)</textarea>', html, re.S)
    if textarea:
        return htmllib.unescape(textarea.group(1))
    tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert tag, f"no field {name}"
    value = re.search(r'value="([^"]*)"', tag.group(0))
    return htmllib.unescape(value.group(1)) if value else ""


def assert_kept_and_told(html: str, name: str, limit: int) -> None:
    assert not re.search(r"\smaxlength=", html)
    assert field_value(html, name) == PASTED
    over = 2000 - limit
    assert f"超出 {over} 字，请删短一些（最多 {limit} 字，现在 2000 字）" in html


def test_it_keeps_a_pasted_description_and_says_how_much_is_over(client):
    case = make_case("order")
    response = client.post(
        f"/c/{case.token}/problem/",
        {"problem": "quality_fault", "description": PASTED},
    )
    assert response.status_code == 200
    assert_kept_and_told(response.content.decode(), "description", 500)


def test_it_keeps_a_pasted_item_and_says_how_much_is_over(client):
    case = make_case(None)
    response = client.post(
        f"/c/{case.token}/order/",
        {"order_number": "123456", "purchase_kind": "self_operated", "item": PASTED},
    )
    assert_kept_and_told(response.content.decode(), "item", 60)


def test_it_keeps_a_pasted_answer_of_a_prior_contact(client):
    case = make_case("problem")
    data = tried_data({"online_service": {"answer": PASTED}})
    response = client.post(f"/c/{case.token}/tried/", data)
    assert_kept_and_told(response.content.decode(), "tried-0-answer", 200)


def test_it_keeps_a_pasted_outcome_detail(client):
    case = make_case("tried")
    response = client.post(
        f"/c/{case.token}/want/", {"desired_outcome": "other", "outcome_detail": PASTED}
    )
    assert_kept_and_told(response.content.decode(), "outcome_detail", 100)


def test_it_keeps_a_pasted_promise_on_the_call_form(client):
    case = make_case()
    response = client.post(
        f"/c/{case.token}/calls/new/",
        {"called_at": "2026-12-01T10:00", "hotline": "", "promise": PASTED},
    )
    assert_kept_and_told(response.content.decode(), "promise", 200)


def test_it_keeps_a_pasted_seller_name(client):
    case = make_case()
    add_call(case)
    response = client.post(f"/c/{case.token}/12315/", {"seller_name": PASTED})
    assert_kept_and_told(response.content.decode(), "seller_name", 100)


def test_it_keeps_a_pasted_closing_note(client):
    case = make_case()
    response = client.post(
        f"/c/{case.token}/close/", {"outcome": "resolved", "closing_note": PASTED}
    )
    assert_kept_and_told(response.content.decode(), "closing_note", 200)


def test_it_counts_a_line_break_as_one_character_as_the_counter_does(client):
    case = make_case("order")
    text = "坏" * 250 + "\r\n" + "坏" * 249  # 500 characters as the shopper sees them
    response = client.post(
        f"/c/{case.token}/problem/",
        {"problem": "quality_fault", "description": text, "happened_on": "2026-11-20"},
    )
    assert response.status_code == 302


def test_it_gives_every_limited_field_a_counter_that_knows_the_limit(client):
    case = make_case("order")
    html = client.get(f"/c/{case.token}/problem/").content.decode()
    assert 'data-maxlength="500"' in html
    assert 'data-counter-for="id_description"' in html
    assert "超出 {over} 字，请删短一些（最多 500 字）" in html
