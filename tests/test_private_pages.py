from __future__ import annotations

import pytest

from tests.factories import make_case

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["card/", "order/", "check/", "calls/new/", "12315/", "delete/"])
def test_it_keeps_case_pages_out_of_every_cache(client, path):
    case = make_case()
    response = client.get(f"/c/{case.token}/{path}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_it_keeps_the_start_page_with_its_case_list_out_of_caches(client):
    assert client.get("/")["Cache-Control"] == "private, no-store"


def test_it_lets_the_public_directory_be_cached_but_varies_on_htmx(client):
    response = client.get("/hotlines/")
    assert "no-store" not in response.get("Cache-Control", "")
    assert "HX-Request" in response["Vary"]


def test_it_varies_case_pages_on_htmx_too(client):
    case = make_case()
    assert "HX-Request" in client.get(f"/c/{case.token}/card/")["Vary"]
