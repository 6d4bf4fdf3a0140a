"""The case's status, derived from its calls and its closing (cases/status.py), on its own
and as the card and the start page show it."""

from __future__ import annotations

import html as html_lib
import re
from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from cases.models import Call, Case
from cases.status import Status, status_of
from routing.hours import CHINA, china_today
from routing.models import Hotline
from tests.factories import make_case

pytestmark = pytest.mark.django_db

PROMISED_BY = date(2026, 11, 30)
# 30 Nov, 23:59 in Beijing: the promise "by 30 Nov" still holds.
LAST_MINUTE = datetime(2026, 11, 30, 15, 59, tzinfo=UTC)
# 1 Dec, 00:30 in Beijing, though still 30 Nov in UTC: the promise was missed.
PAST_MIDNIGHT = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)
# Ticket first, then the order (issue 10, item 13: the overdue card says to give the ticket).
FOLLOW_UP = (
    "您好，我的处理单号是JD20261127001，订单号是123456，之前来电反映过这个问题，"
    "当时承诺11月30日前安排上门检测，目前仍未解决，希望安排售后上门检测维修，请帮我加急处理。"
)


def add_call(case: Case, called_at: datetime | None = None, **fields) -> Call:
    fields.setdefault("hotline", Hotline.objects.get(key="self_operated"))
    return Call.objects.create(
        case=case,
        called_at=called_at or datetime(2026, 11, 27, 10, 30, tzinfo=CHINA),
        **fields,
    )


def status(case: Case, today: date) -> Status:
    return status_of(case, list(case.calls.all()), today).code


def card_html(client, case: Case) -> str:
    response = client.get(f"/c/{case.token}/card/")
    assert response.status_code == 200
    return response.content.decode()


def shown_status(html: str) -> str:
    match = re.search(r'<span class="tag tag--(\w+)" id="case-status">([^<]*)</span>', html)
    assert match, "no status on the card"
    return match.group(2)


def script_text(html: str) -> str:
    match = re.search(r'<p class="script" id="script-text" lang="zh-Hans">(.*?)</p>', html, re.S)
    assert match, "no script on the card"
    return html_lib.unescape(match.group(1))


def overdue_case() -> Case:
    case = make_case()
    add_call(case, ticket_number="JD20261127001", promise="安排上门检测", promised_by=PROMISED_BY)
    return case


# ----- The rule, on its own -----


def test_it_is_waiting_on_the_promised_day():
    case = make_case()
    add_call(case, promised_by=PROMISED_BY)
    assert status(case, PROMISED_BY) == Status.WAITING


def test_it_is_overdue_the_day_after_the_promised_day():
    case = make_case()
    add_call(case, promised_by=PROMISED_BY)
    assert status(case, PROMISED_BY + timedelta(days=1)) == Status.OVERDUE


def test_it_is_waiting_the_day_before_the_promised_day():
    case = make_case()
    add_call(case, promised_by=PROMISED_BY)
    assert status(case, PROMISED_BY - timedelta(days=1)) == Status.WAITING


def test_it_is_overdue_half_past_midnight_in_china_while_utc_is_still_on_the_promised_day():
    case = make_case()
    add_call(case, promised_by=PROMISED_BY)
    assert status(case, china_today(PAST_MIDNIGHT)) == Status.OVERDUE


def test_it_is_waiting_at_one_minute_to_midnight_in_china():
    case = make_case()
    add_call(case, promised_by=PROMISED_BY)
    assert status(case, china_today(LAST_MINUTE)) == Status.WAITING


def test_it_is_prepared_when_the_card_is_ready_and_nobody_called():
    assert status(make_case(), PROMISED_BY) == Status.PREPARED


def test_it_is_a_draft_while_the_wizard_is_unfinished():
    assert status(make_case("want"), PROMISED_BY) == Status.DRAFT


def test_it_is_waiting_after_a_call_without_a_promise():
    case = make_case()
    add_call(case, ticket_number="JD1")
    assert status(case, PROMISED_BY + timedelta(days=30)) == Status.WAITING


