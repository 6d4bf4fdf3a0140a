from __future__ import annotations

import pytest

from routing import advice as advice_module
from routing.advice import Advice, CaseFacts, advice_for, outcome_is_vague

# A case that triggers no optional advice: a regular channel tried, a concrete outcome with a
# deadline, a factual description.
GOOD = {
    "purchase_kind": "self_operated",
    "problem": "quality_fault",
    "channels_tried": frozenset({"online_service"}),
    "desired_outcome": "exchange",
    "deadline_days": 3,
    "description": "到货后无法启动",
}


def advice_codes(**overrides) -> list[str]:
    return [advice.code for advice in advice_for(CaseFacts(**{**GOOD, **overrides}))]


def test_it_gives_only_the_always_advice_to_a_well_prepared_case():
    assert advice_codes() == ["call_in_hours", "follow_up"]


def test_it_puts_try_regular_first_first_when_nothing_was_tried():
    assert advice_codes(channels_tried=frozenset())[0] == "try_regular_first"


def test_it_marks_try_regular_first_as_a_warning():
    advice = advice_for(CaseFacts(**{**GOOD, "channels_tried": frozenset()}))
    assert advice[0].code == "try_regular_first"
    assert advice[0].warning is True


def test_it_does_not_count_an_earlier_400_call_as_a_regular_channel():
    assert advice_codes(channels_tried=frozenset({"hotline_before"}))[0] == "try_regular_first"


@pytest.mark.parametrize("channel", ["online_service", "shop_service", "app_after_sales"])
def test_it_drops_try_regular_first_once_a_regular_channel_was_tried(channel):
    assert "try_regular_first" not in advice_codes(channels_tried=frozenset({channel}))


@pytest.mark.parametrize("problem", ["tracking_query", "address_change"])
def test_it_says_a_simple_query_needs_no_call_first(problem):
    result = advice_codes(problem=problem, channels_tried=frozenset())
    assert result[0] == "no_call_needed"
    assert "try_regular_first" not in result


@pytest.mark.parametrize("problem", ["tracking_query", "address_change"])
def test_it_does_not_ask_a_simple_query_what_it_wants(problem):
    result = advice_codes(problem=problem, desired_outcome="", deadline_days=None)
    assert "say_what_you_want" not in result
    assert "add_deadline" not in result


def test_it_tells_not_sure_shoppers_to_say_so():
    assert "say_not_sure" in advice_codes(purchase_kind="not_sure")


def test_it_does_not_tell_sure_shoppers_to_say_not_sure():
    assert "say_not_sure" not in advice_codes()


def test_it_asks_to_leave_a_message_when_the_shop_does_not_reply():
    result = advice_codes(
        purchase_kind="third_party",
        problem="shop_not_replying",
        channels_tried=frozenset({"shop_service"}),
    )
    assert "leave_message_first" in result
    assert "mention_message" not in result


def test_it_asks_to_mention_a_message_already_left():
    result = advice_codes(
        purchase_kind="third_party",
        problem="shop_not_replying",
        channels_tried=frozenset({"left_message"}),
    )
    assert "mention_message" in result
    assert "leave_message_first" not in result


def test_it_gives_no_message_advice_for_other_problems():
    result = advice_codes(channels_tried=frozenset({"left_message"}))
    assert "mention_message" not in result
    assert "leave_message_first" not in result


@pytest.mark.parametrize(
    "claim", ["这是假货", "卖家是骗子", "This is a FAKE product", "counterfeit"]
)
def test_it_asks_for_evidence_for_a_strong_claim(claim):
    assert "evidence_for_claim" in advice_codes(description=claim, evidence_count=0)


def test_it_accepts_a_strong_claim_with_evidence():
    assert "evidence_for_claim" not in advice_codes(description="这是假货", evidence_count=1)


def test_it_does_not_ask_for_evidence_for_a_factual_description():
    assert "evidence_for_claim" not in advice_codes(description="屏幕有划痕", evidence_count=0)


def test_it_warns_when_no_outcome_was_chosen():
    result = advice_codes(desired_outcome="", deadline_days=None)
    assert "say_what_you_want" in result
    assert "add_deadline" not in result


def test_it_warns_when_other_outcome_has_a_short_detail():
    assert "say_what_you_want" in advice_codes(desired_outcome="other", outcome_detail="好")


def test_it_accepts_other_outcome_with_a_real_detail():
    result = advice_codes(desired_outcome="other", outcome_detail="补发缺少的配件")
    assert "say_what_you_want" not in result


def test_it_asks_for_a_deadline_when_the_outcome_has_none():
    result = advice_codes(desired_outcome="exchange", deadline_days=None)
    assert "add_deadline" in result
    assert "say_what_you_want" not in result


def test_it_does_not_ask_for_a_deadline_when_there_is_one():
    assert "add_deadline" not in advice_codes(desired_outcome="exchange", deadline_days=3)


