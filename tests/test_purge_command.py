from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case, PriorContact

pytestmark = pytest.mark.django_db


def _case_changed_days_ago(days: int) -> Case:
    case = Case.objects.create(order_number="1234567890")
    # auto_now would overwrite updated_at on save(); update() leaves it as given.
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now() - timedelta(days=days))
    return case


def test_it_deletes_cases_older_than_the_retention_period() -> None:
    old = _case_changed_days_ago(181)
    PriorContact.objects.create(case=old, channel="online_service", contacted_on="2026-01-01")

    call_command("purge_old_cases", days=180, stdout=StringIO())

    assert not Case.objects.filter(pk=old.pk).exists()
    assert not PriorContact.objects.filter(case_id=old.pk).exists()


def test_it_keeps_recent_cases() -> None:
    recent = _case_changed_days_ago(10)

    call_command("purge_old_cases", days=180, stdout=StringIO())

    assert Case.objects.filter(pk=recent.pk).exists()


def test_it_deletes_nothing_on_a_dry_run() -> None:
    old = _case_changed_days_ago(400)
    out = StringIO()

    call_command("purge_old_cases", days=180, dry_run=True, stdout=out)

    assert Case.objects.filter(pk=old.pk).exists()
    assert "would delete 1 case" in out.getvalue()


def test_it_counts_an_upload_as_use(client):
    from tests.factories import add_evidence

    case = _case_changed_days_ago(181)
    add_evidence(case)

    call_command("purge_old_cases", days=180, stdout=StringIO())

    assert Case.objects.filter(pk=case.pk).exists()
