"""Everything the case card shows, gathered in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import segno
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from cases.answers import Answer, answers
from cases.models import Case, Evidence, PriorContact
from cases.script import Contact, ScriptFacts, call_script, call_script_en
from routing.advice import Advice, CaseFacts, advice_for
from routing.directory import DirectoryEntry, directory_entries
from routing.rules import FALLBACK_KEY, Route, route


@dataclass(frozen=True)
class Card:
    case: Case
    route: Route
    hotline: DirectoryEntry | None
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


def case_facts(case: Case, contacts: list[PriorContact], evidence_count: int) -> CaseFacts:
    return CaseFacts(
        purchase_kind=case.purchase_kind,
        problem=case.problem,
        channels_tried=frozenset(c.channel for c in contacts),
        desired_outcome=case.desired_outcome,
        outcome_detail=case.outcome_detail,
        deadline_days=case.deadline_days,
        evidence_count=evidence_count,
        description=case.description,
    )


def qr_svg(link: str) -> SafeString:
    """The private link as an inline SVG QR code, made here: no outside service sees it."""
    svg = segno.make(link, error="m").svg_inline(
        scale=4,
        border=2,
        dark="#000",
        light="#fff",
        svgclass="qr",
        lineclass=None,
        title=gettext("用手机扫码打开这张卡片"),
    )
    # segno's own markup: the link is encoded as modules, never echoed as text.
    return mark_safe(svg)


def build_card(case: Case, at: datetime, link: str) -> Card:
    contacts = list(case.prior_contacts.all())
    evidence = list(case.evidence.all())
    chosen = route(case.purchase_kind, case.problem)
    entries = {entry.hotline.key: entry for entry in directory_entries(at)}
    hotline = entries.get(chosen.hotline_key) or entries.get(FALLBACK_KEY)
    fallback = entries.get(FALLBACK_KEY)
    advice = advice_for(case_facts(case, contacts, len(evidence)))
    facts = script_facts(case, contacts)
    return Card(
        case=case,
        route=chosen,
        hotline=hotline,
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
    )
