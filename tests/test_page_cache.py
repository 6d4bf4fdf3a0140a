"""Kept pages (jd400site/page_cache.py) are never another case's, another language's or
another moment's, and show exactly what a fresh rendering shows."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client

from jd400site import page_cache
from routing.hours import CHINA
from routing.models import Hotline, LegalWindow
from tests.factories import add_call, make_case

pytestmark = pytest.mark.django_db

MONDAY_BEFORE_CLOSING = datetime(2026, 11, 30, 21, 58, tzinfo=CHINA)
MONDAY_AFTER_CLOSING = datetime(2026, 11, 30, 22, 1, tzinfo=CHINA)
TOKEN = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+|("X-CSRFToken": ")[^"]+')


def card(client: Client, case) -> str:
    response = client.get(f"/c/{case.token}/card/")
    assert response.status_code == 200
    return response.content.decode()


def without_tokens(html: str) -> str:
    return TOKEN.sub(r"\1\2", html)


def test_it_shows_the_same_card_kept_as_freshly_rendered(client):
    case = make_case(evidence=2, contacts=("online_service", "shop_service"))
    add_call(case)
    case.touch()
    fresh = card(client, case)
    kept = card(client, case)
    cache.clear()
    again_fresh = card(client, case)
    assert without_tokens(kept) == without_tokens(fresh) == without_tokens(again_fresh)
    assert "123456" in kept and "JD20261127001" in kept and "<svg" in kept


def test_it_never_shows_another_cases_card(client):
    washer = make_case(order_number="111111", item="洗衣机")
    fridge = make_case(order_number="222222", item="冰箱")
    assert "111111" in card(client, washer)
    fridge_card = card(client, fridge)
    assert "222222" in fridge_card and "冰箱" in fridge_card
    assert "111111" not in fridge_card and "洗衣机" not in fridge_card
    assert "222222" not in card(client, washer)


def test_it_never_shows_a_card_in_the_other_language(client):
    case = make_case()
    chinese = card(client, case)
    client.cookies["django_language"] = "en"
    english = card(client, case)
    client.cookies["django_language"] = "zh-hans"
    chinese_again = card(client, case)
    assert "Hello, my order number is 123456." in english
    assert "Hello, my order number is 123456." not in chinese
    assert "Hello, my order number is 123456." not in chinese_again
    assert "通话卡片" in chinese_again


def test_it_says_closed_the_minute_the_line_closes(client):
    case = make_case()
    with time_machine.travel(MONDAY_BEFORE_CLOSING, tick=False):
        assert '<span class="tag tag--open">服务中</span>' in card(client, case)
    with time_machine.travel(MONDAY_AFTER_CLOSING, tick=False):
        closed = card(client, case)
    assert '<span class="tag tag--closed">非服务时间</span>' in closed
    assert "服务中" not in closed


def test_it_shows_the_directory_closed_the_minute_it_closes(client):
    with time_machine.travel(MONDAY_BEFORE_CLOSING, tick=False):
        assert "tag--closed" not in client.get("/hotlines/").content.decode()
    with time_machine.travel(MONDAY_AFTER_CLOSING, tick=False):
        assert "tag--closed" in client.get("/hotlines/").content.decode()


def test_it_shows_a_logged_call_on_the_next_view(client):
    case = make_case()
    assert "JD20261127001" not in card(client, case)
    client.post(
        f"/c/{case.token}/calls/new/",
        {
            "called_at": "2026-11-27T10:30",
            "hotline": Hotline.objects.get(key="self_operated").pk,
            "ticket_number": "JD20261127001",
            "promise": "",
            "promised_by": "",
            "agent_id": "",
        },
    )
    assert "JD20261127001" in card(client, case)


def test_it_shows_an_operators_correction_on_the_next_view(client):
    case = make_case()
    assert "400-606-5500" in card(client, case)
    Hotline.objects.filter(key="self_operated").update(number="400-606-5599")
    corrected = card(client, case)
    assert "400-606-5599" in corrected
    assert "400-606-5500" not in corrected
    assert "400-606-5599" in client.get("/hotlines/").content.decode()


def test_it_shows_an_operators_change_to_a_legal_window_on_the_next_view(client):
    case = make_case(received_on=date(2026, 12, 1), goods_kind="sanbao")
    with time_machine.travel(datetime(2026, 12, 6, 10, 0, tzinfo=CHINA), tick=False):
        assert "三包：15日内换货" in card(client, case)
        LegalWindow.objects.filter(key="sanbao_exchange").update(name="三包：十五日内换货")
        corrected = card(client, case)
        assert "三包：十五日内换货" in corrected
        assert "三包：15日内换货" not in corrected
        assert "三包：十五日内换货" in client.get(f"/c/{case.token}/want/").content.decode()


def test_it_shows_a_one_time_message_once(client):
    case = make_case()
    card(client, case)
    client.post(f"/c/{case.token}/forget/")  # "removed from this device", on the start page
    assert "已从这台设备的列表移除" in client.get("/").content.decode()
    assert "已从这台设备的列表移除" not in client.get("/").content.decode()


def test_it_gives_each_browser_its_own_csrf_token_on_a_kept_page():
    case = make_case()
    for _browser in range(2):
        browser = Client(enforce_csrf_checks=True)
        html = browser.get(f"/c/{case.token}/want/").content.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        response = browser.post(
            f"/c/{case.token}/want/",
            {"csrfmiddlewaretoken": token, "desired_outcome": "exchange", "deadline_days": "3"},
        )
        assert response.status_code == 302


def test_it_shows_the_start_page_list_in_the_state_of_the_day(client):
    case = make_case()
    add_call(case)  # promised by Monday 30 November
    case.touch()
    card(client, case)  # remembered by this browser
    # Five minutes apart (well within a kept page's life), on either side of midnight.
    with time_machine.travel(datetime(2026, 11, 30, 23, 58, tzinfo=CHINA), tick=False):
        before = client.get("/").content.decode()
    with time_machine.travel(datetime(2026, 12, 1, 0, 3, tzinfo=CHINA), tick=False):
        after = client.get("/").content.decode()
    assert "已超过承诺时间" not in before
    assert "已超过承诺时间" in after


def test_it_serves_the_card_while_the_cache_is_down(client, settings):
    case = make_case()
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }
    assert "123456" in card(client, case)


def test_it_keeps_one_copy_of_a_page_whatever_query_string_is_sent(client):
    # A flood of /hotlines/?x=1, ?x=2 … must not fill the cache with copies of one page.
    cache.clear()
    for n in range(5):
        assert client.get(f"/hotlines/?x={n}").status_code == 200
    assert len(cache._cache) == 1  # the local-memory cache's own store


def test_it_keeps_the_return_to_check_flag_apart(client):
    case = make_case()
    cache.clear()
    plain = client.get(f"/c/{case.token}/want/").content.decode()
    returning = client.get(f"/c/{case.token}/want/?return=check").content.decode()
    assert "保存并返回核对" in returning
    assert "保存并返回核对" not in plain


def test_it_names_the_static_files_release_in_the_fingerprint(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    (tmp_path / "staticfiles.json").write_text('{"paths": {"css/site.css": "css/site.1.css"}}')
    before = page_cache._fingerprint()
    (tmp_path / "staticfiles.json").write_text('{"paths": {"css/site.css": "css/site.2.css"}}')
    assert page_cache._fingerprint() != before


def test_it_sends_pages_gzipped_to_a_browser_that_accepts_it(client):
    import gzip

    case = make_case(evidence=1)
    page = client.get(f"/c/{case.token}/card/", headers={"accept-encoding": "gzip, br"})
    assert page["Content-Encoding"] == "gzip"
    assert "123456" in gzip.decompress(page.content).decode()
    assert "Accept-Encoding" in page["Vary"]
    thumbnail = client.get(
        f"/c/{case.token}/evidence/{case.evidence.get().pk}/thumbnail/",
        headers={"accept-encoding": "gzip, br"},
    )
    assert not thumbnail.has_header("Content-Encoding")  # a JPEG is compressed already
