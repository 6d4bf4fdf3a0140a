from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_it_explains_an_expired_form_in_the_shoppers_language():
    client = Client(enforce_csrf_checks=True)
    case = make_case()
    response = client.post(f"/c/{case.token}/calls/new/", {})
    assert response.status_code == 403
    html = response.content.decode()
    assert "页面已过期" in html
    # A whole page with #main: htmx swaps it in like any other page.
    assert '<main id="main"' in html


def test_it_gives_a_404_page_htmx_can_swap_in(client):
    response = client.get("/c/no-such-case/", HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    assert '<main id="main"' in response.content.decode()


# --- Every error page: the shopper's language, a #main htmx can swap, no Django English --


def _many_files(count: int) -> list:
    from tests import evidence_images as images

    return [images.upload(images.png_bytes(), f"s{i}.png") for i in range(count)]


@pytest.mark.parametrize("count", [21, 101])
def test_it_says_too_many_files_at_once_with_the_limit(client, count):
    case = make_case("want")
    response = client.post(
        f"/c/{case.token}/evidence/upload/",
        {"files": _many_files(count), "kind": "other"},
        HTTP_REFERER=f"http://testserver/c/{case.token}/evidence/",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bad Request" not in html
    assert "一次选择的文件太多" in html
    assert "一次最多上传 20 个文件" in html
    assert f'href="/c/{case.token}/evidence/"' in html
    assert '<main id="main"' in html
    assert case.evidence.count() == 0


def test_it_says_too_many_files_in_english_too(client):
    client.cookies["django_language"] = "en"
    case = make_case("want")
    response = client.post(
        f"/c/{case.token}/evidence/upload/", {"files": _many_files(21), "kind": "other"}
    )
    html = response.content.decode()
    assert "Too many files at once" in html
    assert "一次" not in html


def test_it_answers_a_malformed_request_in_the_shoppers_language(client):
    case = make_case(None)
    response = client.post(
        f"/c/{case.token}/order/",
        data=b"--x\r\nbroken",
        content_type="multipart/form-data; boundary=",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bad Request" not in html
    assert "请求无法处理" in html


@pytest.mark.urls("tests.error_urls")
def test_it_shows_a_500_page_in_english_to_an_english_shopper(settings):
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = "en"
    response = client.get("/fails/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Something went wrong" in html
    assert '<main id="main"' in html
    assert "出错了" not in html


@pytest.mark.urls("tests.error_urls")
def test_it_shows_a_500_page_in_chinese_by_default():
    response = Client(raise_request_exception=False).get("/fails/")
    assert response.status_code == 500
    assert "出错了" in response.content.decode()


@pytest.mark.urls("tests.error_urls")
def test_it_shows_a_403_page_htmx_can_swap_in(client):
    response = client.get("/forbidden/", HTTP_HX_REQUEST="true")
    assert response.status_code == 403
    html = response.content.decode()
    assert "不能打开这个页面" in html
    assert '<main id="main"' in html
    assert "<!doctype" not in html.lower()  # the htmx frame, not the whole page


def test_it_gives_the_404_page_in_english(client):
    client.cookies["django_language"] = "en"
    response = client.get("/c/no-such-case/")
    assert response.status_code == 404
    assert "找不到页面" not in response.content.decode()
