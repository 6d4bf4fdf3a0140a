"""The check step: every answer with a link to change it, and the card made from it."""

from __future__ import annotations

import pytest

from cases.models import PriorContact
from tests.factories import days_ago, make_case, tried_data
from tests.steps import check_answers, html_of, post, url

pytestmark = pytest.mark.django_db


def test_it_lists_every_answer_on_the_check_page(client):
    case = make_case("evidence", deadline_days=3, contacts=())
    PriorContact.objects.create(
        case=case,
        channel="online_service",
        contacted_on=days_ago(3),
        answer="让我等通知",
        has_record=True,
    )
    html = html_of(client.get(url(case, "check")))
    rows = check_answers(html)
    assert rows[:6] == [
        "订单号: 123456",
        "购买类型: 京东自营商品",
        "买的是什么: 洗衣机",
        "签收日期: 未填写",
        "问题类型: 商品质量问题（故障、坏了）",
        "问题描述: 到货后无法启动",
    ]
    happened = days_ago(8)
    assert rows[6] == f"发生日期: {happened.year}年{happened.month}月{happened.day}日"
    assert rows[7] == "商品类型: 未填写"
    assert rows[8].startswith("已经尝试过: 京东在线客服（")
    assert rows[8].endswith("：答复“让我等通知”，有记录")
    assert rows[9] == "想要的结果: 维修或上门检测，3 天内"
    assert rows[10] == "证据: 还没有上传"
    assert len(rows) == 11


def test_it_says_when_nothing_was_tried(client):
    case = make_case("evidence", contacts=())
    assert "已经尝试过: 还没有联系过任何渠道" in check_answers(
        html_of(client.get(url(case, "check")))
    )


@pytest.mark.parametrize("slug", ["order", "problem", "tried", "want", "evidence"])
def test_it_links_every_answer_to_its_step(client, slug):
    case = make_case("evidence")
    html = html_of(client.get(url(case, "check")))
    assert f'href="/c/{case.token}/{slug}/?return=check"' in html


def test_it_makes_the_card_from_the_check_page(client):
    case = make_case("evidence")
    response = post(client, case, "check", {})
    assert response.status_code == 302
    assert response.url == f"/c/{case.token}/card/"
    case.refresh_from_db()
    assert case.card_ready_at is not None


def test_it_keeps_the_first_card_time(client):
    case = make_case("check")
    first = case.card_ready_at
    post(client, case, "check", {})
    case.refresh_from_db()
    assert case.card_ready_at == first


def test_it_opens_the_card_once_ready(client):
    case = make_case("check")
    response = client.get(url(case))
    assert response.status_code == 302
    assert response.url == f"/c/{case.token}/card/"


def test_it_sends_an_unfinished_case_from_the_card_to_its_step(client):
    case = make_case("want")
    response = client.get(f"/c/{case.token}/card/")
    assert response.status_code == 302
    assert response.url == url(case, "evidence")


def test_it_says_a_simple_query_needs_no_outcome_on_the_check_page(client):
    case = make_case("evidence", problem="tracking_query", desired_outcome="")
    rows = check_answers(html_of(client.get(url(case, "check"))))
    assert "想要的结果: 不需要：这类问题不用打电话" in rows


def test_it_finishes_a_simple_query_without_an_outcome(client):
    case = make_case("problem", problem="tracking_query")
    post(client, case, "tried", tried_data())
    post(client, case, "evidence", {})
    response = post(client, case, "check", {})
    assert response.url == f"/c/{case.token}/card/"
    card = html_of(client.get(response.url))
    assert "不用打电话" in card
    case.refresh_from_db()
    assert case.desired_outcome == ""
