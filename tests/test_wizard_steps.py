from __future__ import annotations

import re

import pytest

from cases.models import Case, PriorContact
from routing.choices import Outcome
from tests.factories import ORDER, WANT, days_ago, make_case, problem_data, tried_data
from tests.html import error_message, error_summary, form_values

pytestmark = pytest.mark.django_db

SUMMARY_TITLE = "有些内容需要修改"


def url(case: Case, slug: str = "", query: str = "") -> str:
    path = f"/c/{case.token}/{slug}/" if slug else f"/c/{case.token}/"
    return path + (f"?{query}" if query else "")


def post(client, case: Case, slug: str, data: dict, query: str = ""):
    return client.post(url(case, slug, query), data)


def html_of(response) -> str:
    return response.content.decode()


def check_answers(case: Case) -> list[str]:
    """The check page's rows as "label: value" text."""
    return [
        re.sub(r"<[^>]+>", "", f"{key}: {value}").strip()
        for key, value in re.findall(
            r'<dt class="summary__key">(.*?)</dt>\s*<dd class="summary__value">(.*?)</dd>',
            case,
            re.S,
        )
    ]


# Order -------------------------------------------------------------------------------------


def test_it_shows_the_order_step_of_a_new_case(client):
    case = make_case(upto=None)
    response = client.get(url(case, "order"))
    assert response.status_code == 200
    assert "cases/steps/order.html" in [t.name for t in response.templates]
    assert 'name="order_number"' in html_of(response)


def test_it_saves_the_order_step(client):
    case = make_case(upto=None)
    response = post(client, case, "order", ORDER)
    assert response.status_code == 302
    assert response.url == url(case, "problem")
    case.refresh_from_db()
    assert (case.order_number, case.purchase_kind, case.item) == (
        "1234567890",
        "self_operated",
        "洗衣机",
    )


def test_it_keeps_every_typed_value_of_an_invalid_order_step(client):
    case = make_case(upto=None)
    data = {
        "order_number": "12ab34",
        "purchase_kind": "third_party",
        "item": "羽绒服",
        "received_on": "2026-12-01",
    }
    response = post(client, case, "order", data)
    assert response.status_code == 200
    assert form_values(html_of(response)) == data


def test_it_does_not_save_an_invalid_order_step(client):
    case = make_case(upto=None)
    post(client, case, "order", {**ORDER, "order_number": "12ab34"})
    case.refresh_from_db()
    assert case.order_number == ""
    assert case.item == ""


def test_it_shows_the_order_number_message_next_to_the_field(client):
    case = make_case(upto=None)
    html = html_of(post(client, case, "order", {**ORDER, "order_number": "12ab34"}))
    assert "京东APP → 我的 → 我的订单" in error_message(html, "id_order_number")
    assert 'aria-invalid="true"' in html
    assert re.search(
        r'<input[^>]*name="order_number"[^>]*aria-describedby="[^"]*\bid_order_number_error\b',
        html,
    )


def test_it_describes_a_wrong_radio_group_by_its_hint_and_message(client):
    case = make_case(upto=None)
    html = html_of(post(client, case, "order", {**ORDER, "purchase_kind": ""}))
    assert (
        '<fieldset class="fieldset" aria-describedby="id_purchase_kind_helptext'
        ' id_purchase_kind_error">'
    ) in html


def test_it_lists_the_order_number_message_in_the_error_summary(client):
    case = make_case(upto=None)
    html = html_of(post(client, case, "order", {**ORDER, "order_number": "12ab34"}))
    summary = error_summary(html)
    assert SUMMARY_TITLE in summary
    assert 'href="#id_order_number"' in summary
    assert "订单号只能是数字" in summary


def test_it_marks_the_title_of_an_invalid_step(client):
    case = make_case(upto=None)
    html = html_of(post(client, case, "order", {**ORDER, "item": ""}))
    assert re.search(r"<title>错误：", html)


def test_it_shows_no_error_summary_on_a_fresh_step(client):
    case = make_case(upto=None)
    html = html_of(client.get(url(case, "order")))
    assert SUMMARY_TITLE not in html
    assert "错误：" not in html


def test_it_asks_for_every_missing_order_answer(client):
    case = make_case(upto=None)
    html = html_of(post(client, case, "order", {}))
    assert error_message(html, "id_order_number") == "错误：请填写订单号。"
    assert error_message(html, "id_purchase_kind") == "错误：请选择购买类型；看不出来就选“不确定”。"
    assert error_message(html, "id_item") == "错误：请写一下买的是什么，例如“洗衣机”。"
    assert 'href="#id_purchase_kind-group"' in error_summary(html)


