"""What every step of the wizard shares: the order of the steps, coming back to the
check page after a change, the back links, and htmx."""

from __future__ import annotations

import pytest

from cases.models import Case
from tests.factories import ORDER, WANT, make_case, problem_data
from tests.html import link
from tests.steps import SUMMARY_TITLE, html_of, post, url

pytestmark = pytest.mark.django_db


def test_it_returns_to_the_check_page_after_a_change(client):
    case = make_case("evidence")
    response = post(client, case, "want", {**WANT, "deadline_days": "5"}, "return=check")
    assert response.status_code == 302
    assert response.url == url(case, "check")
    case.refresh_from_db()
    assert case.deadline_days == 5


def test_it_returns_to_the_check_page_after_changing_the_order(client):
    case = make_case("check")
    response = post(client, case, "order", {**ORDER, "item": "冰箱"}, "return=check")
    assert response.url == url(case, "check")


def test_it_continues_to_the_next_step_without_return(client):
    case = make_case("evidence")
    response = post(client, case, "want", WANT)
    assert response.url == url(case, "evidence")


def test_it_keeps_return_in_the_form_action(client):
    case = make_case("evidence")
    html = html_of(client.get(url(case, "want", "return=check")))
    assert f'action="/c/{case.token}/want/?return=check"' in html
    assert "保存并返回核对" in html


def test_it_links_back_to_the_check_page_when_changing(client):
    case = make_case("evidence")
    html = html_of(client.get(url(case, "want", "return=check")))
    assert link(html, "返回") == {"class": "back-link", "href": f"/c/{case.token}/check/"}


@pytest.mark.parametrize(
    ("slug", "previous"),
    [("problem", "order"), ("tried", "problem"), ("want", "tried"), ("evidence", "want")],
)
def test_it_links_back_to_the_previous_step(client, slug, previous):
    case = make_case("evidence")
    html = html_of(client.get(url(case, slug)))
    assert link(html, "返回") == {"class": "back-link", "href": f"/c/{case.token}/{previous}/"}


def test_it_links_back_from_the_order_step_to_the_start_page(client):
    case = make_case(upto=None)
    assert link(html_of(client.get(url(case, "order"))), "返回")["href"] == "/"


def test_it_returns_the_partial_to_htmx(client):
    case = make_case("order")
    response = client.get(url(case, "problem"), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = html_of(response)
    assert '<main id="main"' in html
    assert "<title>" in html
    assert '<header class="site-header">' not in html
    assert "<html" not in html


def test_it_returns_the_whole_page_without_htmx(client):
    case = make_case("order")
    html = html_of(client.get(url(case, "problem")))
    assert '<header class="site-header">' in html
    assert '<main id="main"' in html


def test_it_returns_the_whole_page_to_an_htmx_history_restore(client):
    case = make_case("order")
    response = client.get(
        url(case, "problem"), HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true"
    )
    assert '<header class="site-header">' in html_of(response)


def test_it_does_not_push_the_url_of_an_invalid_htmx_post(client):
    case = make_case(upto=None)
    response = client.post(
        url(case, "order"), {**ORDER, "order_number": "abc"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert response.headers["HX-Push-Url"] == "false"
    assert SUMMARY_TITLE in html_of(response)


def test_it_redirects_a_valid_htmx_post_to_the_next_step(client):
    case = make_case(upto=None)
    response = client.post(url(case, "order"), ORDER, HTTP_HX_REQUEST="true")
    assert response.status_code == 302
    assert response.url == url(case, "problem")
    assert "HX-Push-Url" not in response.headers


def test_it_returns_to_check_after_answering_the_unsettled_step_again(client):
    case = make_case("check")
    post(client, case, "order", {**ORDER, "purchase_kind": "plus"}, "return=check")
    response = post(client, case, "problem", problem_data(problem="member_benefit"), "return=check")
    assert response.url == url(case, "check")


def test_it_sends_the_card_of_an_unsettled_case_back_to_the_wizard(client):
    case = make_case("check")
    post(client, case, "check", {})
    # a shop problem does not fit self-operated goods
    Case.objects.filter(pk=case.pk).update(problem="shop_not_shipping")
    response = client.get(f"/c/{case.token}/card/")
    assert response.status_code == 302
    assert response.url == url(case, "problem")
