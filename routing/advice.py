"""The seed's tips and pitfalls as gentle advice: which apply to a case, most important first.

None of it blocks the shopper; the card shows it. Each piece has a stable code (tests and
templates use it) and a translated text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from routing.choices import (
    REGULAR_CHANNELS,
    SIMPLE_QUERIES,
    Channel,
    Outcome,
    ProblemCategory,
    PurchaseKind,
)

# Claims an agent will want proof of (seed, "别夸大问题": a "假货" claim without evidence
# delayed one shopper's case by three days).
STRONG_CLAIMS = ("假货", "假冒", "山寨", "高仿", "冒牌", "欺诈", "诈骗", "骗子", "骗人")
STRONG_CLAIMS_EN = ("fake", "counterfeit", "fraud", "scam")


# A case's status, by the plain codes of cases.status.Status (routing never imports cases).
# Seed, "别不跟进处理进度": before the call the tips prepare it; once the shopper has called
# and waits, there is nothing to dial; once the promised time has passed, they call again.
BEFORE_CALL = frozenset({"draft", "prepared"})
WAITING = frozenset({"waiting"})
CALLING_AGAIN = frozenset({"overdue"})
CLOSED = frozenset({"resolved", "given_up"})
ALL_STATUSES = BEFORE_CALL | WAITING | CALLING_AGAIN | CLOSED


@dataclass(frozen=True)
class CaseFacts:
    purchase_kind: str
    problem: str
    channels_tried: frozenset[str] = field(default_factory=frozenset)
    desired_outcome: str = ""
    outcome_detail: str = ""
    deadline_days: int | None = None
    evidence_count: int = 0
    description: str = ""
    status: str = "prepared"


@dataclass(frozen=True)
class Advice:
    code: str
    text: Promise
    warning: bool = False  # shown more prominently: something the shopper should fix
    # When it applies: the statuses it fits (each rule says so) ...
    statuses: frozenset[str] = field(kw_only=True)
    # ... and whether it is about making a call, which a simple query does not need.
    about_calling: bool = False


NO_CALL_NEEDED = Advice(
    "no_call_needed",
    _(
        "不用打电话：查物流、改收货地址在京东APP里几秒钟就能办好"
        "（京东APP → 我的 → 我的订单 → 订单详情）。打400反而要排队等待。"
    ),
    statuses=ALL_STATUSES,
)
TRY_REGULAR_FIRST = Advice(
    "try_regular_first",
    _(
        "先试常规渠道：京东在线客服和京东APP“我的售后”能解决约80%的普通问题。"
        "试过仍未解决，再打400热线。"
    ),
    warning=True,
    statuses=BEFORE_CALL,
)
SAY_NOT_SURE = Advice(
    "say_not_sure",
    _(
        "接通后先说明你不确定商品是不是京东自营，请客服帮你确认。"
        "商品页和订单上写着“京东自营”的就是自营，否则会显示店铺名称。"
    ),
    statuses=BEFORE_CALL | CALLING_AGAIN,
    about_calling=True,
)
LEAVE_MESSAGE_FIRST = Advice(
    "leave_message_first",
    _(
        "店铺客服不回复时，先在京东在线客服留言，留下记录；"
        "再打400时，客服会优先参考之前的沟通记录。"
    ),
    warning=True,
    statuses=BEFORE_CALL,
)
MENTION_MESSAGE = Advice(
    "mention_message",
    _("你已经留过言：通话时告诉客服留言的时间，客服会先查看记录。"),
    about_calling=True,
    statuses=BEFORE_CALL,
)
EVIDENCE_FOR_CLAIM = Advice(
    "evidence_for_claim",
    _(
        "你的描述里有“假货”之类的严重说法，但还没有附上证据。请客观描述问题，"
        "并准备好截图或照片；拿不出证据的说法会拖慢处理。"
    ),
    warning=True,
    # The agent may ask for proof at any time while the case is open.
    statuses=BEFORE_CALL | WAITING | CALLING_AGAIN,
)
# Seed, 技巧3 "明确诉求": "希望 3 天内换货", "要求商家赔偿运费".
SAY_WHAT_YOU_WANT = Advice(
    "say_what_you_want",
    _(
        "说清楚你想要什么结果，最好带上期限，例如“希望3天内退货退款”“希望5天内换货”"
        "“希望安排售后上门检测维修”“要求赔偿运费”。只说“给个说法”“商品有问题”，"
        "客服要反复追问，耽误时间。"
    ),
    warning=True,
    statuses=BEFORE_CALL | CALLING_AGAIN,
)
ADD_DEADLINE = Advice(
    "add_deadline",
    _("给诉求加一个期限，例如“希望3天内处理”，客服更容易给出明确承诺。"),
    statuses=BEFORE_CALL | CALLING_AGAIN,
)
CALL_IN_HOURS = Advice(
    "call_in_hours",
    _(
        "在服务时间内拨打（多数专线 9:00–22:00）；最好在工作日 9:30–18:00，"
        "这时客服多、等待短。深夜打会提示“非服务时间”。"
    ),
    statuses=BEFORE_CALL | CALLING_AGAIN,
    about_calling=True,
)
FOLLOW_UP = Advice(
    "follow_up",
    _(
        "通话时记下处理单号和承诺的解决时间，之后在京东APP“我的售后”查看进度；"
        "超过承诺时间仍未解决，带着处理单号再打一次。"
    ),
    about_calling=True,
    statuses=BEFORE_CALL,
)
# The overdue card already says to call again with the ticket; this is what to note then.
NOTE_NEW_PROMISE = Advice(
    "note_new_promise",
    _(
        "再次通话时，记下新的承诺时间和客服工号，记进通话记录；"
        "再次超过承诺时间仍未解决，可以向12315投诉。"
    ),
    statuses=CALLING_AGAIN,
    about_calling=True,
)

# What a shopper types when they have no outcome in mind (seed, 技巧3: 某用户一开始只说
# “商品有问题”，没提诉求). Vague only without a concrete word: "尽快补发配件" is concrete.
VAGUE_WORDS = (
    "说法",
    "看着办",
    "看着处理",
    "看情况",
    "交代",
    "处理一下",
    "处理好",
    "解决一下",
    "解决问题",
    "尽快处理",
    "尽快解决",
    "给个答复",
    "给个解释",
    "负责",
    "重视",
    "满意",
    "合理",
    "随便",
    "都行",
    "sort it out",
    "deal with it",
    "handle it",
    "fix it",
    "fix this",
    "do something",
    "explanation",
    "whatever",
    "as soon as possible",
    "asap",
)
CONCRETE_WORDS = (
    "退",
    "换",
    "修",
    "赔",
    "补",
    "发货",
    "上门",
    "检测",
    "券",
    "元",
    "钱",
    "款",
    "refund",
    "exchange",
    "replace",
    "repair",
    "compensat",
    "resend",
    "ship",
    "coupon",
    "return",
    "visit",
)


def has_strong_claim(text: str) -> bool:
    lowered = text.lower()
    return any(word in text for word in STRONG_CLAIMS) or any(
        word in lowered for word in STRONG_CLAIMS_EN
    )


def outcome_is_vague(outcome: str, detail: str) -> bool:
    """No outcome, or "other" with words that name no result ("给个说法", "看着办")."""
    if not outcome:
        return True
    if outcome != Outcome.OTHER:
        return False
    detail = detail.strip().lower()
    if len(detail) < 4:
        return True
    if any(word in detail for word in CONCRETE_WORDS):
        return False
    return any(word in detail for word in VAGUE_WORDS)


def advice_for(facts: CaseFacts) -> list[Advice]:
    """The advice that applies, most important first: what fits the case, then only what
    fits its status and, for a case that needs no call, nothing about calling."""
    no_call = facts.problem in SIMPLE_QUERIES
    return [
        advice
        for advice in _fitting_the_case(facts)
        if facts.status in advice.statuses and not (no_call and advice.about_calling)
    ]


def _fitting_the_case(facts: CaseFacts) -> list[Advice]:
    advice: list[Advice] = []
    tried = frozenset(facts.channels_tried)

    if facts.problem in SIMPLE_QUERIES:
        # Seed, "别没试常规渠道就打400": a parcel query is ten seconds in the app.
        advice.append(NO_CALL_NEEDED)
    elif not tried & REGULAR_CHANNELS:
        advice.append(TRY_REGULAR_FIRST)

    if facts.purchase_kind == PurchaseKind.NOT_SURE:
        advice.append(SAY_NOT_SURE)

    if facts.problem == ProblemCategory.SHOP_NOT_REPLYING:
        advice.append(MENTION_MESSAGE if Channel.LEFT_MESSAGE in tried else LEAVE_MESSAGE_FIRST)

    if facts.evidence_count == 0 and has_strong_claim(facts.description):
        advice.append(EVIDENCE_FOR_CLAIM)

    if facts.problem not in SIMPLE_QUERIES:
        if outcome_is_vague(facts.desired_outcome, facts.outcome_detail):
            advice.append(SAY_WHAT_YOU_WANT)
        elif facts.deadline_days is None:
            advice.append(ADD_DEADLINE)

    advice.extend([CALL_IN_HOURS, FOLLOW_UP, NOTE_NEW_PROMISE])
    return advice
