"""Closing a case: /c/<token>/close/ — resolved, given up, or reopened."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest
import time_machine
from django.utils import timezone

from cases.models import Call, Case
from routing.hours import CHINA
from routing.models import Hotline
from tests.factories import make_case
from tests.html import error_message, link

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 12, 5, 10, 0, tzinfo=CHINA)


def close_url(case: Case) -> str:
    return f"/c/{case.token}/close/"


def shown_status(client, case: Case) -> str:
    html = client.get(f"/c/{case.token}/card/").content.decode()
    match = re.search(r'id="case-status">([^<]*)</span>', html)
    assert match
    return match.group(1)


def overdue_case() -> Case:
    case = make_case()
    Call.objects.create(
        case=case,
        called_at=datetime(2026, 11, 27, 10, 30, tzinfo=CHINA),
        hotline=Hotline.objects.get(key="self_operated"),
        ticket_number="JD1",
        promised_by=date(2026, 11, 30),
    )
    return case


def test_it_shows_the_choices(client):
    response = client.get(close_url(make_case()))
    assert response.status_code == 200
    html = response.content.decode()
    assert "已经解决了" in html
    assert "不再跟进了（放弃）" in html
    assert "还没解决，继续跟进" in html


@time_machine.travel(NOW, tick=False)
def test_it_marks_the_case_resolved(client):
    case = make_case()
    response = client.post(close_url(case), {"outcome": "resolved", "closing_note": "已换新机"})
    assert response.status_code == 302
    assert response["Location"] == f"/c/{case.token}/card/"
    case.refresh_from_db()
    assert case.resolved_at == NOW
    assert case.given_up_at is None
    assert case.closing_note == "已换新机"


@time_machine.travel(NOW, tick=False)
def test_it_shows_resolved_on_the_card(client):
    case = overdue_case()
    client.post(close_url(case), {"outcome": "resolved"})
    assert shown_status(client, case) == "已解决"


@time_machine.travel(NOW, tick=False)
def test_it_marks_the_case_given_up(client):
    case = make_case()
    client.post(close_url(case), {"outcome": "given_up"})
    case.refresh_from_db()
    assert case.given_up_at == NOW
    assert case.resolved_at is None


@time_machine.travel(NOW, tick=False)
def test_it_shows_given_up_on_the_card(client):
    case = overdue_case()
    client.post(close_url(case), {"outcome": "given_up"})
    assert shown_status(client, case) == "已放弃"


@time_machine.travel(NOW, tick=False)
def test_it_points_a_given_up_case_to_12315(client):
    case = make_case()
    client.post(close_url(case), {"outcome": "given_up"})
    html = client.get(f"/c/{case.token}/card/").content.decode()
    assert link(html, "按12315投诉表整理好的内容") == {"href": f"/c/{case.token}/12315/"}


@time_machine.travel(NOW, tick=False)
def test_it_does_not_point_a_resolved_case_to_12315(client):
    case = overdue_case()
    client.post(close_url(case), {"outcome": "resolved"})
    html = client.get(f"/c/{case.token}/card/").content.decode()
    assert f"/c/{case.token}/12315/" not in html


@time_machine.travel(NOW, tick=False)
def test_it_reopens_a_resolved_case(client):
    case = overdue_case()
    client.post(close_url(case), {"outcome": "resolved"})
    client.post(close_url(case), {"outcome": "reopen"})
    case.refresh_from_db()
    assert (case.resolved_at, case.given_up_at) == (None, None)
    assert shown_status(client, case) == "已超过承诺时间"


@time_machine.travel(NOW, tick=False)
def test_it_reopens_a_given_up_case(client):
    case = make_case()
    client.post(close_url(case), {"outcome": "given_up"})
    client.post(close_url(case), {"outcome": "reopen"})
    case.refresh_from_db()
    assert (case.resolved_at, case.given_up_at) == (None, None)
    assert shown_status(client, case) == "已准备，未致电"


@time_machine.travel(NOW, tick=False)
def test_it_clears_given_up_when_resolved(client):
    case = make_case(given_up_at=timezone.now())
    client.post(close_url(case), {"outcome": "resolved"})
    case.refresh_from_db()
    assert case.given_up_at is None
    assert case.resolved_at == NOW


def test_it_offers_the_saved_note_again(client):
    case = make_case(closing_note="退款已到账")
    assert 'value="退款已到账"' in client.get(close_url(case)).content.decode()


def test_it_asks_for_a_choice(client):
    case = make_case()
    response = client.post(close_url(case), {"outcome": ""})
    assert response.status_code == 200
    assert error_message(response.content.decode(), "id_outcome") == "错误：请选择一项。"
    case.refresh_from_db()
    assert (case.resolved_at, case.given_up_at) == (None, None)


def test_it_refuses_an_unknown_choice(client):
    case = make_case()
    response = client.post(close_url(case), {"outcome": "deleted"})
    assert response.status_code == 200
    case.refresh_from_db()
    assert (case.resolved_at, case.given_up_at) == (None, None)


def test_it_rejects_other_methods(client):
    assert client.put(close_url(make_case())).status_code == 405


def test_it_refuses_an_unknown_case(client):
    assert client.get("/c/not-a-real-token-0123456789abcdef/close/").status_code == 404
