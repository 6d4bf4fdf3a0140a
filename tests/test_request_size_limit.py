from __future__ import annotations

import pytest
from django.test import override_settings

from cases.models import Evidence
from tests.factories import make_case

pytestmark = pytest.mark.django_db


@override_settings(MAX_REQUEST_BYTES=1000)
def test_it_refuses_a_body_declared_larger_than_the_cap_before_reading_it(client):
    case = make_case()
    response = client.post(
        f"/c/{case.token}/evidence/upload/",
        data=b"x" * 2000,
        content_type="application/octet-stream",
        HTTP_REFERER=f"http://testserver/c/{case.token}/evidence/",
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "一次上传的内容太大" in html
    assert f'href="/c/{case.token}/evidence/"' in html
    assert not Evidence.objects.exists()


@override_settings(MAX_REQUEST_BYTES=1000)
def test_it_sends_a_foreign_referer_home(client):
    response = client.post(
        "/c/new/",
        data=b"x" * 2000,
        content_type="application/octet-stream",
        HTTP_REFERER="https://evil.example/phish",
    )
    assert response.status_code == 413
    assert 'href="/"' in response.content.decode()


def test_it_lets_a_normal_request_through(client):
    assert client.post("/c/new/").status_code == 302


@override_settings(MAX_REQUEST_BYTES=1000)
def test_it_never_links_back_off_site_through_a_double_slash_path(client):
    # Same host, but "//evil.example/phish" is a link to another site.
    response = client.post(
        "/c/new/",
        data=b"x" * 2000,
        content_type="application/octet-stream",
        HTTP_REFERER="http://testserver//evil.example/phish",
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert "evil.example" not in html
    assert 'href="/"' in html