def test_it_prefills_the_order_step_with_saved_answers(client):
    case = make_case("order", **ORDER)
    values = form_values(html_of(client.get(url(case, "order"))))
    assert values == {**ORDER, "received_on": ""}


# Problem -----------------------------------------------------------------------------------


def test_it_saves_the_problem_step(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data())
    assert response.status_code == 302
    assert response.url == url(case, "tried")
    case.refresh_from_db()
    assert case.problem == "quality_fault"
    assert case.description == problem_data()["description"]
    assert case.happened_on == days_ago(8)


def test_it_keeps_chinese_punctuation_in_the_description(client):
    # Full-width letters and digits are folded; the shopper's Chinese punctuation is not.
    case = make_case("order")
    description = "到货后无法启动，按电源键没反应（已重启）：怎么办？"
    post(client, case, "problem", problem_data(description=description))
    case.refresh_from_db()
    assert case.description == description


def test_it_folds_full_width_letters_and_digits_in_the_description(client):
    case = make_case("order")
    post(client, case, "problem", problem_data(description="型号ＸＱＧ１００无法启动"))
    case.refresh_from_db()
    assert case.description == "型号XQG100无法启动"


def test_it_keeps_every_typed_value_of_an_invalid_problem_step(client):
    case = make_case("order")
    data = problem_data(description="屏幕有裂痕", happened_on=days_ago(-3).isoformat())
    response = post(client, case, "problem", data)
    assert response.status_code == 200
    assert form_values(html_of(response)) == data


def test_it_offers_only_the_problems_that_fit_the_kind(client):
    case = make_case("order", purchase_kind="self_operated")
    html = html_of(client.get(url(case, "problem")))
    offered = re.findall(r'name="problem"[^>]*value="([a-z_]+)"', html)
    assert "shop_not_shipping" not in offered
    assert offered[0] == "quality_fault"
    assert offered[-1] == "other"


def test_it_offers_a_plus_member_the_membership_problems_first_and_goods_after(client):
    # A PLUS member with a product problem is not sent back (PRODUCT.md, routing rules).
    case = make_case("order", purchase_kind="plus")
    html = html_of(client.get(url(case, "problem")))
    offered = re.findall(r'name="problem"[^>]*value="([a-z_]+)"', html)
    assert offered[0] == "member_benefit"
    assert "quality_fault" in offered
    assert "shop_not_shipping" not in offered


def test_it_offers_shop_problems_for_third_party_goods(client):
    case = make_case("order", purchase_kind="third_party")
    html = html_of(client.get(url(case, "problem")))
    assert 'value="shop_not_shipping"' in html
    assert 'value="member_benefit"' not in html


def test_it_refuses_a_problem_that_does_not_fit_the_kind(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(problem="shop_not_shipping"))
    assert response.status_code == 200
    assert "不匹配" in error_message(html_of(response), "id_problem")
    assert "京东自营商品" in error_message(html_of(response), "id_problem")
    case.refresh_from_db()
    assert case.problem == ""


def test_it_refuses_a_future_date(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(happened_on=days_ago(-1).isoformat()))
    assert response.status_code == 200
    assert "日期不能晚于今天" in error_message(html_of(response), "id_happened_on")
    assert "日期不能晚于今天" in error_summary(html_of(response))


def test_it_accepts_today(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(happened_on=days_ago(0).isoformat()))
    assert response.status_code == 302


def test_it_refuses_a_date_it_cannot_read(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(happened_on="昨天"))
    assert response.status_code == 200
    assert "年-月-日" in error_message(html_of(response), "id_happened_on")


def test_it_refuses_a_description_over_500_characters(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(description="坏" * 501))
    assert response.status_code == 200
    assert error_message(html_of(response), "id_description")
    case.refresh_from_db()
    assert case.description == ""


def test_it_accepts_a_description_of_500_characters(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(description="坏" * 500))
    assert response.status_code == 302
    case.refresh_from_db()
    assert len(case.description) == 500


# A shop problem does not fit self-operated goods: changing the kind unsettles it.
SHOP_CASE = {"purchase_kind": "third_party", "problem": "shop_not_shipping"}


def test_it_asks_again_for_a_problem_that_no_longer_fits_a_changed_kind(client):
    case = make_case("want", **SHOP_CASE)
    response = post(client, case, "order", ORDER, "return=check")
    assert response.status_code == 302
    # Still on the way back to "check answers": only the step the change unsettled.
    assert response.url == url(case, "problem", "return=check")
    response = client.get(url(case))
    assert response.status_code == 302
    assert response.url == url(case, "problem")


