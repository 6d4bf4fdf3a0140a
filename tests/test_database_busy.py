"""A database that stays locked past its timeout: a "busy, try again" page (503) that keeps
what the shopper typed, never a 500. The lock is real: another connection holds it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import connection

from cases.models import Call, Case
from routing.models import Hotline
from tests.factories import make_case

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _hotlines() -> None:
    """The seeded directory, again: transactional tests empty every table when they end."""
    import importlib

    from django.apps import apps

    if not Hotline.objects.exists():
        importlib.import_module("routing.migrations.0002_seed_hotlines").seed(apps, None)


@contextmanager
def database_locked_by_someone_else() -> Iterator[None]:
    """Another connection holds the write lock; ours gives up after a fraction of a second
    (instead of the real 20 s) and reports it as Django does, an OperationalError."""
    options = connection.settings_dict["OPTIONS"]
    saved = dict(options)
    if connection.vendor == "sqlite":
        options.update(
            timeout=0.2,
            init_command=options.get("init_command", "").replace(
                "busy_timeout=20000", "busy_timeout=200"
            ),
        )
        connection.close()
        holder = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    else:
        import psycopg

        settings = connection.settings_dict
        holder = psycopg.connect(
            dbname=settings["NAME"],
            user=settings["USER"],
            password=settings["PASSWORD"],
            host=settings["HOST"],
            port=settings["PORT"] or None,
        )
        holder.execute(f"LOCK TABLE {Case._meta.db_table} IN EXCLUSIVE MODE")
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '200ms'")
    try:
        yield
    finally:
        holder.rollback() if connection.vendor != "sqlite" else holder.execute("ROLLBACK")
        holder.close()
        options.clear()
        options.update(saved)
        connection.close()


def test_it_shows_the_typed_step_again_when_the_database_stays_busy(client):
    case = make_case(None)
    typed = {"order_number": "987654321", "purchase_kind": "third_party", "item": "电饭煲"}
    with database_locked_by_someone_else():
        response = client.post(f"/c/{case.token}/order/", typed)
    assert response.status_code == 503
    html = response.content.decode()
    assert "服务器正忙，这一次没有保存" in html
    assert 'value="987654321"' in html
    assert "电饭煲" in html
    assert int(response.headers["Retry-After"]) > 0
    case.refresh_from_db()
    assert case.order_number == ""


def test_it_offers_to_send_a_call_log_entry_again_when_the_database_stays_busy(client):
    case = make_case()
    typed = {
        "called_at": "2026-11-27T10:30",
        "agent_id": "8848",
        "ticket_number": "T123456",
        "promise": "三天内上门",
    }
    with database_locked_by_someone_else():
        hotline = Hotline.objects.get(key="self_operated").pk
        response = client.post(f"/c/{case.token}/calls/new/", {**typed, "hotline": hotline})
    assert response.status_code == 503
    html = response.content.decode()
    assert "8848" in html
    assert Call.objects.count() == 0


def test_it_gives_a_busy_page_not_a_500_wherever_the_database_stays_locked(client):
    case = make_case()
    with database_locked_by_someone_else():
        response = client.post(f"/c/{case.token}/close/", {"outcome": "resolved"})
    assert response.status_code == 503
    html = response.content.decode()
    assert "服务器正忙" in html
    # What was sent comes back as a button that sends it again.
    assert 'name="outcome" value="resolved"' in html
