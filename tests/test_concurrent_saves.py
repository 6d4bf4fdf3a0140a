"""Two devices saving the same case at the same moment: nothing either of them wrote is
lost. Real requests through the client, in two threads with their own database
connections, on whichever database the suite runs (SQLite or PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client

from cases import wizard
from tests.factories import ORDER, WANT, days_ago, make_case, tried_data

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 25


def at_once(monkeypatch, posts: list[tuple[str, dict[str, str]]]) -> list[int]:
    """Post each form from its own device (thread and client), all at the same moment:
    each request has loaded the case and validated its form before any of them saves."""
    everyone_read = threading.Barrier(len(posts), timeout=30)
    real_save_step = wizard.save_step

    def save_step_together(*args, **kwargs):
        everyone_read.wait()
        return real_save_step(*args, **kwargs)

    monkeypatch.setattr(wizard, "save_step", save_step_together)
    statuses: list[int] = [0] * len(posts)

    def device(number: int, url: str, data: dict[str, str]) -> None:
        try:
            statuses[number] = Client().post(url, data).status_code
        finally:
            # Each thread has its own connection; close it, or it outlives the test (kept
            # connections are the default) and the test database cannot be dropped.
            connection.close()

    threads = [
        threading.Thread(target=device, args=(number, url, data))
        for number, (url, data) in enumerate(posts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    monkeypatch.setattr(wizard, "save_step", real_save_step)
    return statuses


def test_it_keeps_both_answers_when_two_devices_save_different_steps(monkeypatch):
    lost = []
    for round_number in range(ROUNDS):
        case = make_case()
        item = f"滚筒洗衣机 {round_number}"
        detail = f"三天内上门维修 {round_number}"
        statuses = at_once(
            monkeypatch,
            [
                (case.step_url("order", returning=True), {**ORDER, "item": item}),
                (case.step_url("want", returning=True), {**WANT, "outcome_detail": detail}),
            ],
        )
        assert statuses == [302, 302]
        case.refresh_from_db()
        if (case.item, case.outcome_detail) != (item, detail):
            lost.append((round_number, case.item, case.outcome_detail))
    assert lost == []


def test_it_saves_the_tried_step_from_two_devices_at_once(monkeypatch):
    online = {"online_service": {"contacted_on": days_ago(3).isoformat(), "answer": "等通知"}}
    app = {"app_after_sales": {"contacted_on": days_ago(2).isoformat(), "answer": "已驳回"}}
    for _round in range(ROUNDS // 5):
        case = make_case()
        statuses = at_once(
            monkeypatch,
            [
                (case.step_url("tried", returning=True), tried_data(online)),
                (case.step_url("tried", returning=True), tried_data(app)),
            ],
        )
        assert statuses == [302, 302]
        # One device's list wins whole: never both lists mixed, never an error.
        channels = list(case.prior_contacts.values_list("channel", flat=True))
        assert channels in (["online_service"], ["app_after_sales"])
