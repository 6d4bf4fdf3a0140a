"""On the call: what the call page shows while the shopper is talking to JD, and the notes
they take, kept as a draft of the case's next call log entry (cases.models.Call).

The page reuses the card (cases/card.py) for the line, the rights and what to have at
hand, and the card's script split into its four parts (cases/script.py); nothing here
builds a script of its own. The replies to the agent's pushbacks come from one function,
`pushbacks_by_part`, so the data behind them can change without the page changing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from cases.card import Card, script_facts
from cases.models import Call, Case
from cases.rights import basis_sentence, basis_sentence_en
from cases.script import PART_KEYS, script_parts, script_parts_en
from routing.choices import Channel, PurchaseKind
from routing.directory import routed_hotline
from routing.rights import Rights

# The parts a shopper can tick off: the four of the script, and the follow-up opening an
# overdue case starts with.
FOLLOW_UP = "follow_up"
TICKABLE = (FOLLOW_UP, *PART_KEYS)

PART_TITLES = {
    FOLLOW_UP: _("先说：处理单号和错过的承诺"),
    "order": _("1. 订单号"),
    "problem": _("2. 问题"),
    "tried": _("3. 已尝试"),
    "want": _("4. 诉求"),
}

# A start time the page sent back: kept when it is within this long before the first save
# (the shopper opened the page, dialled and waited in the queue); anything else, a time in
# the future or one a day old, is taken as "now".
LONGEST_CALL = timedelta(hours=6)


@dataclass(frozen=True)
class Pushback:
    """What an agent may say to turn the shopper away, and the short reply to read out,
    with what it rests on. Chinese is said on the phone; English is the gloss."""

    part: str
    says: str
    reply: str
    basis: str
    says_en: str = ""
    reply_en: str = ""
    basis_en: str = ""


@dataclass(frozen=True)
class ScriptPart:
    key: str
    title: str
    text: str
    text_en: str
    done: bool
    pushbacks: list[Pushback] = field(default_factory=list)


# ----- Replies to pushbacks -----
# The interface the page is built against: (case, rights) → replies, each under a part.
# Until the rights work's data (routing: pushbacks_for) is merged, these few replies stand
# in; each is shown only where the shopper's own facts support it.


def _window(rights: Rights, key: str):  # noqa: ANN202 - a routing.rights.Window or None
    return next((w for w in rights.open_windows if w.key == key), None)


def interim_pushbacks(case: Case, rights: Rights, channels: frozenset[str]) -> list[Pushback]:
    replies: list[Pushback] = []
    if channels & {Channel.SHOP_SERVICE, Channel.LEFT_MESSAGE} and (
        case.purchase_kind in (PurchaseKind.THIRD_PARTY, PurchaseKind.NOT_SURE)
    ):
        replies.append(
            Pushback(
                part="tried",
                says="请您先联系商家。",
                reply="我已经联系过店铺，店铺没有解决，有记录可以查，所以才请京东平台介入。",
                basis="你在“已尝试”里填了联系过店铺或留言",
                basis_en="you said under “already tried” that you contacted the shop",
                says_en="Please contact the shop first.",
                reply_en="I already contacted the shop, it did not solve it and there is a "
                "record; that is why I am asking JD to step in.",
            )
        )
    if _window(rights, "seven_day") is not None:
        replies.append(
            Pushback(
                part="want",
                says="已经拆封了，不能退。",
                reply="为查验打开包装、合理调试，不影响商品原有品质、功能和外观的，经营者应当"
                "予以退货。",
                basis="消费者权益保护法实施条例第十九条",
                basis_en="消费者权益保护法实施条例 art. 19 (Consumer Rights Law regulations)",
                says_en="It has been unpacked, so it cannot be returned.",
                reply_en="Opening the package to inspect it, or trying it out reasonably without "
                "harming its quality, function or look, does not stop a return.",
            )
        )
    if rights.day_number is not None and rights.day_number > 7:
        later = [w for w in rights.open_windows if w.last_day is not None]
        if later:
            window = max(later, key=lambda w: w.last_day)
            day = f"{window.last_day.year}年{window.last_day.month}月{window.last_day.day}日"
            replies.append(
                Pushback(
                    part="want",
                    says="已经超过七天了。",
                    reply=f"按照{window.rule.basis}，我的期限到{day}，现在还在期限内。",
                    basis=window.rule.display_source,
                    basis_en=window.rule.display_source,
                    says_en="It is more than seven days already.",
                    reply_en=f"Under {window.rule.basis}, my deadline is "
                    f"{window.last_day:%Y-%m-%d}; I am still within it.",
                )
            )
    # Seed, 别不跟进处理进度: whatever the case, a "we will review it" gets a ticket and a date.
    replies.append(
        Pushback(
            part="want",
            says="需要等审核，您回去等通知吧。",
            reply="好的，请给我处理单号，并告诉我预计哪天处理完。",
            basis="原文技巧：记下处理单号和承诺时间，超时再来电",
            basis_en="the guide's tip: note the ticket and the promised date, call again after it",
            says_en="It needs to be reviewed; please wait to be notified.",
            reply_en="Fine: please give me the ticket number and the day it will be done.",
        )
    )
    return replies


def pushbacks_by_part(case: Case, card: Card) -> dict[str, list[Pushback]]:
    channels = frozenset(contact.channel for contact in card.contacts)
    grouped: dict[str, list[Pushback]] = {key: [] for key in PART_KEYS}
    for pushback in interim_pushbacks(case, card.rights, channels):
        grouped.setdefault(pushback.part, []).append(pushback)
    return grouped


# ----- The page -----


def parts_done(draft: Call | None) -> frozenset[str]:
    if draft is None:
        return frozenset()
    return frozenset(key for key in draft.parts_done.split(",") if key in TICKABLE)


def script_on_call(case: Case, card: Card, draft: Call | None) -> list[ScriptPart]:
    """The card's script in its parts, each with the replies that belong under it; an
    overdue case opens with the card's follow-up script."""
    facts = replace(
        script_facts(case, card.contacts),
        basis=basis_sentence(card.rights, case.desired_outcome),
        basis_en=basis_sentence_en(card.rights, case.desired_outcome),
    )
    zh, en = script_parts(facts), script_parts_en(facts)
    done = parts_done(draft)
    replies = pushbacks_by_part(case, card)
    parts = [
        ScriptPart(key, str(PART_TITLES[key]), zh[key], en[key], key in done, replies[key])
        for key in PART_KEYS
    ]
    if card.script.follow_up:
        opening = ScriptPart(
            FOLLOW_UP,
            str(PART_TITLES[FOLLOW_UP]),
            card.script.text,
            card.script.text_en,
            FOLLOW_UP in done,
        )
        parts.insert(0, opening)
    return parts


