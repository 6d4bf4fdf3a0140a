from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine

from routing.hours import CHINA
from tests.html import meta_content, page_language

pytestmark = pytest.mark.django_db

NUMBERS = {
    "self_operated": "4006065500",
    "third_party": "4006165500",
    "plus": "4000260598",
    "enterprise": "4000266188",
    "general": "950618",
}


def entry(html: str, key: str) -> str:
    """The HTML of one line's entry in the directory."""
    match = re.search(rf'<li class="hotline" id="line-{key}">(.*?)</li>', html, re.S)
    assert match, f"no entry for {key}"
    return match.group(1)


def get_directory(client, **extra):
    response = client.get("/hotlines/", **extra)
    assert response.status_code == 200
    return response.content.decode()


def test_it_shows_the_directory(client):
    response = client.get("/hotlines/")
    assert response.status_code == 200
    assert "routing/directory.html" in [t.name for t in response.templates]


@pytest.mark.parametrize(("key", "dial"), NUMBERS.items())
def test_it_links_every_number_for_dialling(client, key, dial):
    assert f'href="tel:{dial}"' in entry(get_directory(client), key)


def test_it_shows_the_numbers_as_written(client):
    html = get_directory(client)
    for number in ("400-606-5500", "400-616-5500", "400-026-0598", "400-026-6188", "950618"):
        assert f">{number}</a>" in html


@pytest.mark.parametrize("key", ["plus", "enterprise"])
def test_it_says_hours_are_not_published(client, key):
    assert "未公布服务时间" in entry(get_directory(client), key)


@pytest.mark.parametrize("key", ["self_operated", "third_party"])
def test_it_shows_nine_to_ten(client, key):
    assert "09:00–22:00（北京时间）" in entry(get_directory(client), key)


def test_it_shows_the_general_line_as_24_hours(client):
    assert "24 小时" in entry(get_directory(client), "general")


def test_it_shows_the_source_and_confidence(client):
    html = entry(get_directory(client), "third_party")
    assert "攻略文章《京东400全攻略》" in html
    assert "仅见于攻略文章" in html


def test_it_shows_the_last_checked_date(client):
    for key in NUMBERS:
        assert "最后核对：11月28日（周六）" in entry(get_directory(client), key)


def test_it_asks_to_confirm_on_jd(client):
    assert "拨打前请在京东官网" in get_directory(client)


def test_it_leaves_out_an_inactive_line(client):
    from routing.models import Hotline

    Hotline.objects.filter(key="plus").update(active=False)
    html = get_directory(client)
    assert 'id="line-plus"' not in html
    assert "tel:4000260598" not in html


@time_machine.travel(datetime(2026, 12, 1, 10, 0, tzinfo=CHINA), tick=False)
def test_it_shows_the_self_operated_line_open_at_ten(client):
    html = entry(get_directory(client), "self_operated")
    assert "服务中" in html
    assert "非服务时间" not in html


@time_machine.travel(datetime(2026, 12, 1, 23, 0, tzinfo=CHINA), tick=False)
def test_it_shows_the_self_operated_line_closed_at_eleven_at_night(client):
    html = entry(get_directory(client), "self_operated")
    assert "非服务时间" in html
    assert "服务中" not in html


@time_machine.travel(datetime(2026, 12, 1, 23, 0, tzinfo=CHINA), tick=False)
def test_it_shows_the_next_opening_of_a_closed_line(client):
    assert '下次开始服务：<span class="nowrap">12月2日（周三）09:00</span>' in entry(
        get_directory(client), "self_operated"
    )


@time_machine.travel(datetime(2026, 12, 1, 14, 30, tzinfo=UTC), tick=False)
def test_it_uses_china_time_not_utc(client):
    # 14:30 UTC would be open; it is 22:30 in China, after closing.
    assert "非服务时间" in entry(get_directory(client), "self_operated")


@time_machine.travel(datetime(2026, 12, 1, 3, 0, tzinfo=CHINA), tick=False)
def test_it_shows_the_general_line_open_at_three_in_the_morning(client):
    assert "服务中" in entry(get_directory(client), "general")


@time_machine.travel(datetime(2026, 12, 1, 10, 0, tzinfo=CHINA), tick=False)
def test_it_is_unsure_whether_a_line_without_hours_is_open(client):
    html = entry(get_directory(client), "plus")
    assert "不确定是否在服务" in html
    assert "服务中" not in html


def test_it_renders_in_english_with_the_language_cookie(client):
    client.cookies["django_language"] = "en"
    response = client.get("/hotlines/")
    assert response.status_code == 200
    assert page_language(response.content.decode()) == "en"


def test_it_shows_the_lines_and_their_sources_in_english(client):
    client.cookies["django_language"] = "en"
    html = get_directory(client)
    assert "Third-party shop service line" in html
    assert "not confirmed anywhere else" in html
    assert "未在其他地方得到证实" not in html


def test_it_renders_in_english_after_switching_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/hotlines/"})
    assert response.status_code == 302
    assert response.url == "/hotlines/"
    response = client.get("/hotlines/")
    assert response.status_code == 200
    assert page_language(response.content.decode()) == "en"


def test_it_renders_in_chinese_by_default(client):
    assert page_language(get_directory(client)) == "zh-Hans"


def test_it_stays_chinese_for_a_browser_set_to_english(client):
    # The shopper's choice in the header counts, not the browser's Accept-Language.
    assert page_language(get_directory(client, HTTP_ACCEPT_LANGUAGE="en")) == "zh-Hans"


def test_it_returns_only_the_main_part_to_htmx(client):
    html = get_directory(client, HTTP_HX_REQUEST="true")
    assert '<main id="main"' in html
    assert '<header class="site-header">' not in html


@pytest.mark.parametrize(("language", "words"), [("zh-hans", "京东400热线"), ("en", "JD")])
def test_it_describes_the_directory_to_search_engines_in_the_shoppers_language(
    client, language, words
):
    client.cookies["django_language"] = language
    description = meta_content(client.get("/hotlines/").content.decode(), "description")
    assert description and words in description and len(description) >= 40
    if language == "en":
        assert not re.search(r"[\u4e00-\u9fff]", description)
