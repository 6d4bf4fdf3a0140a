"""Every form speaks the app's words: never Django's own ("确保该变量…", "不允许是用空字符
串", "这个字段是必填项", "ManagementForm…"), for over-long, NUL and tampered input."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from tests.factories import add_call, make_case, tried_data

pytestmark = pytest.mark.django_db

DJANGO_WORDING = (
    "确保该变量",
    "不允许是用空字符串",
    "空字符",
    "这个字段是必填项",
    "选择一个有效的选项",
    "ManagementForm",
    "Ensure this value",
    "Null characters",
    "This field is required",
)


def visible_text(html: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", " ", html))


def assert_app_words(html: str) -> str:
    text = visible_text(html)
    for phrase in DJANGO_WORDING:
        assert phrase not in text
    return text


def test_it_says_how_long_an_order_number_may_be(client):
    case = make_case(None)
    response = client.post(
        f"/c/{case.token}/order/",
        {"order_number": "1" * 300, "purchase_kind": "self_operated", "item": "洗衣机"},
    )
    text = assert_app_words(response.content.decode())
    assert "超出 260 字，请删短一些（最多 40 字，现在 300 字）" in text


def test_it_refuses_a_nul_character_in_its_own_words(client):
    case = make_case(None)
    response = client.post(
        f"/c/{case.token}/order/",
        {"order_number": "123456", "purchase_kind": "self_operated", "item": "洗衣\x00机"},
    )
    text = assert_app_words(response.content.decode())
    assert "无法保存的控制字符" in text


def test_it_says_how_long_a_call_note_may_be(client):
    case = make_case()
    response = client.post(
        f"/c/{case.token}/calls/new/",
        {"called_at": "2026-01-01T10:00", "hotline": "x", "promise": "很" * 5000},
    )
    assert_app_words(response.content.decode())


def test_it_explains_a_tampered_formset_in_its_own_words(client):
    case = make_case("problem")
    data = tried_data()
    del data["tried-TOTAL_FORMS"]
    response = client.post(f"/c/{case.token}/tried/", data)
    text = assert_app_words(response.content.decode())
    assert "刷新页面" in text


def test_it_answers_an_empty_seller_name_in_its_own_words(client):
    case = make_case()
    add_call(case)
    response = client.post(f"/c/{case.token}/12315/", {"seller_name": "\x00"})
    assert_app_words(response.content.decode())
