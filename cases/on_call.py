"""On the call: what the call page shows while the shopper is talking to JD, and the notes
they take, kept as a draft of the case's next call log entry (cases.models.Call).

The page reuses the card (cases/card.py) for the line, the rights and what to have at
hand, and the card's script split into its four parts (cases/script.py); nothing here
builds a script of its own. The replies to the agent's pushbacks are the rights work's
(routing.rights.pushbacks_for, as the card's rights carry them), placed under their part.
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
from routing.directory import routed_hotline

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
    # The article's key sentence, quoted (Chinese).
    quote: str = ""


@dataclass(frozen=True)
class ScriptPart:
    key: str
    title: str
    text: str
    text_en: str
    done: bool
    pushbacks: list[Pushback] = field(default_factory=list)


# ----- Replies to pushbacks -----
# The rights work's data (routing.models.Pushback, chosen for this case's facts and open
# windows by routing.rights.pushbacks_for; the card's Rights carry them as `replies`).
# Each goes under the part of the script the agent is likely to answer with it: most push
# back on what the shopper asks for; "contact the shop" answers what was tried, "this is an
# enterprise order" the order itself.
PART_OF_PUSHBACK = {"contact_the_shop": "tried", "enterprise_order": "order"}


def pushbacks_by_part(card: Card) -> dict[str, list[Pushback]]:
    grouped: dict[str, list[Pushback]] = {key: [] for key in PART_KEYS}
    for item in card.rights.replies:
        row = item.pushback
        grouped[PART_OF_PUSHBACK.get(row.key, "want")].append(
            Pushback(
                part=PART_OF_PUSHBACK.get(row.key, "want"),
                says=row.objection,
                reply=row.reply,
                basis=row.source,
                says_en=row.objection_en,
                reply_en=row.reply_en,
                basis_en=row.source_en or row.source,
                quote=row.quote,
            )
        )
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
    replies = pushbacks_by_part(card)
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
    # The directory learns (issue 22): the call's answers count once, as for any call.
    call.count_report()
    case.touch()
