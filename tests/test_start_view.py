from __future__ import annotations

import re

import pytest

from cases.models import Case
from tests.factories import ORDER, problem_data
from tests.html import meta_content

pytestmark = pytest.mark.django_db


def start_case(client) -> Case:
    response = client.post("/c/new/")
    assert response.status_code == 302
    return Case.objects.get(token=response.url.split("/")[2])


def test_it_shows_the_start_page(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "打京东400之前，先准备好" in html
    assert 'action="/c/new/"' in html


def test_it_lists_no_cases_for_a_new_visitor(client):
    assert "你的案例" not in client.get("/").content.decode()


def test_it_creates_a_case_and_opens_the_order_step(client):
    response = client.post("/c/new/")
    case = Case.objects.get()
    assert response.status_code == 302
    assert response.url == f"/c/{case.token}/order/"


def test_it_creates_an_empty_case(client):
    case = start_case(client)
    assert case.order_number == ""
    assert case.purchase_kind == ""
    assert case.card_ready_at is None


def test_it_creates_a_new_case_each_time(client):
    first = start_case(client)
    second = start_case(client)
    assert first.token != second.token
    assert Case.objects.count() == 2


def test_it_rejects_get_on_new(client):
    response = client.get("/c/new/")
    assert response.status_code == 405
    assert Case.objects.count() == 0


def test_it_makes_a_long_url_safe_token(client):
    token = start_case(client).token
    assert len(token) >= 32
    assert re.fullmatch(r"[A-Za-z0-9_-]+", token)


def test_it_makes_unpredictable_tokens(client):
    tokens = {start_case(client).token for _ in range(5)}
    assert len(tokens) == 5
    assert not any(token.isdigit() for token in tokens)


def test_it_lists_the_new_case_on_the_start_page(client):
    case = start_case(client)
    html = client.get("/").content.decode()
    assert "你的案例" in html
    assert f'href="/c/{case.token}/"' in html
    assert "未填写的案例" in html


def test_it_lists_the_item_and_the_order_numbers_tail_once_answered(client):
    case = start_case(client)
    client.post(f"/c/{case.token}/order/", ORDER)
    html = client.get("/").content.decode()
    assert "洗衣机 · 订单尾号 7890" in html
    assert "未填写的案例" not in html


def test_it_does_not_list_a_case_to_another_browser(client):
    from django.test import Client

    case = start_case(client)
    other = Client()
    html = other.get("/").content.decode()
    assert "你的案例" not in html
    assert case.token not in html


def test_it_lists_a_case_opened_by_its_link_in_another_browser(client):
    from django.test import Client

    case = start_case(client)
    client.post(f"/c/{case.token}/order/", ORDER)
    other = Client()
    assert other.get(f"/c/{case.token}/problem/").status_code == 200
    response = other.post(f"/c/{case.token}/problem/", problem_data())
    assert response.status_code == 302
    assert case.token in other.get("/").content.decode()


def test_it_links_to_the_directory(client):
    assert 'href="/hotlines/"' in client.get("/").content.decode()


def test_it_opens_the_first_unanswered_step_from_the_case_link(client):
    case = start_case(client)
    client.post(f"/c/{case.token}/order/", ORDER)
    response = client.get(f"/c/{case.token}/")
    assert response.status_code == 302
    assert response.url == f"/c/{case.token}/problem/"


def test_it_removes_a_case_from_this_devices_list_but_keeps_the_case(client):
    from cases.models import Case

    client.post("/c/new/")
    case = Case.objects.get()
    response = client.post(f"/c/{case.token}/forget/")
    assert response.status_code == 302
    assert response.url == "/"
    assert f"/c/{case.token}/" not in client.get("/").content.decode()
    assert Case.objects.filter(pk=case.pk).exists()


def test_it_shows_only_the_tail_of_the_order_number_in_the_list(client):
    from cases.models import Case

    client.post("/c/new/")
    Case.objects.update(order_number="1234567890", item="洗衣机")
    html = client.get("/").content.decode()
    assert "订单尾号 7890" in html
    assert "1234567890" not in html


def test_it_tells_the_browser_to_drop_a_forgotten_cases_kept_thumbnails(client):
    client.post("/c/new/")
    response = client.post(f"/c/{Case.objects.get().token}/forget/")
    assert response["Clear-Site-Data"] == '"cache"'


def test_it_refuses_to_forget_by_get(client):
    from cases.models import Case

    client.post("/c/new/")
    assert client.get(f"/c/{Case.objects.get().token}/forget/").status_code == 405


@pytest.mark.parametrize(("language", "words"), [("zh-hans", "京东400"), ("en", "JD")])
def test_it_describes_itself_to_search_engines_in_the_shoppers_language(client, language, words):
    client.cookies["django_language"] = language
    description = meta_content(client.get("/").content.decode(), "description")
    assert description and words in description and len(description) >= 40
    if language == "en":
        assert not re.search(r"[\u4e00-\u9fff]", description)