def test_it_always_ends_with_call_in_hours_and_follow_up():
    result = advice_codes(
        purchase_kind="not_sure",
        problem="shop_not_replying",
        channels_tried=frozenset(),
        desired_outcome="",
        description="假货",
    )
    assert result[-2:] == ["call_in_hours", "follow_up"]
    assert result == [
        "try_regular_first",
        "say_not_sure",
        "leave_message_first",
        "evidence_for_claim",
        "say_what_you_want",
        "call_in_hours",
        "follow_up",
    ]


def test_it_gives_a_simple_query_nothing_about_calling():
    # Issue 10 item 14: a "no call needed" card does not advise calling in service hours
    # and noting the ticket number.
    assert advice_codes(problem="tracking_query") == ["no_call_needed"]


def test_it_gives_every_advice_a_text():
    result = advice_for(
        CaseFacts(purchase_kind="not_sure", problem="shop_not_replying", description="假货")
    )
    assert all(str(advice.text) for advice in result)


# ----- When each piece applies: every status × every rule (issue 10, item 14) -----

# For each rule: facts that make it fit the case, and the statuses it applies in. Before
# the call, the seed's preparation; waiting, nothing to dial; overdue, calling again;
# closed, nothing but what is true whatever happens next.
STATUSES = ["draft", "prepared", "waiting", "overdue", "resolved", "given_up"]
BEFORE = {"draft", "prepared"}
WHEN = {
    "no_call_needed": ({"problem": "tracking_query"}, set(STATUSES)),
    "try_regular_first": ({"channels_tried": frozenset()}, BEFORE),
    "say_not_sure": ({"purchase_kind": "not_sure"}, BEFORE | {"overdue"}),
    "leave_message_first": (
        {"purchase_kind": "third_party", "problem": "shop_not_replying"},
        BEFORE,
    ),
    "mention_message": (
        {
            "purchase_kind": "third_party",
            "problem": "shop_not_replying",
            "channels_tried": frozenset({"left_message"}),
        },
        BEFORE,
    ),
    "evidence_for_claim": ({"description": "假货"}, BEFORE | {"waiting", "overdue"}),
    "say_what_you_want": (
        {"desired_outcome": "other", "outcome_detail": "给个说法"},
        BEFORE | {"overdue"},
    ),
    "add_deadline": ({"deadline_days": None}, BEFORE | {"overdue"}),
    "call_in_hours": ({}, BEFORE | {"overdue"}),
    "follow_up": ({}, BEFORE),
    "note_new_promise": ({}, {"overdue"}),
}


def test_it_has_a_row_for_every_rule():
    codes = {value.code for value in vars(advice_module).values() if isinstance(value, Advice)}
    assert codes == set(WHEN)


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("code", sorted(WHEN))
def test_it_gives_each_rule_only_in_the_statuses_it_fits(code, status):
    facts, statuses = WHEN[code]
    assert (code in advice_codes(**facts, status=status)) is (status in statuses)


ABOUT_CALLING = {
    "say_not_sure",
    "mention_message",
    "call_in_hours",
    "follow_up",
    "note_new_promise",
}
# Rules about the problem or the call itself, which a simple query never meets.
NOT_FOR_SIMPLE_QUERIES = {
    "try_regular_first",
    "leave_message_first",
    "mention_message",
    "say_what_you_want",
    "add_deadline",
}


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("code", sorted(WHEN))
def test_it_gives_a_case_that_needs_no_call_nothing_about_calling(code, status):
    facts, statuses = WHEN[code]
    facts = {**facts, "problem": "address_change"}
    expected = status in statuses and code not in ABOUT_CALLING | NOT_FOR_SIMPLE_QUERIES
    assert (code in advice_codes(**facts, status=status)) is expected


@pytest.mark.parametrize("status", ["waiting", "overdue", "resolved", "given_up"])
def test_it_does_not_lead_a_case_already_called_with_try_regular_first(status):
    result = advice_codes(channels_tried=frozenset(), status=status)
    assert "try_regular_first" not in result


def test_it_tells_an_overdue_case_what_to_note_on_the_next_call():
    assert advice_codes(status="overdue") == ["call_in_hours", "note_new_promise"]


# ----- Vague outcomes (issue 10, item 12; seed, 技巧3 明确诉求) -----


@pytest.mark.parametrize(
    "detail",
    ["给个说法", "你们看着办", "希望给我一个满意的交代", "尽快处理", "Please sort it out"],
)
def test_it_warns_when_other_outcome_names_no_result(detail):
    assert outcome_is_vague("other", detail)
    assert "say_what_you_want" in advice_codes(desired_outcome="other", outcome_detail=detail)


@pytest.mark.parametrize(
    "detail", ["补发缺少的配件", "尽快补发配件", "赔偿运费 12 元", "A refund of the shipping fee"]
)
def test_it_accepts_other_outcome_that_names_a_result(detail):
    assert not outcome_is_vague("other", detail)


def test_it_does_not_call_a_chosen_outcome_vague_whatever_its_detail():
    assert not outcome_is_vague("exchange", "给个说法")
