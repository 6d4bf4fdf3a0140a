from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_case

pytestmark = pytest.mark.django_db


def test_it_explains_an_expired_form_in_the_shoppers_language():
    client = Client(enforce_csrf_checks=True)
    case = make_case()
    response = client.post(f"/c/{case.token}/calls/new/", {})
    assert response.status_code == 403
    html = response.content.decode()
    assert "页面已过期" in html
    # A whole page with #main: htmx swaps it in like any other page.
    assert '<main id="main"' in html


def test_it_gives_a_404_page_htmx_can_swap_in(client):
    response = client.get("/c/no-such-case/", HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    assert '<main id="main"' in response.content.decode()
