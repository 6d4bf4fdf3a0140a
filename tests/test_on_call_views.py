"""On the call (issue 21): /c/<token>/call/, its notes saved as typed (call/notes/),
"通话结束" (call/end/), the pre-filled call form (call/confirm/) and /sw.js."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine

from cases.models import Call, Case
from routing.hours import CHINA
from tests.factories import add_call, make_case
from tests.html import form_values

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 30, 10, 30, tzinfo=CHINA)


def page_url(case: Case) -> str:
    return f"/c/{case.token}/call/"


def notes(**overrides: str | list[str]) -> dict:
    return {
        "agent_id": "",
        "ticket_number": "",
        "promise": "",
        "promised_by": "",
        "notes": "",
        **overrides,
    }


def draft_of(case: Case) -> Call:
    return Call.with_drafts.get(case=case, is_draft=True)


def test_it_shows_the_line_to_dial_and_the_script_in_four_parts(client):
    case = make_case(order_number="235812345678")
    html = client.get(page_url(case)).content.decode()
    assert 'href="tel:4006065500"' in html
    for title in ("1. 订单号", "2. 问题", "3. 已尝试", "4. 诉求"):
        assert title in html
    # The order number in groups of four, to read aloud.
    assert (
        '<span class="digit-group">2358</span><span class="digit-group">1234</span>'
        '<span class="digit-group">5678</span>'
    ) in html
    assert html.count('name="done"') == 4


def test_it_reads_the_same_script_as_the_card(client):
    case = make_case()
    html = client.get(page_url(case)).content.decode()
    assert "您好，我的订单号是" in html
    assert "买的京东自营的洗衣机，到货后无法启动" in html
    assert "已联系在线客服，但未解决" in html
    assert "希望安排售后上门检测维修。" in html


def test_it_sends_an_unfinished_case_back_to_the_wizard(client):
    case = make_case(upto="tried")
    response = client.get(page_url(case))
    assert response.status_code == 302
    assert response["Location"] == f"/c/{case.token}/want/"


def test_it_is_a_404_for_an_unknown_case(client):
    assert client.get("/c/" + "x" * 32 + "/call/").status_code == 404


def test_it_saves_the_notes_as_a_draft_that_is_not_in_the_call_log(client):
    case = make_case()
    response = client.post(
        f"/c/{case.token}/call/notes/",
        notes(agent_id="10086", ticket_number="JD2026", done=["order", "problem"]),
    )
    assert response.status_code == 302
    assert response["Location"] == f"/c/{case.token}/call/#notes"
    draft = draft_of(case)
    assert (draft.agent_id, draft.ticket_number, draft.parts_done) == (
        "10086",
        "JD2026",
        "order,problem",
    )
    assert list(case.calls.all()) == []
    # The page shows them again (a reload loses nothing), ticks included.
    values = form_values(client.get(page_url(case)).content.decode())
    assert values["agent_id"] == "10086"
    assert values["ticket_number"] == "JD2026"
    html = client.get(page_url(case)).content.decode()
    assert 'value="order" id="done-order" checked' in html
    assert 'value="want" id="done-want">' in html


def test_it_answers_htmx_with_the_saved_line_only(client):
    case = make_case()
    response = client.post(
        f"/c/{case.token}/call/notes/", notes(agent_id="7"), headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.startswith('<p class="on-call__saved" id="notes-saved"')
    assert "已保存" in html
    assert draft_of(case).agent_id == "7"


def test_it_writes_every_save_into_the_one_draft(client):
    case = make_case()
    client.post(f"/c/{case.token}/call/notes/", notes(agent_id="1"))
    client.post(f"/c/{case.token}/call/notes/", notes(agent_id="12", notes="等回电"))
    assert Call.with_drafts.filter(case=case).count() == 1
    assert draft_of(case).notes == "等回电"


def test_it_refuses_notes_longer_than_the_record_holds(client):
    case = make_case()
    response = client.post(f"/c/{case.token}/call/notes/", notes(agent_id="1" * 21))
    assert response.status_code == 200
    assert not Call.with_drafts.filter(case=case).exists()


def test_it_ignores_a_tick_for_a_part_that_does_not_exist(client):
    case = make_case()
    client.post(f"/c/{case.token}/call/notes/", notes(done=["order", "<script>"]))
    assert not Call.with_drafts.filter(case=case).exists()


@time_machine.travel(NOW, tick=False)
def test_it_starts_the_call_when_the_page_was_opened(client):
    case = make_case()
    opened = (NOW - timedelta(minutes=4)).strftime("%Y-%m-%dT%H:%M:%S%z")
    client.post(f"/c/{case.token}/call/notes/", notes(started_at=opened, agent_id="1"))
    assert draft_of(case).called_at == NOW - timedelta(minutes=4)


@pytest.mark.parametrize("sent", [timedelta(hours=1), -timedelta(days=2)])
@time_machine.travel(NOW, tick=False)
def test_it_takes_now_for_a_start_in_the_future_or_long_ago(client, sent):
    case = make_case()
    started = (NOW + sent).strftime("%Y-%m-%dT%H:%M:%S%z")
    client.post(f"/c/{case.token}/call/notes/", notes(started_at=started, agent_id="1"))
    assert draft_of(case).called_at == NOW


@time_machine.travel(NOW, tick=False)
def test_it_ends_the_call_on_the_call_form_pre_filled(client):
    case = make_case()
    opened = (NOW - timedelta(minutes=12)).strftime("%Y-%m-%dT%H:%M:%S%z")
    response = client.post(
        f"/c/{case.token}/call/end/",
        notes(started_at=opened, agent_id="10086", ticket_number="JD2026", promise="三天内上门"),
    )
    assert response["Location"] == f"/c/{case.token}/call/confirm/"
    html = client.get(response["Location"]).content.decode()
    values = form_values(html)
    assert values["called_at"] == "2026-11-30T10:18"
    assert values["agent_id"] == "10086"
    assert values["ticket_number"] == "JD2026"
    assert values["promise"] == "三天内上门"
    assert "12 分钟" in html
    assert "自营售后专线" in html


@time_machine.travel(NOW, tick=True)
def test_it_logs_the_confirmed_call_as_the_same_record(client):
    case = make_case()
    client.post(f"/c/{case.token}/call/end/", notes(agent_id="10086"))
    draft = draft_of(case)
    values = form_values(client.get(f"/c/{case.token}/call/confirm/").content.decode())
    # (form_values reads inputs only: the line the draft was routed to, as selected)
    response = client.post(
        f"/c/{case.token}/call/confirm/", {**values, "hotline": str(draft.hotline_id)}
    )
    assert response["Location"] == f"/c/{case.token}/card/#calls"
    logged = case.calls.get()
    assert logged.pk == draft.pk
    assert (logged.agent_id, logged.is_draft) == ("10086", False)
    assert not Call.with_drafts.filter(case=case, is_draft=True).exists()


def test_it_sends_a_confirm_without_a_draft_to_the_calls(client):
    case = make_case()
    response = client.get(f"/c/{case.token}/call/confirm/")
    assert response["Location"] == f"/c/{case.token}/card/#calls"


def test_it_keeps_the_other_calls_out_of_the_draft(client):
    case = make_case()
    add_call(case, agent_id="OLD")
    client.post(f"/c/{case.token}/call/notes/", notes(agent_id="NEW"))
    assert draft_of(case).agent_id == "NEW"
    assert [call.agent_id for call in case.calls.all()] == ["OLD"]


def test_it_keeps_a_draft_out_of_the_case_status(client):
    case = make_case()
    client.post(
        f"/c/{case.token}/call/notes/", notes(ticket_number="JD1", promised_by="2026-12-30")
    )
    html = client.get(f"/c/{case.token}/card/").content.decode()
    assert "已准备，未致电" in html


def test_it_deletes_the_draft_with_the_case(client):
    case = make_case()
    client.post(f"/c/{case.token}/call/notes/", notes(agent_id="1"))
    client.post(f"/c/{case.token}/delete/")
    assert not Call.with_drafts.exists()


def test_it_does_not_write_a_draft_into_another_case(client):
    mine, theirs = make_case(), make_case()
    client.post(f"/c/{mine.token}/call/notes/", notes(agent_id="1"))
    assert not Call.with_drafts.filter(case=theirs).exists()


def test_it_refuses_get_on_the_notes(client):
    case = make_case()
    assert client.get(f"/c/{case.token}/call/notes/").status_code == 405


def test_it_serves_the_service_worker_from_the_root(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert b"caches.open" in response.content


def test_it_offers_the_manifest_on_every_page(client):
    html = client.get("/").content.decode()
    assert 'rel="manifest"' in html


@time_machine.travel(NOW, tick=False)
def test_it_shows_the_notes_and_the_length_of_the_logged_call_on_the_card(client):
    case = make_case()
    opened = (NOW - timedelta(minutes=9)).strftime("%Y-%m-%dT%H:%M:%S%z")
    client.post(f"/c/{case.token}/call/end/", notes(started_at=opened, notes="客服说明天回电"))
    draft = draft_of(case)
    values = form_values(client.get(f"/c/{case.token}/call/confirm/").content.decode())
    client.post(f"/c/{case.token}/call/confirm/", {**values, "hotline": str(draft.hotline_id)})
    html = client.get(f"/c/{case.token}/card/").content.decode()
    assert "客服说明天回电" in html
    assert "9 分钟" in html


def test_it_stops_a_flood_of_note_saves_and_keeps_what_was_typed(client, settings):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "save_step": "2/m"}
    case = make_case()
    url = f"/c/{case.token}/call/notes/"
    for _ in range(2):
        client.post(url, notes(agent_id="1"))
    response = client.post(url, notes(agent_id="8848"))
    assert response.status_code == 429
    assert 'value="8848"' in response.content.decode()
    assert draft_of(case).agent_id == "1"
    htmx = client.post(url, notes(agent_id="8848"), headers={"HX-Request": "true"})
    assert htmx.status_code == 429
    assert "没有保存" in htmx.content.decode()


def test_it_lets_the_call_page_alone_keep_the_screen_on(client):
    case = make_case()
    call_policy = client.get(page_url(case))["Permissions-Policy"]
    card_policy = client.get(f"/c/{case.token}/card/")["Permissions-Policy"]
    assert "screen-wake-lock=(self)" in call_policy
    assert "camera=()" in call_policy
    assert "screen-wake-lock=()" in card_policy


def test_it_counts_the_confirmed_calls_report_once_for_the_directory(client):
    from routing.models import ReportCount

    case = make_case()
    client.post(f"/c/{case.token}/call/end/", notes(agent_id="1"))
    draft = draft_of(case)
    assert not ReportCount.objects.exists()
    values = form_values(client.get(f"/c/{case.token}/call/confirm/").content.decode())
    answers = {"hotline": str(draft.hotline_id), "reached_person": "yes", "minutes_to_person": "3"}
    client.post(f"/c/{case.token}/call/confirm/", {**values, **answers})
    assert case.calls.get().counted_in is not None
    assert ReportCount.objects.count() == 1
