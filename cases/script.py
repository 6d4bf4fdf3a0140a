"""The call script, in the seed's order (技巧1：订单号 + 问题 + 已尝试的解决方式, 技巧3：明确诉求).

The call is in Chinese whatever language the page is in, so the script is always Chinese;
an English rendering of the same facts is offered to shoppers reading the English UI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from routing.choices import Channel, Outcome, PurchaseKind

# How the kind of purchase is said before the item ("买的京东自营的洗衣机").
KIND_SPOKEN_ZH = {
    PurchaseKind.SELF_OPERATED: "京东自营的",
    PurchaseKind.THIRD_PARTY: "第三方店铺的",
    PurchaseKind.ENTERPRISE: "企业采购的",
}
KIND_SPOKEN_EN = {
    PurchaseKind.SELF_OPERATED: "JD self-operated ",
    PurchaseKind.THIRD_PARTY: "third-party shop ",
    PurchaseKind.ENTERPRISE: "enterprise-account ",
}

# What was tried, as a verb phrase after "已" ("已联系在线客服但未解决").
CHANNEL_DONE_ZH = {
    Channel.ONLINE_SERVICE: "联系在线客服",
    Channel.SHOP_SERVICE: "联系店铺客服",
    Channel.APP_AFTER_SALES: "在京东APP提交售后申请",
    Channel.LEFT_MESSAGE: "在在线客服留言",
    Channel.HOTLINE_BEFORE: "打过400热线",
}
CHANNEL_DONE_EN = {
    Channel.ONLINE_SERVICE: "contacted JD online customer service",
    Channel.SHOP_SERVICE: "contacted the shop's customer service",
    Channel.APP_AFTER_SALES: "filed an after-sales request in the JD app",
    Channel.LEFT_MESSAGE: "left a message with online customer service",
    Channel.HOTLINE_BEFORE: "called a 400 line before",
}

OUTCOME_ZH = {
    Outcome.EXCHANGE: "换货",
    Outcome.RETURN_REFUND: "退货退款",
    Outcome.REFUND_ONLY: "仅退款、不退货",
    Outcome.REPAIR: "安排售后上门检测维修",
    Outcome.SHIP_NOW: "尽快发货",
    Outcome.COMPENSATION: "赔偿运费等损失",
}
OUTCOME_EN = {
    Outcome.EXCHANGE: "an exchange",
    Outcome.RETURN_REFUND: "a return and refund",
    Outcome.REFUND_ONLY: "a refund without returning the goods",
    Outcome.REPAIR: "a repair or an on-site inspection",
    Outcome.SHIP_NOW: "the order shipped now",
    Outcome.COMPENSATION: "compensation, such as the shipping fee",
}

_TRAILING = "。.，,；;！!？? \n\t"


@dataclass(frozen=True)
class Contact:
    channel: str
    answer: str = ""


@dataclass(frozen=True)
class ScriptFacts:
    order_number: str
    purchase_kind: str
    item: str
    description: str
    contacts: list[Contact] = field(default_factory=list)
    desired_outcome: str = ""
    outcome_detail: str = ""
    deadline_days: int | None = None
    # The sentence naming the legal basis (cases/rights.py), said right after what I want.
    basis: str = ""
    basis_en: str = ""


@dataclass(frozen=True)
class FollowUpFacts:
    order_number: str
    ticket_number: str
    promised_by: date | None
    promise: str = ""


def _clause(text: str) -> str:
    return text.strip().rstrip(_TRAILING).strip()


# A script is read aloud: a prior answer is quoted only as far as the agent needs to place
# it. The whole answer stays in the card's facts and in the shopper's own records.
QUOTE_MAX = 30


def _quote(answer: str) -> str:
    answer = _clause(answer)
    return answer if len(answer) <= QUOTE_MAX else answer[:QUOTE_MAX].rstrip() + "…"


# _tried_zh, want_zh and call_script have English twins below, same facts: change both.
def _tried_zh(contacts: list[Contact]) -> str:
    if not contacts:
        return "之前还没有联系过其他渠道"
    parts = []
    for contact in contacts:
        part = CHANNEL_DONE_ZH[contact.channel]
        if contact.answer:
            part += f"（答复是“{_quote(contact.answer)}”）"
        parts.append(part)
    return "已" + "、".join(parts) + "，但未解决"


def want_zh(facts: ScriptFacts) -> str:
    outcome = OUTCOME_ZH.get(facts.desired_outcome, "")
    detail = _clause(facts.outcome_detail)
    if outcome and detail:
        outcome = f"{outcome}（{detail}）"
    elif detail:
        outcome = detail
    if not outcome:
        return "希望尽快处理"
    if facts.deadline_days:
        return f"希望{facts.deadline_days}天内{outcome}"
    return f"希望{outcome}"


def call_script(facts: ScriptFacts) -> str:
    """The script to read aloud: 订单号 → 问题 → 已尝试 → 诉求."""
    kind = KIND_SPOKEN_ZH.get(facts.purchase_kind, "")
    text = (
        f"您好，我的订单号是{facts.order_number}，买的{kind}{_clause(facts.item)}，"
        f"{_clause(facts.description)}，{_tried_zh(facts.contacts)}，{want_zh(facts)}。"
    )
    text += facts.basis
    if facts.purchase_kind == PurchaseKind.NOT_SURE:
        text += "另外，我不确定这件商品是不是京东自营，麻烦帮我确认一下。"
    return text


# The English twins of _tried_zh, want_zh and call_script above: change both.
def _tried_en(contacts: list[Contact]) -> str:
    if not contacts:
        return "I have not contacted any other channel yet"
    parts = []
    for contact in contacts:
        part = CHANNEL_DONE_EN[contact.channel]
        if contact.answer:
            part += f" (they said: “{_quote(contact.answer)}”)"
        parts.append(part)
    if len(parts) > 1:
        parts[-1] = "and " + parts[-1]
    return "I have already " + ", ".join(parts) + ", but it is not resolved"


def want_en(facts: ScriptFacts) -> str:
    outcome = OUTCOME_EN.get(facts.desired_outcome, "")
    detail = _clause(facts.outcome_detail)
    if outcome and detail:
        outcome = f"{outcome} ({detail})"
    elif detail:
        outcome = detail
    if not outcome:
        return "I would like it handled as soon as possible"
    if facts.deadline_days:
        days = "day" if facts.deadline_days == 1 else "days"
        return f"I would like {outcome} within {facts.deadline_days} {days}"
    return f"I would like {outcome}"


def call_script_en(facts: ScriptFacts) -> str:
    """The same script in English, for shoppers who read the English UI."""
    kind = KIND_SPOKEN_EN.get(facts.purchase_kind, "")
    article = "an" if (kind or "item")[0] in "aeiou" else "a"
    text = (
        f"Hello, my order number is {facts.order_number}. I bought {article} {kind}item: "
        f"{_clause(facts.item)}. {_clause(facts.description)}. {_tried_en(facts.contacts)}. "
        f"{want_en(facts)}."
    )
    if facts.basis_en:
        text += f" {facts.basis_en}"
    if facts.purchase_kind == PurchaseKind.NOT_SURE:
        text += " I am not sure whether it is JD self-operated; please check for me."
    return text


def follow_up_script(facts: FollowUpFacts, want: str) -> str:
    """When a promise was missed (seed: 超过预计时间未解决，可再次拨打专线追问)."""
    text = f"您好，我之前来电反映过订单{facts.order_number}的问题"
    if facts.ticket_number:
        text += f"，处理单号是{facts.ticket_number}"
    if facts.promised_by:
        promise = _clause(facts.promise)
        when = f"{facts.promised_by.month}月{facts.promised_by.day}日前"
        text += f"，当时承诺{when}{promise or '解决'}"
    text += f"，目前仍未解决，{want}，请帮我加急处理。"
    return text


def follow_up_script_en(facts: FollowUpFacts, want: str) -> str:
    text = f"Hello, I called before about order {facts.order_number}"
    if facts.ticket_number:
        text += f", ticket number {facts.ticket_number}"
    if facts.promised_by:
        promise = _clause(facts.promise)
        text += f". I was promised {promise or 'a solution'} by {facts.promised_by:%Y-%m-%d}"
    text += f". It is still not resolved. {want}. Please escalate it."
    return text