def test_it_is_resolved_when_the_shopper_says_so_even_past_the_promise():
    case = make_case(resolved_at=timezone.now())
    add_call(case, promised_by=PROMISED_BY)
    assert status(case, PROMISED_BY + timedelta(days=5)) == Status.RESOLVED


def test_it_is_given_up_when_the_shopper_says_so_even_past_the_promise():
    case = make_case(given_up_at=timezone.now())
    add_call(case, promised_by=PROMISED_BY)
    assert status(case, PROMISED_BY + timedelta(days=5)) == Status.GIVEN_UP


def test_it_is_waiting_again_after_a_later_call_with_a_new_promise():
    case = make_case()
    add_call(case, datetime(2026, 11, 20, 10, 0, tzinfo=CHINA), promised_by=date(2026, 11, 25))
    add_call(case, datetime(2026, 11, 27, 10, 0, tzinfo=CHINA), promised_by=date(2026, 12, 3))
    assert status(case, date(2026, 11, 28)) == Status.WAITING


def test_it_goes_by_the_latest_call_not_the_latest_entry():
    case = make_case()
    add_call(case, datetime(2026, 11, 27, 10, 0, tzinfo=CHINA), promised_by=date(2026, 12, 3))
    # Logged afterwards, but the call itself was earlier: its old promise no longer counts.
    add_call(case, datetime(2026, 11, 20, 10, 0, tzinfo=CHINA), promised_by=date(2026, 11, 25))
    assert status(case, date(2026, 11, 28)) == Status.WAITING


# ----- On the card -----


@time_machine.travel(datetime(2026, 11, 30, 10, 0, tzinfo=CHINA), tick=False)
def test_it_shows_waiting_on_the_card_on_the_promised_day(client):
    assert shown_status(card_html(client, overdue_case())) == "已致电，等待处理"


@time_machine.travel(datetime(2026, 12, 1, 10, 0, tzinfo=CHINA), tick=False)
def test_it_shows_overdue_on_the_card_the_day_after(client):
    assert shown_status(card_html(client, overdue_case())) == "已超过承诺时间"


@time_machine.travel(datetime(2026, 11, 29, 10, 0, tzinfo=CHINA), tick=False)
def test_it_shows_waiting_on_the_card_the_day_before(client):
    assert shown_status(card_html(client, overdue_case())) == "已致电，等待处理"


@time_machine.travel(PAST_MIDNIGHT, tick=False)
def test_it_shows_overdue_on_the_card_after_midnight_china_time(client):
    assert shown_status(card_html(client, overdue_case())) == "已超过承诺时间"


@time_machine.travel(LAST_MINUTE, tick=False)
def test_it_shows_waiting_on_the_card_at_one_minute_to_midnight_china_time(client):
    assert shown_status(card_html(client, overdue_case())) == "已致电，等待处理"


def test_it_shows_prepared_on_the_card_before_any_call(client):
    assert shown_status(card_html(client, make_case())) == "已准备，未致电"


@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=CHINA), tick=False)
def test_it_shows_waiting_on_the_card_after_a_call_without_a_promise(client):
    case = make_case()
    add_call(case, ticket_number="JD1")
    assert shown_status(card_html(client, case)) == "已致电，等待处理"


@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=CHINA), tick=False)
def test_it_shows_resolved_on_the_card_even_past_the_promise(client):
    case = overdue_case()
    Case.objects.filter(pk=case.pk).update(resolved_at=timezone.now())
    assert shown_status(card_html(client, case)) == "已解决"


@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=CHINA), tick=False)
def test_it_shows_given_up_on_the_card_even_past_the_promise(client):
    case = overdue_case()
    Case.objects.filter(pk=case.pk).update(given_up_at=timezone.now())
    assert shown_status(card_html(client, case)) == "已放弃"


