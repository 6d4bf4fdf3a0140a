"""Abuse limits per client address (jd400site/limits.py) through real URLs: the N+1th
request in a window gets a 429 page in the shopper's language that says when to try
again and keeps what they typed; nothing is saved."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from cases.models import Call, Case
from jd400site.limits import client_address
from tests import evidence_images as images
from tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight(settings):
    settings.RATE_LIMITS = {
        "create_case": "3/m",
        "upload": "2/m",
        "save_step": "2/m",
        "call_log": "2/m",
        "admin_login": "3/m",
    }
    return settings


def test_it_refuses_the_case_after_the_configured_number_in_a_minute(client, tight):
    for _ in range(3):
        assert client.post("/c/new/").status_code == 302
    response = client.post("/c/new/")
    assert response.status_code == 429
    assert Case.objects.count() == 3
    html = response.content.decode()
    assert "操作太频繁，这一次没有完成" in html
    seconds = int(response.headers["Retry-After"])
    assert 1 <= seconds <= 120
    assert f"请在 {seconds} 秒后" in html


def test_it_says_so_in_english_to_an_english_shopper(client, tight):
    client.cookies["django_language"] = "en"
    for _ in range(3):
        client.post("/c/new/")
    response = client.post("/c/new/")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many attempts" in html
    assert "操作太频繁" not in html


def test_it_counts_each_client_address_on_its_own(tight):
    first = Client(REMOTE_ADDR="203.0.113.1")
    second = Client(REMOTE_ADDR="203.0.113.2")
    for _ in range(3):
        first.post("/c/new/")
    assert first.post("/c/new/").status_code == 429
    assert second.post("/c/new/").status_code == 302


def test_it_keeps_the_typed_step_when_saves_come_too_fast(client, tight):
    case = make_case(None)
    url = f"/c/{case.token}/order/"
    for _ in range(2):
        client.post(url, {"order_number": "", "purchase_kind": "", "item": ""})
    response = client.post(
        url, {"order_number": "987654321", "purchase_kind": "third_party", "item": "电饭煲"}
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert 'value="987654321"' in html
    assert "电饭煲" in html
    assert "你填写的内容都还在下面" in html
    case.refresh_from_db()
    assert case.order_number == ""


def test_it_keeps_the_caption_when_uploads_come_too_fast(client, tight):
    case = make_case("want")
    url = f"/c/{case.token}/evidence/upload/"
    for _ in range(2):
        client.post(url, {"files": [images.upload(images.png_bytes())], "kind": "other"})
    response = client.post(
        url,
        {
            "files": [images.upload(images.png_bytes())],
            "kind": "chat_record",
            "caption": "客服不回复的截图",
        },
    )
    assert response.status_code == 429
    assert "客服不回复的截图" in response.content.decode()
    assert case.evidence.count() == 2


def test_it_keeps_a_call_log_entry_when_posts_come_too_fast(client, tight):
    case = make_case()
    url = f"/c/{case.token}/calls/new/"
    for _ in range(2):
        client.post(url, {})
    response = client.post(url, {"agent_id": "8848", "ticket_number": "T123456"})
    assert response.status_code == 429
    assert 'value="8848"' in response.content.decode()
    assert Call.objects.count() == 0


def test_it_throttles_admin_login_attempts(client, tight):
    for _ in range(3):
        response = client.post("/admin/login/", {"username": "admin", "password": "guess"})
        assert response.status_code == 200
    response = client.post("/admin/login/", {"username": "admin", "password": "guess"})
    assert response.status_code == 429
    assert "操作太频繁" in response.content.decode()
    assert client.get("/admin/login/").status_code == 200


def test_it_limits_stored_bytes_per_client_and_day(client, settings):
    settings.EVIDENCE_MAX_BYTES_PER_CLIENT_PER_DAY = 1
    case = make_case("want")
    url = f"/c/{case.token}/evidence/upload/"
    client.post(url, {"files": [images.upload(images.png_bytes())], "kind": "other"})
    response = client.post(url, {"files": [images.upload(images.png_bytes())], "kind": "other"})
    assert response.status_code == 429
    assert re.search(r"北京时间 00:00:0\d 之后", response.content.decode())
    assert case.evidence.count() == 1


def _request(**meta):
    from django.test import RequestFactory

    return RequestFactory().get("/", **meta)


def test_it_ignores_forwarded_for_unless_a_proxy_is_trusted(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    request = _request(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.1"


def test_it_takes_the_address_the_trusted_proxy_saw(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client wrote "6.6.6.6" itself; the proxy appended the address it saw.
    request = _request(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7")
    assert client_address(request) == "198.51.100.7"


def test_it_counts_an_ipv6_client_by_its_slash_64():
    first = _request(REMOTE_ADDR="2001:db8:1:2::1")
    second = _request(REMOTE_ADDR="2001:db8:1:2:ffff::9")
    assert client_address(first) == client_address(second) == "2001:db8:1:2::/64"


def test_it_refuses_every_attempt_over_the_limit_until_the_minute_turns(client, tight):
    import time_machine

    # A fixed window per minute: a refused attempt spends nothing more, and the next
    # minute starts afresh (at the edge up to twice the limit may pass, harmless here).
    with time_machine.travel(1_800_000_000.0, tick=False) as clock:
        for _ in range(3):
            assert client.post("/c/new/").status_code == 302
        for seconds in (1, 30, 28):
            clock.shift(seconds)
            assert client.post("/c/new/").status_code == 429
        clock.shift(1)
        assert client.post("/c/new/").status_code == 302
    assert Case.objects.count() == 4


def test_it_lets_the_shopper_in_again_after_the_time_it_said(client, tight):
    import time_machine

    with time_machine.travel(1_800_000_010.0, tick=False) as clock:
        for _ in range(3):
            client.post("/c/new/")
        refused = client.post("/c/new/")
        assert refused.status_code == 429
        clock.shift(int(refused.headers["Retry-After"]))
        assert client.post("/c/new/").status_code == 302


def test_it_lets_shoppers_through_while_the_cache_is_down(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    assert client.post("/c/new/").status_code == 302
    case = make_case("want")
    response = client.post(
        f"/c/{case.token}/evidence/upload/",
        {"files": [images.upload(images.png_bytes())], "kind": "other"},
    )
    assert response.status_code == 302
    assert case.evidence.count() == 1
