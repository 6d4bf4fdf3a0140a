"""The calendar reminder for the promised date: /c/<token>/reminder.ics (RFC 5545)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest
import time_machine

from cases.models import Case
from routing.hours import CHINA
from tests.factories import add_call, long_text, make_case

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 27, 10, 0, tzinfo=CHINA)
PROMISED_BY = date(2026, 11, 30)


def reminder_url(case: Case) -> str:
    return f"/c/{case.token}/reminder.ics"


def promised_case(**call_fields) -> Case:
    case = make_case()
    add_call(case, **call_fields)
    return case


def ics(client, case: Case) -> bytes:
    response = client.get(reminder_url(case))
    assert response.status_code == 200
    return response.content


def event(client, case: Case) -> icalendar.Event:
    calendar = icalendar.Calendar.from_ical(ics(client, case))
    events = calendar.walk("VEVENT")
    assert len(events) == 1
    return events[0]


def test_it_serves_a_calendar_file(client):
    response = client.get(reminder_url(promised_case()))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"


def test_it_downloads_as_an_attachment_named_after_the_order(client):
    response = client.get(reminder_url(promised_case()))
    assert response["Content-Disposition"] == 'attachment; filename="jd400-123456.ics"'


def test_it_is_not_cached_by_shared_caches(client):
    response = client.get(reminder_url(promised_case()))
    assert response["Cache-Control"] == "private, no-store"


def test_it_parses_as_a_calendar_with_one_event(client):
    calendar = icalendar.Calendar.from_ical(ics(client, promised_case()))
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0"
    assert len(calendar.walk("VEVENT")) == 1


def test_it_starts_on_the_promised_date_all_day(client):
    start = event(client, promised_case())["DTSTART"].dt
    assert type(start) is date
    assert start == PROMISED_BY


def test_it_ends_the_day_after_the_promised_date(client):
    assert event(client, promised_case())["DTEND"].dt == date(2026, 12, 1)


def test_it_links_the_case_in_the_description_when_asked(client):
    case = promised_case()
    calendar = icalendar.Calendar.from_ical(client.get(f"{reminder_url(case)}?link=1").content)
    description = str(calendar.walk("VEVENT")[0]["DESCRIPTION"])
    assert f"http://testserver/c/{case.token}/card/" in description


def test_it_gives_the_ticket_number_in_the_description(client):
    description = str(event(client, promised_case())["DESCRIPTION"])
    assert "处理单号：JD20261127001" in description


def test_it_gives_the_promise_in_the_description(client):
    description = str(event(client, promised_case())["DESCRIPTION"])
    assert "京东客服承诺在 2026-11-30 前解决：安排上门检测" in description


def test_it_keeps_the_order_and_ticket_out_of_the_title(client):
    # Calendar titles and alarms show on locked screens and in shared calendars.
    found = event(client, promised_case())
    assert str(found["SUMMARY"]) == "京东售后承诺到期（jd400）"
    assert "123456" not in str(found["SUMMARY"])
    assert "JD20261127001" not in str(found["SUMMARY"])


def test_it_names_the_order_in_the_description(client):
    assert "订单号：123456" in str(event(client, promised_case())["DESCRIPTION"])


def test_it_has_a_uid(client):
    assert str(event(client, promised_case())["UID"]).endswith("@jd400")


def test_it_keeps_the_uid_for_the_same_promise(client):
    case = promised_case()
    assert event(client, case)["UID"] == event(client, case)["UID"]


@time_machine.travel(NOW, tick=False)
def test_it_stamps_the_time_it_was_made_in_utc(client):
    stamp = event(client, promised_case())["DTSTAMP"].dt
    assert stamp == datetime(2026, 11, 27, 2, 0, tzinfo=UTC)


def test_it_reminds_on_the_morning_of_the_day(client):
    alarms = event(client, promised_case()).walk("VALARM")
    assert len(alarms) == 1
    assert str(alarms[0]["TRIGGER"].to_ical(), "ascii") == "PT9H30M"


def test_it_ends_every_line_with_crlf(client):
    body = ics(client, promised_case())
    assert body.endswith(b"\r\n")
    assert body.count(b"\n") == body.count(b"\r\n")


def test_it_folds_lines_at_75_octets(client):
    case = promised_case(promise=long_text("三个工作日内", 200))
    lines = ics(client, case).split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)


def test_it_never_folds_inside_a_character(client):
    case = promised_case(promise=long_text("三个工作日内", 200))
    for line in ics(client, case).split(b"\r\n"):
        line.decode("utf-8")  # raises on half a character


def test_it_keeps_a_long_promise_whole_after_unfolding(client):
    promise = long_text("三个工作日内", 200)
    description = str(event(client, promised_case(promise=promise))["DESCRIPTION"])
    assert promise in description


def test_it_escapes_commas_and_semicolons(client):
    promise = "先检测，再换新；不行就退款, 或者补偿"
    body = ics(client, promised_case(promise=promise)).decode()
    assert "先检测，再换新；不行就退款\\, 或者补偿" in body.replace("\r\n ", "")
    assert promise in str(event(client, promised_case(promise=promise))["DESCRIPTION"])


def test_it_uses_the_latest_promise(client):
    case = make_case()
    add_call(
        case,
        called_at=datetime(2026, 11, 20, 10, 0, tzinfo=CHINA),
        ticket_number="JD-OLD1",
        promised_by=date(2026, 11, 25),
    )
    add_call(
        case,
        called_at=datetime(2026, 11, 27, 10, 0, tzinfo=CHINA),
        ticket_number="JDNEW2",
        promised_by=date(2026, 12, 3),
    )
    found = event(client, case)
    assert found["DTSTART"].dt == date(2026, 12, 3)
    assert "JDNEW2" in str(found["DESCRIPTION"])


def test_it_goes_by_the_call_time_not_the_order_of_logging(client):
    case = make_case()
    add_call(
        case, called_at=datetime(2026, 11, 27, 10, 0, tzinfo=CHINA), promised_by=date(2026, 12, 3)
    )
    add_call(
        case, called_at=datetime(2026, 11, 20, 10, 0, tzinfo=CHINA), promised_by=date(2026, 11, 25)
    )
    assert event(client, case)["DTSTART"].dt == date(2026, 12, 3)


def test_it_refuses_when_the_latest_call_made_no_promise(client):
    # The card offers no reminder then: an older date no longer stands.
    case = make_case()
    add_call(
        case, called_at=datetime(2026, 11, 20, 10, 0, tzinfo=CHINA), promised_by=date(2026, 11, 25)
    )
    add_call(case, called_at=datetime(2026, 11, 27, 10, 0, tzinfo=CHINA), promised_by=None)
    assert client.get(reminder_url(case)).status_code == 404


def test_it_refuses_a_case_without_a_promise(client):
    case = make_case()
    add_call(case, promised_by=None)
    assert client.get(reminder_url(case)).status_code == 404


def test_it_refuses_a_case_without_calls(client):
    assert client.get(reminder_url(make_case())).status_code == 404


def test_it_refuses_an_unknown_case(client):
    response = client.get("/c/not-a-real-token-0123456789abcdef/reminder.ics")
    assert response.status_code == 404


def test_it_is_offered_on_the_card_once_there_is_a_promise(client):
    case = promised_case()
    html = client.get(f"/c/{case.token}/card/").content.decode()
    assert f'action="{reminder_url(case)}"' in html


def test_it_is_not_offered_on_the_card_without_a_promise(client):
    case = make_case()
    assert reminder_url(case) not in client.get(f"/c/{case.token}/card/").content.decode()


# --- The private link only when asked; RFC 5545 escaping of everything typed -----------


def test_it_leaves_the_private_link_out_unless_the_shopper_asks(client):
    case = promised_case()
    raw = ics(client, case).decode()
    assert case.token not in raw
    assert "URL" not in event(client, case)


def test_it_puts_the_private_link_in_when_the_shopper_ticks_it(client):
    case = promised_case()
    response = client.get(f"{reminder_url(case)}?link=1")
    calendar = icalendar.Calendar.from_ical(response.content)
    [found] = calendar.walk("VEVENT")
    assert f"http://testserver/c/{case.token}/card/" in str(found["DESCRIPTION"])
    assert str(found["URL"]) == f"http://testserver/c/{case.token}/card/"


def test_it_explains_the_link_choice_on_the_card_and_leaves_it_unticked(client):
    case = promised_case()
    html = client.get(f"/c/{case.token}/card/").content.decode()
    assert f'action="{reminder_url(case)}"' in html
    assert 'name="link" value="1"' in html
    assert 'name="link" value="1" checked' not in html
    assert "能看到日历的人就能打开和修改这个案例" in html


CONTROL_CHARACTERS = [chr(code) for code in [*range(0x00, 0x20), 0x7F]]


@pytest.mark.parametrize("control", CONTROL_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_it_never_lets_a_control_character_start_a_property(control):
    from cases.reminder import reminder_ics

    case = make_case()
    call = add_call(case)
    # Set in memory, not saved: PostgreSQL refuses NUL in text (and the forms refuse every
    # control character); the calendar writer must still never pass one through.
    call.promise = f"A{control}ATTENDEE:mailto:evil@example.com{control}X-EVIL:1;2,3\\4"
    call.ticket_number = f"T1{control}BEGIN:VALARM"
    raw = reminder_ics(case, call, None, NOW)
    body = raw.replace("\r\n", "")
    # Only CRLF ends a line: no lone CR, no lone LF, no other control character at all.
    assert "\r" not in body
    assert "\n" not in body
    assert not any(c in body for c in CONTROL_CHARACTERS if c != "\t")
    calendar = icalendar.Calendar.from_ical(raw)
    [found] = calendar.walk("VEVENT")
    assert "ATTENDEE" not in found
    assert "X-EVIL" not in found
    assert len(calendar.walk("VALARM")) == 1
    description = str(found["DESCRIPTION"])
    assert "ATTENDEE:mailto:evil@example.com" in description
    assert "X-EVIL:1;2,3\\4" in description


@pytest.mark.parametrize("newline", ["\r", "\n", "\r\n"], ids=["CR", "LF", "CRLF"])
def test_it_turns_every_kind_of_line_break_into_one_escaped_newline(newline):
    from cases.reminder import reminder_ics

    case = make_case()
    call = add_call(case, promise=f"第一行{newline}第二行")
    [found] = icalendar.Calendar.from_ical(reminder_ics(case, call, None, NOW)).walk("VEVENT")
    assert "第一行\n第二行" in str(found["DESCRIPTION"])


def test_it_escapes_backslashes_commas_and_semicolons_in_a_round_trip():
    from cases.reminder import reminder_ics

    case = make_case()
    call = add_call(case, promise="a\\b;c,d\\,e")
    [found] = icalendar.Calendar.from_ical(reminder_ics(case, call, None, NOW)).walk("VEVENT")
    assert "a\\b;c,d\\,e" in str(found["DESCRIPTION"])
