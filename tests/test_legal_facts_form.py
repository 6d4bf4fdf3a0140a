"""The problem step's optional legal facts (issue 19): asked inside the step, in the
shopper's words, never required; hostile values refused with a clear message."""

from __future__ import annotations

import pytest

from tests.factories import days_ago, make_case, problem_data

pytestmark = pytest.mark.django_db


def post(client, case, data):
    return client.post(f"/c/{case.token}/problem/", data)


def test_it_saves_the_goods_own_problem_behind_a_conduct_problem(client):
    case = make_case("order")
    data = problem_data(problem="return_refused", underlying_problem="damaged_in_transit")
    assert post(client, case, data).status_code == 302
    case.refresh_from_db()
    assert case.underlying_problem == "damaged_in_transit"


def test_it_saves_the_repairs_the_installation_and_the_goods(client):
    case = make_case("order")
    installed = days_ago(5)
    data = problem_data(
        goods_kind="sanbao",
        repairs_so_far="2",
        installed_on=installed.isoformat(),
        goods_what="  电视机 ",
    )
    assert post(client, case, data).status_code == 302
    case.refresh_from_db()
    assert (case.repairs_so_far, case.installed_on) == (2, installed)
    assert case.goods_what == "电视机"


def test_it_needs_none_of_them(client):
    case = make_case("order")
    assert post(client, case, problem_data()).status_code == 302


@pytest.mark.parametrize("repairs", ["-1", "51", "两次", "1e9"])
def test_it_refuses_a_number_of_repairs_that_is_no_count(client, repairs):
    case = make_case("order")
    response = post(client, case, problem_data(repairs_so_far=repairs))
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.repairs_so_far is None


def test_it_refuses_an_installation_in_the_future(client):
    case = make_case("order")
    response = post(client, case, problem_data(installed_on=days_ago(-2).isoformat()))
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.installed_on is None


def test_it_refuses_an_unknown_underlying_problem(client):
    case = make_case("order")
    response = post(client, case, problem_data(underlying_problem="shop_not_shipping"))
    assert response.status_code == 200


def test_it_refuses_goods_words_longer_than_the_column(client):
    case = make_case("order")
    response = post(client, case, problem_data(goods_what="衣" * 61))
    assert response.status_code == 200
