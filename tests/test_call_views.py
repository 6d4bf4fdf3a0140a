"""The call log: /c/<token>/calls/new/, /c/<token>/calls/<id>/, /c/<token>/calls/<id>/delete/."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from cases import views
from cases.models import Call, Case
from routing.hours import CHINA
from routing.models import Hotline
from tests.factories import make_case
from tests.html import error_message, form_values, text

pytestmark = pytest.mark.django_db

# A Friday morning in Beijing: the tests that fix the clock are not at the mercy of midnight.
NOW = datetime(2026, 11, 27, 10, 0, tzinfo=CHINA)


def new_url(case: Case) -> str:
    return f"/c/{case.token}/calls/new/"


def edit_url(case: Case, call: Call) -> str:
    return f"/c/{case.token}/calls/{call.pk}/"


def delete_url(case: Case, call: Call) -> str:
    return f"/c/{case.token}/calls/{call.pk}/delete/"


def hotline(key: str = "self_operated") -> Hotline:
    return Hotline.objects.get(key=key)


def call_data(**overrides: str) -> dict[str, str]:
    """The call form as a phone posts it, for a call made just now."""
    return {
        "called_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "hotline": str(hotline().pk),
        "agent_id": "10086",
        "ticket_number": "JD20261127001",
        "promise": "安排上门检测",
        "promised_by": (timezone.localdate() + timedelta(days=3)).isoformat(),
        **overrides,
    }


def add_call(case: Case, **fields) -> Call:
    values = {
        "called_at": NOW - timedelta(hours=1),
        "hotline": hotline(),
        "ticket_number": "JD1",
        "promise": "安排上门检测",
        "promised_by": date(2026, 11, 30),
        **fields,
    }
    return Call.objects.create(case=case, **values)


def post_new(client, case: Case, **overrides: str):
    return client.post(new_url(case), call_data(**overrides))


# ----- Logging a call -----


def test_it_shows_the_call_form(client):
    response = client.get(new_url(make_case()))
    assert response.status_code == 200
    assert "cases/call_form.html" in [t.name for t in response.templates]


@time_machine.travel(NOW, tick=False)
def test_it_offers_now_in_china_time_as_the_call_time(client):
    html = client.get(new_url(make_case())).content.decode()
    assert form_values(html)["called_at"] == "2026-11-27T10:00"


def test_it_offers_the_routed_line(client):
    case = make_case(purchase_kind="third_party", problem="shop_not_shipping")
    response = client.get(new_url(case))
    assert response.context["form"]["hotline"].value() == hotline("third_party").pk


def test_it_saves_a_call(client):
    case = make_case()
    post_new(client, case)
    call = Call.objects.get(case=case)
    assert call.hotline == hotline()
    assert call.agent_id == "10086"
    assert call.ticket_number == "JD20261127001"
    assert call.promise == "安排上门检测"
    assert call.promised_by == timezone.localdate() + timedelta(days=3)


def test_it_saves_exactly_one_call(client):
    case = make_case()
    post_new(client, case)
    assert Call.objects.count() == 1


def test_it_goes_back_to_the_call_log_on_the_card(client):
    case = make_case()
    response = post_new(client, case)
    assert response.status_code == 302
    assert response["Location"] == f"/c/{case.token}/card/#calls"


def test_it_says_the_call_was_saved(client):
    response = post_new(client, make_case(), ticket_number="JD777")
    card = client.get(response["Location"]).content.decode()
    assert "通话记录已保存。" in card
    assert text(card, "calls__ticket") == "JD777"


@time_machine.travel(NOW, tick=False)
def test_it_reads_the_call_time_as_china_time(client):
    case = make_case()
    post_new(client, case, called_at="2026-11-27T09:30")
    assert Call.objects.get().called_at == datetime(2026, 11, 27, 9, 30, tzinfo=CHINA)


def test_it_saves_a_call_with_only_the_time_and_the_line(client):
    case = make_case()
    post_new(client, case, agent_id="", ticket_number="", promise="", promised_by="")
    call = Call.objects.get(case=case)
    assert (call.ticket_number, call.promise, call.promised_by) == ("", "", None)


def test_it_marks_the_case_as_changed(client):
    case = make_case()
    before = case.updated_at
    post_new(client, case)
    case.refresh_from_db()
    assert case.updated_at > before


def test_it_refuses_an_unknown_case(client):
    assert client.get("/c/not-a-real-token-0123456789abcdef/calls/new/").status_code == 404


# ----- What the form accepts -----


@time_machine.travel(NOW, tick=False)
def test_it_refuses_a_call_in_the_future(client):
    case = make_case()
    response = post_new(client, case, called_at="2026-11-27T11:00")
    assert response.status_code == 200
    assert (
        error_message(response.content.decode(), "id_called_at") == "错误：通话时间不能晚于现在。"
    )
    assert not Call.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_it_allows_a_phone_clock_a_few_minutes_fast(client):
    case = make_case()
    post_new(client, case, called_at="2026-11-27T10:03")
    assert Call.objects.filter(case=case).count() == 1


@time_machine.travel(NOW, tick=False)
def test_it_refuses_a_promise_before_the_call_day(client):
    case = make_case()
    response = post_new(client, case, called_at="2026-11-27T09:30", promised_by="2026-11-26")
    assert response.status_code == 200
    assert (
        error_message(response.content.decode(), "id_promised_by")
        == "错误：承诺日期不能早于通话那天。"
    )
    assert not Call.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_it_accepts_a_promise_for_the_call_day(client):
    case = make_case()
    post_new(client, case, called_at="2026-11-27T09:30", promised_by="2026-11-27")
    assert Call.objects.get().promised_by == date(2026, 11, 27)


@time_machine.travel(NOW, tick=False)
def test_it_compares_the_promise_with_the_call_day_in_china_time(client):
    # 00:30 in Beijing is still the day before in UTC: a promise for that Beijing day holds.
    case = make_case()
    post_new(client, case, called_at="2026-11-27T00:30", promised_by="2026-11-27")
    assert Call.objects.get().promised_by == date(2026, 11, 27)


def test_it_refuses_a_call_time_that_is_not_a_time(client):
    response = post_new(client, make_case(), called_at="昨天上午")
    assert error_message(response.content.decode(), "id_called_at") == (
        "错误：请按“年-月-日 时:分”填写，例如 2026-11-28 10:30。"
    )


@pytest.mark.parametrize(
    ("typed", "saved"),
    [
        ("ＪＤ１２３", "JD123"),
        ("JD 123", "JD123"),
        ("  JD123  ", "JD123"),
        ("jd123", "JD123"),
        ("ｊｄ１２３ ４５６", "JD123456"),
        ("jd-2026-001", "JD-2026-001"),
        ("ＪＤ－１２３", "JD-123"),
    ],
)
def test_it_normalises_the_ticket_number(client, typed, saved):
    case = make_case()
    post_new(client, case, ticket_number=typed)
    assert Call.objects.get(case=case).ticket_number == saved


@pytest.mark.parametrize("typed", ["JD一二三", "处理单123", "JD#123", "JD/123", "JD.123"])
def test_it_refuses_a_ticket_number_with_other_characters(client, typed):
    case = make_case()
    response = post_new(client, case, ticket_number=typed)
    assert response.status_code == 200
    assert error_message(response.content.decode(), "id_ticket_number") == (
        "错误：处理单号只能包含字母、数字和连字符，请照客服报的单号填写。"
    )
    assert not Call.objects.exists()


def test_it_normalises_the_agent_id(client):
    case = make_case()
    post_new(client, case, agent_id="ａ１０ ０８６")
    assert Call.objects.get(case=case).agent_id == "A10086"


@time_machine.travel(NOW, tick=False)
def test_it_keeps_what_was_typed_when_refusing(client):
    response = post_new(
        client,
        make_case(),
        called_at="2026-11-27T11:00",
        agent_id="10086",
        ticket_number="JD999",
        promise="三个工作日内退款",
        promised_by="2026-12-02",
    )
    values = form_values(response.content.decode())
    assert values["called_at"] == "2026-11-27T11:00"
    assert values["agent_id"] == "10086"
    assert values["ticket_number"] == "JD999"
    assert values["promise"] == "三个工作日内退款"
    assert values["promised_by"] == "2026-12-02"


@time_machine.travel(NOW, tick=False)
def test_it_marks_the_wrong_field_for_screen_readers(client):
    html = post_new(client, make_case(), called_at="2026-11-27T11:00").content.decode()
    assert 'aria-invalid="true"' in html
    assert 'aria-describedby="id_called_at_helptext id_called_at_error"' in html


# ----- Changing a call -----


def test_it_shows_the_call_to_change(client):
    case = make_case()
    call = add_call(case, ticket_number="JD555")
    response = client.get(edit_url(case, call))
    assert response.status_code == 200
    assert form_values(response.content.decode())["ticket_number"] == "JD555"


def test_it_shows_the_call_time_in_china_time(client):
    case = make_case()
    call = add_call(case, called_at=datetime(2026, 11, 27, 1, 30, tzinfo=CHINA))
    html = client.get(edit_url(case, call)).content.decode()
    assert form_values(html)["called_at"] == "2026-11-27T01:30"


@time_machine.travel(NOW, tick=False)
def test_it_saves_the_changes(client):
    case = make_case()
    call = add_call(case)
    client.post(
        edit_url(case, call),
        call_data(
            called_at="2026-11-27T09:00",
            hotline=str(hotline("general").pk),
            ticket_number="jd 888",
            promise="退款",
            promised_by="2026-12-01",
        ),
    )
    call.refresh_from_db()
    assert call.called_at == datetime(2026, 11, 27, 9, 0, tzinfo=CHINA)
    assert call.hotline == hotline("general")
    assert call.ticket_number == "JD888"
    assert call.promise == "退款"
    assert call.promised_by == date(2026, 12, 1)


@time_machine.travel(NOW, tick=False)
def test_it_goes_back_to_the_call_log_after_a_change(client):
    case = make_case()
    call = add_call(case)
    response = client.post(edit_url(case, call), call_data(called_at="2026-11-27T09:00"))
    assert response.status_code == 302
    assert response["Location"] == f"/c/{case.token}/card/#calls"


@time_machine.travel(NOW, tick=False)
def test_it_does_not_add_a_call_when_changing_one(client):
    case = make_case()
    call = add_call(case)
    client.post(edit_url(case, call), call_data(called_at="2026-11-27T09:00"))
    assert Call.objects.count() == 1


@time_machine.travel(NOW, tick=False)
def test_it_keeps_the_call_unchanged_when_refusing_a_change(client):
    case = make_case()
    call = add_call(case, ticket_number="JD1")
    response = client.post(
        edit_url(case, call), call_data(called_at="2026-11-28T09:00", ticket_number="JD2")
    )
    assert response.status_code == 200
    call.refresh_from_db()
    assert call.ticket_number == "JD1"


def test_it_refuses_to_show_a_call_through_another_case(client):
    case_a, case_b = make_case(), make_case(order_number="654321")
    call = add_call(case_a)
    assert client.get(edit_url(case_b, call)).status_code == 404


def test_it_refuses_to_change_a_call_through_another_case(client):
    case_a, case_b = make_case(), make_case(order_number="654321")
    call = add_call(case_a, ticket_number="JD1")
    response = client.post(edit_url(case_b, call), call_data(ticket_number="JD2"))
    assert response.status_code == 404
    call.refresh_from_db()
    assert call.ticket_number == "JD1"


def test_it_refuses_an_unknown_call(client):
    case = make_case()
    assert client.get(f"/c/{case.token}/calls/999999/").status_code == 404


# ----- Deleting a call -----


def test_it_deletes_a_call(client):
    case = make_case()
    call = add_call(case)
    response = client.post(delete_url(case, call))
    assert response.status_code == 302
    assert response["Location"] == f"/c/{case.token}/card/#calls"
    assert not Call.objects.filter(pk=call.pk).exists()


def test_it_rejects_get_on_delete(client):
    case = make_case()
    call = add_call(case)
    assert client.get(delete_url(case, call)).status_code == 405
    assert Call.objects.filter(pk=call.pk).exists()


def test_it_refuses_to_delete_a_call_through_another_case(client):
    case_a, case_b = make_case(), make_case(order_number="654321")
    call = add_call(case_a)
    assert client.post(delete_url(case_b, call)).status_code == 404
    assert Call.objects.filter(pk=call.pk).exists()


def test_it_offers_to_delete_only_when_changing(client):
    case = make_case()
    call = add_call(case)
    assert "删除这条通话记录" not in client.get(new_url(case)).content.decode()
    assert f'action="{delete_url(case, call)}"' in client.get(edit_url(case, call)).content.decode()


# ----- The logged call on the card -----


def test_it_lists_the_call_in_china_time_on_the_card(client):
    case = make_case()
    add_call(case, called_at=datetime(2026, 11, 27, 1, 30, tzinfo=CHINA))
    html = client.get(f"/c/{case.token}/card/").content.decode()
    assert text(html, "calls__when").startswith("11月27日（周五）01:30 ")


def test_it_lists_the_call_in_china_time_in_the_card_text(client):
    # 01:30 in Beijing is 17:30 the day before in UTC, as the database hands it back.
    case = make_case()
    add_call(case, called_at=datetime(2026, 11, 27, 1, 30, tzinfo=CHINA), ticket_number="JD5")
    text = client.get(f"/c/{case.token}/card.txt").content.decode()
    assert "通话：11月27日（周五）01:30，处理单号 JD5" in text


def test_it_refuses_a_call_time_with_a_mistyped_year(client):
    case = make_case()
    response = post_new(client, case, called_at="0026-11-27T10:30")
    assert response.status_code == 200
    assert "日期太早了，请检查年份。" in response.content.decode()
    assert not Call.objects.exists()


def test_it_refuses_a_promise_more_than_a_year_after_the_call(client):
    case = make_case()
    response = post_new(client, case, called_at="2026-11-27T10:30", promised_by="2028-01-01")
    assert response.status_code == 200
    assert "承诺日期离通话超过一年，请检查年份。" in response.content.decode()


@time_machine.travel(NOW, tick=False)
def test_it_says_not_found_when_another_device_deleted_the_call_meanwhile(client, monkeypatch):
    case = make_case()
    call = add_call(case)
    fetch = views.get_object_or_404

    def fetch_then_delete_on_another_device(*args, **kwargs):
        found = fetch(*args, **kwargs)
        Call.objects.filter(pk=found.pk).delete()
        return found

    monkeypatch.setattr(views, "get_object_or_404", fetch_then_delete_on_another_device)
    response = client.post(edit_url(case, call), call_data(ticket_number="JD-1"))
    assert response.status_code == 404
    assert not Call.objects.filter(pk=call.pk).exists()  # not brought back
