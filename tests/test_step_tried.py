"""The already-tried step: one row per channel, saved as the case's prior contacts."""

from __future__ import annotations

import re

import pytest

from cases.models import PriorContact
from tests.factories import days_ago, make_case, tried_data
from tests.html import error_message, error_summary, form_values
from tests.steps import SUMMARY_TITLE, html_of, post, url

pytestmark = pytest.mark.django_db


def test_it_shows_one_row_per_channel(client):
    case = make_case("problem")
    html = html_of(client.get(url(case, "tried")))
    assert re.findall(r'name="tried-\d-channel"[^>]*value="([a-z_]+)"', html) == [
        "online_service",
        "shop_service",
        "app_after_sales",
        "left_message",
        "hotline_before",
    ]


def test_it_accepts_nothing_tried(client):
    case = make_case("problem")
    response = post(client, case, "tried", tried_data())
    assert response.status_code == 302
    assert response.url == url(case, "want")
    case.refresh_from_db()
    assert case.tried_answered is True
    assert case.prior_contacts.count() == 0


def test_it_refuses_a_ticked_channel_without_a_date(client):
    case = make_case("problem")
    response = post(client, case, "tried", tried_data({"online_service": {"answer": "等通知"}}))
    assert response.status_code == 200
    html = html_of(response)
    assert "请填写联系的日期" in error_message(html, "id_tried-0-contacted_on")
    assert SUMMARY_TITLE in error_summary(html)
    assert 'href="#id_tried-0-contacted_on"' in error_summary(html)
    case.refresh_from_db()
    assert case.tried_answered is False
    assert case.prior_contacts.count() == 0


def test_it_keeps_every_typed_value_of_an_invalid_tried_step(client):
    case = make_case("problem")
    data = tried_data(
        {
            "online_service": {"answer": "等通知", "has_record": True},
            "shop_service": {"contacted_on": days_ago(2).isoformat(), "answer": "不理我"},
        }
    )
    html = html_of(post(client, case, "tried", data))
    values = form_values(html)
    assert values == {k: v for k, v in data.items() if not k.endswith("MIN_NUM_FORMS")} | {
        "tried-MIN_NUM_FORMS": "0"
    }


def test_it_saves_a_ticked_channel_with_a_date(client):
    case = make_case("problem")
    data = tried_data(
        {
            "online_service": {
                "contacted_on": days_ago(3).isoformat(),
                "answer": "让我等通知",
                "has_record": True,
            }
        }
    )
    response = post(client, case, "tried", data)
    assert response.status_code == 302
    assert response.url == url(case, "want")
    contact = PriorContact.objects.get(case=case)
    assert contact.channel == "online_service"
    assert contact.contacted_on == days_ago(3)
    assert contact.answer == "让我等通知"
    assert contact.has_record is True


def test_it_saves_several_channels(client):
    case = make_case("problem")
    data = tried_data(
        {
            "online_service": {"contacted_on": days_ago(3).isoformat()},
            "left_message": {"contacted_on": days_ago(2).isoformat()},
        }
    )
    post(client, case, "tried", data)
    assert set(case.prior_contacts.values_list("channel", flat=True)) == {
        "online_service",
        "left_message",
    }


def test_it_ignores_details_of_an_unticked_channel(client):
    case = make_case("problem")
    data = tried_data()
    data["tried-1-contacted_on"] = days_ago(3).isoformat()
    data["tried-1-answer"] = "没用"
    response = post(client, case, "tried", data)
    assert response.status_code == 302
    assert case.prior_contacts.count() == 0


def test_it_deletes_a_channel_that_is_unticked(client):
    case = make_case("tried", contacts=())
    PriorContact.objects.create(case=case, channel="online_service", contacted_on=days_ago(3))
    PriorContact.objects.create(case=case, channel="shop_service", contacted_on=days_ago(2))
    data = tried_data({"shop_service": {"contacted_on": days_ago(2).isoformat()}})
    response = post(client, case, "tried", data)
    assert response.status_code == 302
    assert list(case.prior_contacts.values_list("channel", flat=True)) == ["shop_service"]


def test_it_prefills_the_tried_step_with_saved_contacts(client):
    case = make_case("tried", contacts=())
    PriorContact.objects.create(
        case=case, channel="shop_service", contacted_on=days_ago(2), answer="再等等"
    )
    values = form_values(html_of(client.get(url(case, "tried"))))
    assert values["tried-1-used"] == "on"
    assert values["tried-1-contacted_on"] == days_ago(2).isoformat()
    assert values["tried-1-answer"] == "再等等"
    assert "tried-0-used" not in values


def test_it_refuses_a_future_contact_date(client):
    case = make_case("problem")
    data = tried_data({"online_service": {"contacted_on": days_ago(-2).isoformat()}})
    response = post(client, case, "tried", data)
    assert response.status_code == 200
    assert "日期不能晚于今天" in error_message(html_of(response), "id_tried-0-contacted_on")


def test_it_refuses_a_forged_duplicate_channel(client):
    case = make_case("problem")
    data = tried_data({"online_service": {"contacted_on": days_ago(3).isoformat()}})
    data["tried-1-channel"] = "online_service"
    data["tried-1-used"] = "on"
    data["tried-1-contacted_on"] = days_ago(3).isoformat()
    response = post(client, case, "tried", data)
    assert response.status_code == 200
    assert "表单已过期" in error_summary(html_of(response))
    assert case.prior_contacts.count() == 0


def test_it_refuses_a_formset_without_its_management_form(client):
    case = make_case("problem")
    response = post(client, case, "tried", {})
    assert response.status_code == 200
    assert SUMMARY_TITLE in error_summary(html_of(response))
    case.refresh_from_db()
    assert case.tried_answered is False


def test_it_ignores_a_wrong_date_left_in_an_unticked_channel(client):
    # The details of an unticked channel are hidden: an error there would trap the shopper.
    case = make_case("problem")
    data = tried_data()
    data["tried-0-contacted_on"] = "2099-01-01"
    response = post(client, case, "tried", data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.tried_answered
    assert not case.prior_contacts.exists()


def test_it_names_the_channel_whose_date_is_missing(client):
    case = make_case("problem")
    response = post(client, case, "tried", tried_data({"shop_service": {"contacted_on": ""}}))
    assert response.status_code == 200
    assert "店铺客服：请填写联系的日期（大概即可）。" in html_of(response)
