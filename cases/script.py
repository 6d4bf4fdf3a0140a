"""The call script, in the seed's order (技巧1：订单号 + 问题 + 已尝试的解决方式, 技巧3：明确诉求).

The call is in Chinese whatever language the page is in, so the script is always Chinese;
an English rendering of the same facts is offered to shoppers reading the English UI.
What the shopper typed in another language is never spliced into a Chinese sentence: the
fixed sentences stay Chinese and say where to look, and their own words follow in one
clearly marked sentence at the end (own_words_zh).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from routing.choices import Channel, Outcome, PurchaseKind
from routing.dates import english_date

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
# Who answered, for naming an answer in own_words_zh ("在线客服的答复：…").
CHANNEL_NAME_ZH = {
    Channel.ONLINE_SERVICE: "在线客服",
    Channel.SHOP_SERVICE: "店铺客服",
    Channel.APP_AFTER_SALES: "京东APP售后",
    Channel.LEFT_MESSAGE: "在线客服留言",
    Channel.HOTLINE_BEFORE: "400热线",
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
    Outcome.CANCEL_REFUND: "取消订单并全额退款",
    Outcome.RESTORE_BENEFIT: "恢复或补发会员券、会员权益",
    Outcome.COMPENSATION: "赔偿运费等损失",
    Outcome.FRAUD_TRIPLE: "退货退款，并按价款的三倍赔偿（退一赔三）",
    Outcome.FOOD_TENFOLD: "退款，并按价款的十倍赔偿",
}
OUTCOME_EN = {
    Outcome.EXCHANGE: "an exchange",
    Outcome.RETURN_REFUND: "a return and refund",
    Outcome.REFUND_ONLY: "a refund without returning the goods",
    Outcome.REPAIR: "a repair or an on-site inspection",
    Outcome.SHIP_NOW: "the order shipped now",
    Outcome.CANCEL_REFUND: "the order cancelled with a full refund",
    Outcome.RESTORE_BENEFIT: "the member coupon or benefit restored or reissued",
    Outcome.COMPENSATION: "compensation, such as the shipping fee",
    Outcome.FRAUD_TRIPLE: "a refund and compensation of three times the price",
    Outcome.FOOD_TENFOLD: "a refund and compensation of ten times the price",
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
    # No legal window gives the chosen outcome now, lapsed or not applicable (cases/rights.py
    # closed_choice): the script asks to negotiate it rather than claiming it as a right,
    # and never admits a lapse for the shopper (the card explains it); `instead` is what is
    # still open.
    unavailable: bool = False
    instead: str = ""


@dataclass(frozen=True)
class FollowUpFacts:
    order_number: str
    ticket_number: str
    promised_by: date | None
    promise: str = ""


def _clause(text: str) -> str:
    return text.strip().rstrip(_TRAILING).strip()


# A script is read aloud: a prior answer is quoted only as far as the agent needs to place
# it. The whole answer stays in the card's facts and in the shopper's own records. The
# length is a width: a Chinese character counts two, so an English quote keeps about as
# much meaning (some ten words) as a Chinese one of 30 characters.
QUOTE_WIDTH = 60
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_CLAUSE_END = "。！？；，、.!?;,"


def _width(text: str) -> int:
    return sum(2 if _CJK.match(char) else 1 for char in text)


def _in_a_word(char: str) -> bool:
    """A letter or digit of a spaced language: cutting next to another one splits a word.
    (Between two Chinese characters any cut is a word boundary.)"""
    return char.isalnum() and not _CJK.match(char)


def _quote(answer: str) -> str:
    """The answer, or its start cut at a sentence, clause or word boundary, never inside a
    word, in any language."""
    answer = _clause(answer)
    if _width(answer) <= QUOTE_WIDTH:
        return answer
    end, width = 0, 0
    while width + _width(answer[end]) <= QUOTE_WIDTH:
        width += _width(answer[end])
        end += 1
    head = answer[:end]
    # The end of a sentence or clause, if it keeps at least half of what fits.
    clause = max(head.rfind(mark) for mark in _CLAUSE_END)
    if clause >= end // 2:
        head = head[:clause]
    elif _in_a_word(answer[end - 1]) and _in_a_word(answer[end]):
        # Back to the word's start: the last space, or the last Chinese character.
        start = end - 1
        while start > 0 and _in_a_word(answer[start - 1]):
            start -= 1
        if start > 0:
            head = head[:start]
    return head.rstrip(_TRAILING).strip() + "…"


# ----- The shopper's own words in another language -----

_LETTERS = re.compile(r"[^\W\d_]{2,}")


def is_foreign(text: str) -> bool:
    """Typed in a language other than Chinese: words, and not one Chinese character. A model
    number in capitals ("XQG100-B") is said as written; "Fridge" is not Chinese."""
    if _CJK.search(text):
        return False
    return any(not word.isupper() for word in _LETTERS.findall(text))


def _spoken(text: str) -> str:
    """The text for a Chinese sentence: itself, or nothing when it is in another language
    (then it goes into own_words_zh)."""
    text = _clause(text)
    return "" if is_foreign(text) else text


def own_words_zh(words: list[tuple[str, str]]) -> str:
    """One clearly marked sentence with what the shopper typed in another language, each
    piece named in Chinese; "" when everything was typed in Chinese."""
    pieces = [f"{label}：{_clause(text)}" for label, text in words if is_foreign(_clause(text))]
    if not pieces:
        return ""
    return "（以下是我用英文写的原话——" + "；".join(pieces) + "）"


def _own_words(facts: ScriptFacts) -> list[tuple[str, str]]:
    words = [("商品", facts.item), ("问题", facts.description)]
    words += [
        (f"{CHANNEL_NAME_ZH[contact.channel]}的答复", _quote(contact.answer))
        for contact in facts.contacts
        if contact.answer
    ]
    words.append(("诉求", facts.outcome_detail))
    return words


# _tried_zh, want_zh and call_script have English twins below, same facts: change both.
def _tried_zh(contacts: list[Contact]) -> str:
    if not contacts:
        return "之前还没有联系过其他渠道"
    parts = []
    for contact in contacts:
        part = CHANNEL_DONE_ZH[contact.channel]
        if contact.answer and not is_foreign(_clause(contact.answer)):
            part += f"（答复是“{_quote(contact.answer)}”）"
        parts.append(part)
    return "已" + "、".join(parts) + "，但未解决"


def want_zh(facts: ScriptFacts) -> str:
    if facts.unavailable:
        chosen = OUTCOME_ZH.get(facts.desired_outcome, "")
        if facts.instead in OUTCOME_ZH:
            return f"想问问能否协商{chosen}；如果不行，希望{OUTCOME_ZH[facts.instead]}"
        return f"想问问能否协商{chosen}"
    outcome = OUTCOME_ZH.get(facts.desired_outcome, "")
    detail = _spoken(facts.outcome_detail)
    if not outcome and not detail and facts.outcome_detail.strip():
        outcome = "按我最后用英文说的诉求处理"
    if outcome and detail:
        outcome = f"{outcome}（{detail}）"
    elif detail:
        outcome = detail
    if not outcome:
        return "希望尽快处理"
    if facts.deadline_days:
        return f"希望{facts.deadline_days}天内{outcome}"
    return f"希望{outcome}"


# The script's four parts, in the order they are said (the call page shows each as a block
# to read aloud and tick off; the card joins them into one paragraph).
PART_KEYS = ("order", "problem", "tried", "want")


def script_parts(facts: ScriptFacts) -> dict[str, str]:
    """The script to read aloud, part by part: 订单号 → 问题 → 已尝试 → 诉求 (the legal basis,
    the not-sure question and the shopper's own words ride with the last part)."""
    kind = KIND_SPOKEN_ZH.get(facts.purchase_kind, "")
    item = _spoken(facts.item) or "商品"
    problem = _spoken(facts.description) or "商品出了问题，具体情况我用英文写在最后"
    want = f"{want_zh(facts)}。{facts.basis}"
    if facts.purchase_kind == PurchaseKind.NOT_SURE:
        want += "另外，我不确定这件商品是不是京东自营，麻烦帮我确认一下。"
    return {
        "order": f"您好，我的订单号是{facts.order_number}",
        "problem": f"买的{kind}{item}，{problem}",
        "tried": _tried_zh(facts.contacts),
        "want": want + own_words_zh(_own_words(facts)),
    }


def call_script(facts: ScriptFacts) -> str:
    """The script to read aloud: 订单号 → 问题 → 已尝试 → 诉求, as one paragraph."""
    return "，".join(script_parts(facts).values())


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
    if facts.unavailable:
        chosen = OUTCOME_EN.get(facts.desired_outcome, "")
        if facts.instead in OUTCOME_EN:
            return (
                f"I would like to ask whether {chosen} can be agreed; if not, I would like "
                f"{OUTCOME_EN[facts.instead]}"
            )
        return f"I would like to ask whether {chosen} can be agreed"
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


def script_parts_en(facts: ScriptFacts) -> dict[str, str]:
    """The same parts in English, for shoppers who read the English UI."""
    kind = KIND_SPOKEN_EN.get(facts.purchase_kind, "")
    article = "an" if (kind or "item")[0] in "aeiou" else "a"
    want = f"{want_en(facts)}."
    if facts.basis_en:
        want += f" {facts.basis_en}"
    if facts.purchase_kind == PurchaseKind.NOT_SURE:
        want += " I am not sure whether it is JD self-operated; please check for me."
    return {
        "order": f"Hello, my order number is {facts.order_number}.",
        "problem": (
            f"I bought {article} {kind}item: {_clause(facts.item)}. {_clause(facts.description)}."
        ),
        "tried": f"{_tried_en(facts.contacts)}.",
        "want": want,
    }


def call_script_en(facts: ScriptFacts) -> str:
    """The same script in English, for shoppers who read the English UI."""
    return " ".join(script_parts_en(facts).values())


# A promise that carries its own time ("3个工作日内退款") is quoted, with the date after it;
# one without ("上门检测") reads "当时承诺12月3日前上门检测".
_HAS_TIME = re.compile(
    r"\d|[一二两三四五六七八九十几半]\s*[个天日周月号]|[内前后]|工作日|小时|今天|明天"
)


def _promise_zh(facts: FollowUpFacts) -> str:
    assert facts.promised_by is not None
    when = f"{facts.promised_by.month}月{facts.promised_by.day}日"
    promise = _spoken(facts.promise).removeprefix("会").removeprefix("将")
    if not promise:
        return f"当时承诺{when}前解决"
    if _HAS_TIME.search(promise):
        return f"当时承诺“{promise}”，也就是{when}前"
    return f"当时承诺{when}前{promise}"


def follow_up_script(facts: FollowUpFacts, want: str) -> str:
    """When a promise was missed (seed: 超过预计时间未解决，可再次拨打专线追问): the ticket
    number first, so the agent opens the earlier record at once, then the order number."""
    if facts.ticket_number:
        text = (
            f"您好，我的处理单号是{facts.ticket_number}，订单号是{facts.order_number}，"
            "之前来电反映过这个问题"
        )
    else:
        text = f"您好，我的订单号是{facts.order_number}，之前来电反映过这个问题"
    if facts.promised_by:
        text += "，" + _promise_zh(facts)
    text += f"，目前仍未解决，{want}，请帮我加急处理。"
    return text + own_words_zh([("客服当时的承诺", facts.promise)])


def follow_up_script_en(facts: FollowUpFacts, want: str) -> str:
    if facts.ticket_number:
        text = (
            f"Hello, my ticket number is {facts.ticket_number}, order number "
            f"{facts.order_number}. I called before about this problem"
        )
    else:
        text = f"Hello, my order number is {facts.order_number}. I called before about it"
    if facts.promised_by:
        promise = _clause(facts.promise)
        when = english_date(facts.promised_by)
        text += f". I was promised {promise or 'a solution'} by {when}"
    text += f". It is still not resolved. {want}. Please escalate it."
    return text
