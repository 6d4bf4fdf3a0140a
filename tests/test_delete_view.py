from __future__ import annotations

import pytest

from cases.models import Case, PriorContact
from tests.factories import ORDER, days_ago, make_case, remembered

pytestmark = pytest.mark.django_db


def my_case(client) -> Case:
    """A case this client's browser made (and so lists on the start page)."""
    client.post("/c/new/")
    Case.objects.update(**ORDER)
    return Case.objects.get()


def test_it_asks_for_confirmation(client):
    case = make_case("check")
    response = client.get(f"/c/{case.token}/delete/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "删除这个案例？" in html
    assert f'action="/c/{case.token}/delete/"' in html
    assert 'method="post"' in html


def test_it_does_not_delete_on_get(client):
    case = make_case("check")
    client.get(f"/c/{case.token}/delete/")
    assert Case.objects.filter(pk=case.pk).exists()


def test_it_deletes_the_case_and_returns_to_the_start_page(client):
    case = make_case("check")
    response = client.post(f"/c/{case.token}/delete/")
    assert response.status_code == 302
    assert response.url == "/"
    assert not Case.objects.filter(pk=case.pk).exists()


def test_it_tells_the_browser_to_drop_the_cases_kept_thumbnails(client):
    # The thumbnails are cached privately for a year; on a shared PC a deleted case's
    # screenshots must not stay in the browser's cache.
    case = make_case("check")
    response = client.post(f"/c/{case.token}/delete/")
    assert response["Clear-Site-Data"] == '"cache"'


def test_it_deletes_the_prior_contacts(client):
    case = make_case("check", contacts=())
    PriorContact.objects.create(case=case, channel="online_service", contacted_on=days_ago(2))
    PriorContact.objects.create(case=case, channel="shop_service", contacted_on=days_ago(1))
    client.post(f"/c/{case.token}/delete/")
    assert PriorContact.objects.count() == 0


def test_it_leaves_other_cases_alone(client):
    case = make_case("check")
    other = make_case("check", contacts=())
    PriorContact.objects.create(case=other, channel="online_service", contacted_on=days_ago(2))
    client.post(f"/c/{case.token}/delete/")
    assert list(Case.objects.all()) == [other]
    assert PriorContact.objects.filter(case=other).count() == 1


@pytest.mark.parametrize("path", ["/c/{token}/", "/c/{token}/order/", "/c/{token}/card/"])
def test_it_404s_the_link_after_deleting(client, path):
    case = make_case("check")
    client.post(f"/c/{case.token}/delete/")
    response = client.get(path.format(token=case.token))
    assert response.status_code == 404


def test_it_404s_a_second_delete(client):
    case = make_case("check")
    client.post(f"/c/{case.token}/delete/")
    assert client.post(f"/c/{case.token}/delete/").status_code == 404


def test_it_no_longer_lists_the_case_on_the_start_page(client):
    case = my_case(client)
    assert case.token in client.get("/").content.decode()
    client.post(f"/c/{case.token}/delete/")
    html = client.get("/").content.decode()
    assert case.token not in html
    assert "你的案例" not in html


def test_it_forgets_the_case_in_this_browsers_list(client):
    case = my_case(client)
    client.post(f"/c/{case.token}/delete/")
    assert case.token not in remembered(client)


def test_it_confirms_the_deletion(client):
    case = my_case(client)
    response = client.post(f"/c/{case.token}/delete/", follow=True)
    assert response.status_code == 200
    assert "案例和它的所有文件已删除。" in response.content.decode()


def test_it_rejects_put(client):
    case = make_case("check")
    assert client.put(f"/c/{case.token}/delete/").status_code == 405
    assert Case.objects.filter(pk=case.pk).exists()


def test_it_links_to_the_case_to_cancel(client):
    case = make_case("check")
    html = client.get(f"/c/{case.token}/delete/").content.decode()
    assert f'href="/c/{case.token}/"' in html
