"""Everything the case card shows, gathered in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

import segno
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cases.answers import Answer, answers
from cases.models import Call, Case, Evidence, PriorContact
from cases.rights import ClosedChoice, basis_sentence, basis_sentence_en, closed_choice, rights_of
from cases.script import (
    Contact,
    FollowUpFacts,
    ScriptFacts,
    call_script,
    call_script_en,
    follow_up_script,
    follow_up_script_en,
    want_en,
    want_zh,
)
from cases.status import CaseStatus, Status, status_of
from routing.advice import Advice, CaseFacts, advice_for
from routing.directory import Directory, DirectoryEntry, directory_as_shown, directory_entries
from routing.hours import china_today
from routing.models import LegalWindow
from routing.rights import Rights
from routing.rows import ActiveRows, rows_as_shown
from routing.rules import FALLBACK_KEY, Route, route


@dataclass(frozen=True)
class Card:
    case: Case
    route: Route
    hotline: DirectoryEntry | None
    # The routed line was missing from the directory: the card says so and offers the
    # general line instead, rather than a reason that names a line it does not show.
    fell_back: bool
    fallback: DirectoryEntry | None
    advice: list[Advice]
    script: str
    script_en: str
    no_call_needed: bool
    facts: list[Answer]
    contacts: list[PriorContact]
    evidence: list[Evidence]
    link: str
    qr_svg: SafeString
    calls: list[Call]
    status: CaseStatus
    # Once a promise was missed the script opens with the ticket number instead.
    follow_up_script: str
    follow_up_script_en: str
    # The legal windows ("你的权利"), and a warning when the chosen outcome's have closed.
    rights: Rights
    closed_choice: ClosedChoice | None
    # "其他" with words that name no result ("给个说法"): warned beside the script.
    vague_outcome: bool = False


def script_facts(case: Case, contacts: list[PriorContact]) -> ScriptFacts:
    return ScriptFacts(
        order_number=case.order_number,
        purchase_kind=case.purchase_kind,
        item=case.item,
        description=case.description,
        contacts=[Contact(c.channel, c.answer) for c in contacts],
        desired_outcome=case.desired_outcome,
        outcome_detail=case.outcome_detail,
        deadline_days=case.deadline_days,
    )


def case_facts(
    case: Case, contacts: list[PriorContact], evidence_count: int, status: str = "prepared"
) -> CaseFacts:
    return CaseFacts(
        purchase_kind=case.purchase_kind,
        problem=case.problem,
        channels_tried=frozenset(c.channel for c in contacts),
        desired_outcome=case.desired_outcome,
        outcome_detail=case.outcome_detail,
        deadline_days=case.deadline_days,
        evidence_count=evidence_count,
        description=case.description,
        status=status,
    )


def qr_svg(link: str) -> SafeString:
    """The private link as an inline SVG QR code, made here: no outside service sees it."""
    return _qr_svg(link, gettext("用手机扫码打开这张卡片"))


@lru_cache(maxsize=256)
def _qr_svg(link: str, title: str) -> SafeString:
    # Encoding takes milliseconds and a link's code never changes: kept per link and title.
    # omitsize: a viewBox instead of a fixed width and height, so the code scales to the
    # box CSS gives it (on the phone and on paper) instead of being cropped by it.
    svg = segno.make(link, error="m").svg_inline(
        omitsize=True,
        scale=4,
        border=2,
        dark="#000",
        light="#fff",
        svgclass="qr",
        lineclass=None,
        title=title,
    )
    # segno's own markup: the link is encoded as modules, never echoed as text.
    return mark_safe(svg)


def build_card(
    case: Case,
    at: datetime,
    link: str,
    directory: Directory | None = None,
    rules: list[LegalWindow] | None = None,
) -> Card:
    """`directory`, `rules`: the directory's entries at `at` and the active legal windows,
    when the caller has read them already."""
    contacts = list(case.prior_contacts.all())
    evidence = list(case.evidence.all())
    calls = list(case.calls.select_related("hotline"))
    status = status_of(case, calls, china_today(at))
    chosen = route(case.purchase_kind, case.problem)
    if directory is None:
        directory = directory_entries(at)
    entries = {entry.hotline.key: entry for entry in directory}
    hotline = entries.get(chosen.hotline_key) or entries.get(FALLBACK_KEY)
    fallback = entries.get(FALLBACK_KEY)
    advice = advice_for(case_facts(case, contacts, len(evidence), status.code))
    rights = rights_of(case, at, len(evidence), rules)
    facts = replace(
        script_facts(case, contacts),
        basis=basis_sentence(rights, case.desired_outcome),
        basis_en=basis_sentence_en(rights, case.desired_outcome),
    )
    return Card(
        case=case,
        route=chosen,
        hotline=hotline,
        fell_back=hotline is not None and hotline.hotline.key != chosen.hotline_key,
        fallback=fallback if fallback is not hotline else None,
        advice=advice,
        script=call_script(facts),
        script_en=call_script_en(facts),
        no_call_needed=any(a.code == "no_call_needed" for a in advice),
        facts=answers(case, contacts, len(evidence)),
        contacts=contacts,
        evidence=evidence,
        link=link,
        qr_svg=qr_svg(link),
        calls=calls,
        status=status,
        follow_up_script=_follow_up(case, status, facts, english=False),
        follow_up_script_en=_follow_up(case, status, facts, english=True),
        rights=rights,
        closed_choice=closed_choice(rights, case.desired_outcome),
        vague_outcome=any(a.code == "say_what_you_want" for a in advice)
        and bool(case.outcome_detail),
    )


def _follow_up(case: Case, status: CaseStatus, facts: ScriptFacts, english: bool) -> str:
    if status.code != Status.OVERDUE or status.latest_call is None:
        return ""
    call = status.latest_call
    follow_up = FollowUpFacts(
        order_number=case.order_number,
        ticket_number=call.ticket_number,
        promised_by=call.promised_by,
        promise=call.promise,
    )
    if english:
        return follow_up_script_en(follow_up, want_en(facts))
    return follow_up_script(follow_up, want_zh(facts))


def card_as_text(card: Card) -> str:
    """The whole card as plain text: the copy box, card.txt. One template beside card.html,
    so both renderings are in front of the same translator."""
    text = render_to_string("cases/card.txt", {"card": card})
    # The text template runs with autoescape off, so what it returns is marked "safe":
    # hand back plain text, which a page showing it (the copy box) escapes again.
    return str.__str__(text)


def case_as_shown(
    case: Case,
    at: datetime,
    rules: ActiveRows[LegalWindow] | None,
    directory: Directory | None = None,
    link: str = "",
) -> tuple[object, ...]:
    """What a case's pages show, for the page cache (jd400site/page_cache.py): the case as
    of its last change (every change to it, its contacts, evidence and calls moves
    `updated_at`), the day in China (status, overdue promises, legal windows, date limits in
    the forms), the legal windows' rules as the operators keep them, and for the card the
    directory as shown at `at` and the private link."""
    return (
        case.pk,
        case.token,
        case.updated_at,
        china_today(at),
        rows_as_shown(rules) if rules is not None else None,
        directory_as_shown(directory) if directory is not None else None,
        link,
    )