def test_it_keeps_the_saved_problem_when_the_kind_changes(client):
    case = make_case("want")
    post(client, case, "order", {**ORDER, "purchase_kind": "plus"})
    case.refresh_from_db()
    assert case.purchase_kind == "plus"
    assert case.problem == "quality_fault"


def test_it_closes_later_steps_once_the_problem_no_longer_fits(client):
    case = make_case("evidence", **SHOP_CASE)
    post(client, case, "order", ORDER)
    response = client.get(url(case, "check"))
    assert response.status_code == 302
    assert response.url == url(case, "problem")


# Already tried -----------------------------------------------------------------------------


def test_it_shows_one_row_per_channel(client):
    case = make_case("problem")
    html = html_of(client.get(url(case, "tried")))
    assert re.findall(r'name="tried-\d-channel"[^>]*value="([a-z_]+)"', html) == [
        "online_service",
        "shop_service",
        "app_after_sales",
        "left_message",
        "hotline_before",
    ]


def test_it_accepts_nothing_tried(client):
    case = make_case("problem")
    response = post(client, case, "tried", tried_data())
    assert response.status_code == 302
    assert response.url == url(case, "want")
    case.refresh_from_db()
    assert case.tried_answered is True
    assert case.prior_contacts.count() == 0


def test_it_refuses_a_ticked_channel_without_a_date(client):
    case = make_case("problem")
    response = post(client, case, "tried", tried_data({"online_service": {"answer": "等通知"}}))
    assert response.status_code == 200
    html = html_of(response)
    assert "请填写联系的日期" in error_message(html, "id_tried-0-contacted_on")
    assert SUMMARY_TITLE in error_summary(html)
    assert 'href="#id_tried-0-contacted_on"' in error_summary(html)
    case.refresh_from_db()
    assert case.tried_answered is False
    assert case.prior_contacts.count() == 0


def test_it_keeps_every_typed_value_of_an_invalid_tried_step(client):
    case = make_case("problem")
    data = tried_data(
        {
            "online_service": {"answer": "等通知", "has_record": True},
            "shop_service": {"contacted_on": days_ago(2).isoformat(), "answer": "不理我"},
        }
    )
    html = html_of(post(client, case, "tried", data))
    values = form_values(html)
    assert values == {k: v for k, v in data.items() if not k.endswith("MIN_NUM_FORMS")} | {
        "tried-MIN_NUM_FORMS": "0"
    }


def test_it_saves_a_ticked_channel_with_a_date(client):
    case = make_case("problem")
    data = tried_data(
        {
            "online_service": {
                "contacted_on": days_ago(3).isoformat(),
                "answer": "让我等通知",
                "has_record": True,
            }
        }
    )
    response = post(client, case, "tried", data)
    assert response.status_code == 302
    assert response.url == url(case, "want")
    contact = PriorContact.objects.get(case=case)
    assert contact.channel == "online_service"
    assert contact.contacted_on == days_ago(3)
    assert contact.answer == "让我等通知"
    assert contact.has_record is True


def test_it_saves_several_channels(client):
    case = make_case("problem")
    data = tried_data(
        {
            "online_service": {"contacted_on": days_ago(3).isoformat()},
            "left_message": {"contacted_on": days_ago(2).isoformat()},
        }
    )
    post(client, case, "tried", data)
    assert set(case.prior_contacts.values_list("channel", flat=True)) == {
        "online_service",
        "left_message",
    }


def test_it_ignores_details_of_an_unticked_channel(client):
    case = make_case("problem")
    data = tried_data()
    data["tried-1-contacted_on"] = days_ago(3).isoformat()
    data["tried-1-answer"] = "没用"
    response = post(client, case, "tried", data)
    assert response.status_code == 302
    assert case.prior_contacts.count() == 0


def test_it_deletes_a_channel_that_is_unticked(client):
    case = make_case("tried", contacts=())
    PriorContact.objects.create(case=case, channel="online_service", contacted_on=days_ago(3))
    PriorContact.objects.create(case=case, channel="shop_service", contacted_on=days_ago(2))
    data = tried_data({"shop_service": {"contacted_on": days_ago(2).isoformat()}})
    response = post(client, case, "tried", data)
    assert response.status_code == 302
    assert list(case.prior_contacts.values_list("channel", flat=True)) == ["shop_service"]


