"""/c/<token>/new-link/: "this link leaked — make a new one". A new token at once; the old
link is a 404 from that moment; the files, the calendar file and the text copy follow."""

from __future__ import annotations

import icalendar
import pytest

from cases.models import Case
from tests.factories import add_call, make_case, remembered

pytestmark = pytest.mark.django_db


def replace_link(client, case: Case) -> Case:
    response = client.post(f"/c/{case.token}/new-link/")
    assert response.status_code == 302
    return Case.objects.get(pk=case.pk)


def test_it_explains_what_a_new_link_does_before_making_one(client):
    case = make_case()
    response = client.get(f"/c/{case.token}/new-link/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "旧链接会立即失效" in html
    assert Case.objects.get(pk=case.pk).token == case.token


def test_it_gives_the_case_a_new_token_and_opens_the_card_there(client):
    case = make_case()
    old = case.token
    response = client.post(f"/c/{old}/new-link/")
    renewed = Case.objects.get(pk=case.pk)
    assert renewed.token != old
    assert response.url == f"/c/{renewed.token}/card/"
    html = client.get(response.url).content.decode()
    assert "新的私密链接已生成" in html
    assert f"http://testserver/c/{renewed.token}/card/" in html


@pytest.mark.parametrize("path", ["", "card/", "order/", "card.txt", "reminder.ics", "12315/"])
def test_it_makes_the_old_link_a_404_at_once(client, path):
    case = make_case()
    add_call(case)
    old = case.token
    replace_link(client, case)
    assert client.get(f"/c/{old}/{path}").status_code == 404


def test_it_serves_the_evidence_under_the_new_link(client):
    case = make_case(evidence=1)
    item = case.evidence.get()
    old = case.token
    renewed = replace_link(client, case)
    assert client.get(f"/c/{renewed.token}/evidence/{item.pk}/image/").status_code == 200
    assert client.get(f"/c/{old}/evidence/{item.pk}/image/").status_code == 404


def test_it_puts_the_new_link_in_the_calendar_file_and_the_text_copy(client):
    case = make_case()
    add_call(case)
    old = case.token
    renewed = replace_link(client, case)
    ics = client.get(f"/c/{renewed.token}/reminder.ics?link=1").content
    [event] = icalendar.Calendar.from_ical(ics).walk("VEVENT")
    assert renewed.token in str(event["DESCRIPTION"])
    assert old.encode() not in ics
    text = client.get(f"/c/{renewed.token}/card.txt").content.decode()
    assert renewed.token in text
    assert old not in text


def test_it_keeps_the_case_on_this_browsers_list_under_the_new_link(client):
    case = make_case()
    client.get(f"/c/{case.token}/card/")  # remembered in this browser
    renewed = replace_link(client, case)
    html = client.get("/").content.decode()
    assert f"/c/{renewed.token}/" in html
    assert f"/c/{case.token}/" not in html
    # The old token is gone from the list itself, not only from the page (it finds no case).
    assert remembered(client) == [renewed.token]


def test_it_is_offered_on_the_card(client):
    case = make_case()
    html = client.get(f"/c/{case.token}/card/").content.decode()
    assert f'href="/c/{case.token}/new-link/"' in html