@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=CHINA), tick=False)
def test_it_shows_waiting_on_the_card_after_a_new_promise(client):
    case = overdue_case()
    add_call(case, datetime(2026, 12, 5, 9, 45, tzinfo=CHINA), promised_by=date(2026, 12, 8))
    html = card_html(client, case)
    assert shown_status(html) == "已致电，等待处理"
    assert "承诺12月8日（周二）前解决" in html


# ----- What to do when the promise was missed -----


@time_machine.travel(datetime(2026, 12, 1, 10, 0, tzinfo=CHINA), tick=False)
def test_it_gives_the_follow_up_script_when_overdue(client):
    html = card_html(client, overdue_case())
    assert script_text(html) == FOLLOW_UP
    assert "跟进通话稿" in html


@time_machine.travel(datetime(2026, 11, 30, 10, 0, tzinfo=CHINA), tick=False)
def test_it_keeps_the_first_script_while_waiting(client):
    html = card_html(client, overdue_case())
    assert script_text(html).startswith("您好，我的订单号是123456")
    assert "跟进通话稿" not in html


@time_machine.travel(datetime(2026, 12, 1, 10, 0, tzinfo=CHINA), tick=False)
def test_it_says_what_to_do_next_when_overdue(client):
    case = overdue_case()
    html = card_html(client, case)
    notice = re.search(r'<div class="notice notice--warning card__overdue">(.*?)</div>', html, re.S)
    assert notice
    assert "承诺的时间已过，仍未解决" in notice.group(1)
    assert "开头报处理单号" in notice.group(1)
    assert f'href="/c/{case.token}/12315/"' in notice.group(1)


@time_machine.travel(datetime(2026, 11, 30, 10, 0, tzinfo=CHINA), tick=False)
def test_it_shows_no_overdue_notice_while_waiting(client):
    case = overdue_case()
    html = card_html(client, case)
    assert "card__overdue" not in html
    assert "承诺的时间已过" not in html


# ----- The start page -----


def statuses_on_start_page(client) -> list[str]:
    html = client.get("/").content.decode()
    listing = re.search(r'<ul class="case-list">(.*?)</ul>', html, re.S)
    assert listing, "no case list on the start page"
    return re.findall(r'<span class="tag tag--\w+">([^<]*)</span>', listing.group(1))


@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=CHINA), tick=False)
def test_it_lists_my_cases_overdue_first(client):
    overdue = overdue_case()
    waiting = make_case(order_number="222222")
    add_call(waiting, promised_by=date(2026, 12, 9))
    prepared = make_case(order_number="333333")
    resolved = make_case(order_number="444444", resolved_at=timezone.now())
    given_up = make_case(order_number="555555", given_up_at=timezone.now())
    # The card view remembers each case in this browser's list; the overdue one is opened first,
    # so it is the oldest memory and still comes first.
    for case in (overdue, given_up, resolved, prepared, waiting):
        card_html(client, case)
    client.post("/c/new/")  # a draft, remembered last
    assert statuses_on_start_page(client) == [
        "已超过承诺时间",
        "已致电，等待处理",
        "已准备，未致电",
        "填写中",
        "已解决",
        "已放弃",
    ]


@time_machine.travel(datetime(2026, 12, 5, 10, 0, tzinfo=CHINA), tick=False)
def test_it_shows_the_missed_promise_on_the_start_page(client):
    card_html(client, overdue_case())
    html = client.get("/").content.decode()
    assert "承诺11月30日（周一）前解决" in html


def test_it_lists_no_cases_for_a_new_visitor(client):
    make_case()
    assert "你的案例" not in client.get("/").content.decode()


def test_it_says_today_for_a_promise_due_today():
    case = make_case()
    add_call(case, promised_by=PROMISED_BY)
    shown = status_of(case, list(case.calls.all()), PROMISED_BY)
    assert shown.promise_text == "承诺今天（11月30日）前解决"


def test_it_says_an_overdue_promise_has_passed_without_an_iso_date():
    case = overdue_case()
    shown = status_of(case, list(case.calls.all()), date(2026, 12, 2))
    assert shown.promise_text == "承诺11月30日（周一）前解决"