def test_it_prefills_the_tried_step_with_saved_contacts(client):
    case = make_case("tried", contacts=())
    PriorContact.objects.create(
        case=case, channel="shop_service", contacted_on=days_ago(2), answer="再等等"
    )
    values = form_values(html_of(client.get(url(case, "tried"))))
    assert values["tried-1-used"] == "on"
    assert values["tried-1-contacted_on"] == days_ago(2).isoformat()
    assert values["tried-1-answer"] == "再等等"
    assert "tried-0-used" not in values


def test_it_refuses_a_future_contact_date(client):
    case = make_case("problem")
    data = tried_data({"online_service": {"contacted_on": days_ago(-2).isoformat()}})
    response = post(client, case, "tried", data)
    assert response.status_code == 200
    assert "日期不能晚于今天" in error_message(html_of(response), "id_tried-0-contacted_on")


def test_it_refuses_a_forged_duplicate_channel(client):
    case = make_case("problem")
    data = tried_data({"online_service": {"contacted_on": days_ago(3).isoformat()}})
    data["tried-1-channel"] = "online_service"
    data["tried-1-used"] = "on"
    data["tried-1-contacted_on"] = days_ago(3).isoformat()
    response = post(client, case, "tried", data)
    assert response.status_code == 200
    assert "表单已过期" in error_summary(html_of(response))
    assert case.prior_contacts.count() == 0


def test_it_refuses_a_formset_without_its_management_form(client):
    case = make_case("problem")
    response = post(client, case, "tried", {})
    assert response.status_code == 200
    assert SUMMARY_TITLE in error_summary(html_of(response))
    case.refresh_from_db()
    assert case.tried_answered is False


# What I want -------------------------------------------------------------------------------


def test_it_saves_the_want_step(client):
    case = make_case("tried")
    response = post(client, case, "want", WANT)
    assert response.status_code == 302
    assert response.url == url(case, "evidence")
    case.refresh_from_db()
    assert (case.desired_outcome, case.deadline_days) == ("repair", 3)


def test_it_accepts_no_deadline(client):
    case = make_case("tried")
    response = post(client, case, "want", {**WANT, "deadline_days": ""})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.deadline_days is None


def test_it_refuses_other_outcome_without_detail(client):
    case = make_case("tried")
    response = post(client, case, "want", {**WANT, "desired_outcome": "other"})
    assert response.status_code == 200
    assert "选了“其他”" in error_message(html_of(response), "id_outcome_detail")
    case.refresh_from_db()
    assert case.desired_outcome == ""


def test_it_saves_other_outcome_with_detail(client):
    case = make_case("tried")
    data = {**WANT, "desired_outcome": "other", "outcome_detail": "补发缺少的配件"}
    assert post(client, case, "want", data).status_code == 302
    case.refresh_from_db()
    assert (case.desired_outcome, case.outcome_detail) == ("other", "补发缺少的配件")


