"""The evidence step as a wizard step (the uploads themselves: test_evidence_views.py)."""

from __future__ import annotations

import pytest

from tests.factories import make_case
from tests.steps import html_of, post, url

pytestmark = pytest.mark.django_db


def test_it_passes_the_evidence_step(client):
    case = make_case("want")
    response = post(client, case, "evidence", {})
    assert response.status_code == 302
    assert response.url == url(case, "check")
    case.refresh_from_db()
    assert case.evidence_answered is True


def test_it_leads_back_from_evidence_past_the_skipped_want_step(client):
    case = make_case("tried", problem="address_change")
    html = html_of(client.get(url(case, "evidence")))
    assert f'class="back-link" href="{url(case, "tried")}"' in html