# ----- The draft -----


def open_draft(case: Case) -> Call | None:
    return Call.with_drafts.filter(case=case, is_draft=True).first()


def start_time(sent: datetime | None, now: datetime) -> datetime:
    """When the call started: the moment the page was opened, as the page sent it back,
    if that is a believable start; otherwise now."""
    if sent is None or sent > now or sent < now - LONGEST_CALL:
        return now.replace(microsecond=0)
    return sent.replace(microsecond=0)


NOTE_FIELDS = ("agent_id", "ticket_number", "promise", "promised_by", "notes")


@transaction.atomic
def save_notes(case: Case, notes: dict, started: datetime | None, now: datetime) -> Call:
    """Write what the shopper typed into the case's draft call, making the draft on the
    first save. Two tabs or devices write into the same draft (one per case)."""
    values = {name: notes[name] for name in NOTE_FIELDS}
    values["parts_done"] = ",".join(key for key in TICKABLE if key in notes["done"])
    draft = Call.with_drafts.select_for_update().filter(case=case, is_draft=True).first()
    if draft is None:
        try:
            with transaction.atomic():
                draft = Call.with_drafts.create(
                    case=case,
                    is_draft=True,
                    called_at=start_time(started, now),
                    hotline=routed_hotline(case.purchase_kind, case.problem),
                    **values,
                )
        except IntegrityError:
            # Another tab made it a moment ago: write into that one.
            draft = Call.with_drafts.select_for_update().get(case=case, is_draft=True)
    for name, value in values.items():
        setattr(draft, name, value)
    draft.save()
    case.touch()
    return draft


def end_call(draft: Call, now: datetime) -> None:
    """ "通话结束": the call's length is fixed the first time (pressing it again after a look
    at the form does not stretch the call)."""
    if draft.ended_at is None:
        draft.ended_at = now.replace(microsecond=0)
        draft.save(update_fields=["ended_at", "updated_at"])


@transaction.atomic
def log_draft(call: Call, case: Case) -> None:
    """The shopper confirmed the pre-filled call form: the draft becomes the log entry."""
    call.is_draft = False
    call.save()
    case.touch()