def test_it_reads_a_full_width_deadline(client):
    case = make_case("tried")
    response = post(client, case, "want", {**WANT, "deadline_days": "３"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.deadline_days == 3


@pytest.mark.parametrize(
    ("days", "message"),
    [("0", "天数至少为 1。"), ("91", "天数最多为 90。"), ("三天", "请填写天数，例如 3。")],
)
def test_it_refuses_a_deadline_out_of_range(client, days, message):
    case = make_case("tried")
    response = post(client, case, "want", {**WANT, "deadline_days": days})
    assert response.status_code == 200
    assert message in error_message(html_of(response), "id_deadline_days")
    case.refresh_from_db()
    assert case.deadline_days is None


def test_it_keeps_every_typed_value_of_an_invalid_want_step(client):
    case = make_case("tried")
    data = {"desired_outcome": "exchange", "outcome_detail": "换新的", "deadline_days": "91"}
    html = html_of(post(client, case, "want", data))
    assert form_values(html) == data


# Evidence and check ------------------------------------------------------------------------


def test_it_passes_the_evidence_step(client):
    case = make_case("want")
    response = post(client, case, "evidence", {})
    assert response.status_code == 302
    assert response.url == url(case, "check")
    case.refresh_from_db()
    assert case.evidence_answered is True


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


# Order of the steps ------------------------------------------------------------------------


def test_it_sends_a_new_case_from_a_later_step_to_the_order_step(client):
    case = make_case(upto=None)
    response = client.get(url(case, "want"))
    assert response.status_code == 302
    assert response.url == url(case, "order")


def test_it_does_not_save_a_post_to_a_step_not_yet_open(client):
    case = make_case(upto=None)
    response = post(client, case, "want", WANT)
    assert response.status_code == 302
    assert response.url == url(case, "order")
    case.refresh_from_db()
    assert case.desired_outcome == ""


def test_it_opens_the_check_page_only_after_the_evidence_step(client):
    case = make_case("want")
    response = client.get(url(case, "check"))
    assert response.status_code == 302
    assert response.url == url(case, "evidence")


def test_it_lets_the_shopper_reopen_an_earlier_step(client):
    case = make_case("want")
    assert client.get(url(case, "order")).status_code == 200


def test_it_sends_a_fresh_case_home_to_the_order_step(client):
    case = make_case(upto=None)
    response = client.get(url(case))
    assert response.status_code == 302
    assert response.url == url(case, "order")


def test_it_walks_through_every_step_in_order(client):
    response = client.post("/c/new/")
    case = Case.objects.get()
    steps = [
        ("order", ORDER, "problem"),
        ("problem", problem_data(), "tried"),
        ("tried", tried_data(), "want"),
        ("want", WANT, "evidence"),
        ("evidence", {}, "check"),
    ]
    for slug, data, following in steps:
        response = post(client, case, slug, data)
        assert response.status_code == 302, slug
        assert response.url == url(case, following)
    response = post(client, case, "check", {})
    assert response.url == f"/c/{case.token}/card/"


def test_it_404s_an_unknown_step(client):
    case = make_case("want")
    response = client.get(url(case, "payment"))
    assert response.status_code == 404


def test_it_rejects_put_on_a_step(client):
    case = make_case(upto=None)
    assert client.put(url(case, "order")).status_code == 405


# Changing an answer from the check page ----------------------------------------------------


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
    assert f'<a class="back-link" href="/c/{case.token}/check/">' in html


@pytest.mark.parametrize(
    ("slug", "previous"),
    [("problem", "order"), ("tried", "problem"), ("want", "tried"), ("evidence", "want")],
)
def test_it_links_back_to_the_previous_step(client, slug, previous):
    case = make_case("evidence")
    html = html_of(client.get(url(case, slug)))
    assert f'<a class="back-link" href="/c/{case.token}/{previous}/">' in html


def test_it_links_back_from_the_order_step_to_the_start_page(client):
    case = make_case(upto=None)
    assert '<a class="back-link" href="/">' in html_of(client.get(url(case, "order")))


# htmx --------------------------------------------------------------------------------------


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


def test_it_ignores_a_wrong_date_left_in_an_unticked_channel(client):
    # The details of an unticked channel are hidden: an error there would trap the shopper.
    case = make_case("problem")
    data = tried_data()
    data["tried-0-contacted_on"] = "2099-01-01"
    response = post(client, case, "tried", data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.tried_answered
    assert not case.prior_contacts.exists()


def test_it_names_the_channel_whose_date_is_missing(client):
    case = make_case("problem")
    response = post(client, case, "tried", tried_data({"shop_service": {"contacted_on": ""}}))
    assert response.status_code == 200
    assert "店铺客服：请填写联系的日期（大概即可）。" in html_of(response)


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


def test_it_refuses_a_date_with_a_mistyped_year(client):
    case = make_case("order")
    response = post(client, case, "problem", problem_data(happened_on="0026-11-20"))
    assert response.status_code == 200
    assert "日期太早了，请检查年份。" in html_of(response)


# Simple queries need no outcome (issue 10, item 15) --------------------------------------


def test_it_says_on_the_problem_step_that_a_simple_query_needs_no_call(client):
    html = html_of(client.get(url(make_case("order"), "problem")))
    assert "这两类不用打电话" in html
    assert "京东APP → 我的 → 我的订单 → 订单详情" in html


@pytest.mark.parametrize("problem", ["tracking_query", "address_change"])
def test_it_skips_the_want_step_for_a_simple_query(client, problem):
    case = make_case("problem", problem=problem)
    response = post(client, case, "tried", tried_data())
    assert response.url == url(case, "evidence")
    assert "第 4 步，共 5 步" in html_of(client.get(url(case, "evidence")))


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


def test_it_leads_back_from_evidence_past_the_skipped_want_step(client):
    case = make_case("tried", problem="address_change")
    html = html_of(client.get(url(case, "evidence")))
    assert f'class="back-link" href="{url(case, "tried")}"' in html


def test_it_lets_a_simple_query_pass_the_want_step_without_choosing(client):
    case = make_case("tried", problem="tracking_query")
    response = post(client, case, "want", {"desired_outcome": "", "outcome_detail": ""})
    assert response.status_code == 302
    assert "请选择你想要的结果。" not in html_of(client.get(url(case, "want")))


def test_it_still_asks_a_real_problem_for_an_outcome(client):
    case = make_case("tried")
    response = post(client, case, "want", {"desired_outcome": "", "outcome_detail": ""})
    assert response.status_code == 200
    assert "请选择你想要的结果。" in error_message(html_of(response), "id_desired_outcome")


# Outcomes that fit the problem (issue 10, item 16) ---------------------------------------


def offered_outcomes(client, case: Case) -> list[str]:
    html = html_of(client.get(url(case, "want")))
    return re.findall(r'name="desired_outcome"[^>]*value="([a-z_]+)"', html)


def test_it_offers_a_member_coupon_problem_restoring_the_coupon_first(client):
    case = make_case("tried", purchase_kind="plus", problem="member_benefit")
    assert offered_outcomes(client, case)[:2] == ["restore_benefit", "compensation"]


def test_it_offers_a_shop_that_does_not_ship_shipping_or_cancelling_first(client):
    case = make_case("tried", purchase_kind="third_party", problem="shop_not_shipping")
    assert offered_outcomes(client, case)[:3] == ["ship_now", "cancel_refund", "compensation"]


@pytest.mark.parametrize("problem", ["quality_fault", "member_benefit", "other"])
def test_it_offers_every_outcome_once_with_other_last(client, problem):
    case = make_case("tried", purchase_kind="not_sure", problem=problem)
    offered = offered_outcomes(client, case)
    assert sorted(offered) == sorted(Outcome.values)
    assert offered[-1] == "other"


def test_it_heads_the_fitting_outcomes(client):
    html = html_of(client.get(url(make_case("tried"), "want")))
    assert html.index("适合这个问题的结果") < html.index('value="repair"')
    assert html.index('value="repair"') < html.index("其他结果")


def test_it_saves_a_new_outcome(client):
    case = make_case("tried", purchase_kind="plus", problem="member_benefit")
    post(client, case, "want", {"desired_outcome": "restore_benefit", "outcome_detail": ""})
    case.refresh_from_db()
    assert case.desired_outcome == "restore_benefit"


# Vague outcomes (issue 10, item 12; seed, 技巧3 明确诉求) --------------------------------

VAGUE = {"desired_outcome": "other", "outcome_detail": "给个说法", "deadline_days": ""}


def test_it_saves_a_vague_outcome_and_shows_the_want_step_again_with_a_warning(client):
    case = make_case("tried")
    response = post(client, case, "want", VAGUE)
    assert response.url == url(case, "want") + "#vague-outcome"
    case.refresh_from_db()
    assert case.outcome_detail == "给个说法"
    html = html_of(client.get(url(case, "want")))
    assert "“给个说法”说的不是一个具体结果" in html
    assert "退货退款、换货、安排售后上门检测维修" in html


def test_it_lets_a_vague_outcome_go_on_when_pressed_again(client):
    case = make_case("tried")
    post(client, case, "want", VAGUE)
    response = post(client, case, "want", VAGUE)
    assert response.url == url(case, "evidence")


def test_it_does_not_warn_about_a_concrete_outcome(client):
    case = make_case("tried")
    data = {**VAGUE, "outcome_detail": "补发缺少的配件"}
    response = post(client, case, "want", data)
    assert response.url == url(case, "evidence")
    assert "不是一个具体结果" not in html_of(client.get(url(case, "want")))


# PLUS members with a product problem (issue 10, item 17) ---------------------------------


def test_it_explains_on_the_order_step_what_the_plus_line_is_for(client):
    html = html_of(client.get(url(make_case(upto=None), "order")))
    assert "PLUS 会员专线处理的是会员券、会员权益" in html
    assert "作为会员买的商品出了问题，也按卖家选" in html


def test_it_accepts_a_product_problem_from_a_plus_member(client):
    case = make_case("order", purchase_kind="plus")
    response = post(client, case, "problem", problem_data(problem="quality_fault"))
    assert response.status_code == 302
    assert response.url == url(case, "tried")


def test_it_tells_a_plus_member_on_the_problem_step_where_goods_go(client):
    html = html_of(client.get(url(make_case("order", purchase_kind="plus"), "problem")))
    assert "会转到 PLUS 会员专属售后" in html
