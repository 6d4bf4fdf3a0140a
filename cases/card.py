"""Everything the case card shows, gathered in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from functools import lru_cache

import segno
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from cases.answers import Answer, answers
from cases.models import Call, Case, Evidence, PriorContact
from cases.rights import ClosedChoice, closed_choice, rights_of, script_rights
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
from routing.directory import Directory, DirectoryEntry, directory_entries
from routing.hours import china_today
from routing.models import LegalWindow
from routing.platform_rules import PlatformDeadline, PlatformRule, platform_rules_for
from routing.rights import Rights, RightsFacts
from routing.rules import FALLBACK_KEY, Route, route

# Past these lengths (characters) the page sets a script smaller, and on paper leaves a very
# long one's English gloss out, so the printed card stays one A4 page.
LONG_SCRIPT = 160
VERY_LONG_SCRIPT = 480


@dataclass(frozen=True)
class Script:
    """What the shopper reads out: Chinese whatever the UI language, with an English gloss.
    Once a promise was missed it is the follow-up script, which opens with the ticket."""

    text: str
    text_en: str
    follow_up: bool

    @property
    def heading(self) -> str:
        return gettext("跟进通话稿") if self.follow_up else gettext("通话稿")

    @property
    def text_heading(self) -> str:
        """The heading as a line of the plain-text card."""
        return gettext("跟进通话稿：") if self.follow_up else gettext("通话稿：")

    @property
    def hint(self) -> str:
        if self.follow_up:
            return gettext("开头先报处理单号和错过的承诺，客服能直接调出之前的记录。")
        return gettext("按这个顺序说：订单号 → 问题 → 已尝试 → 诉求。")

    @property
    def size(self) -> str:
        """ "", "long" or "very-long": the CSS modifier of the script's box."""
        if len(self.text) > VERY_LONG_SCRIPT:
            return "very-long"
        return "long" if len(self.text) > LONG_SCRIPT else ""


# Said by both renderings (card.html and card.txt), so written once here.
FELL_BACK_REASON = _("这类问题的专线暂时不在目录里，请先打京东客服热线，接通后说明问题类型。")
FALLBACK_LEAD = _("打不通或不确定时：")
CONTACT_LEAD = _("之前的联系：")


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
    script: Script
    no_call_needed: bool
    facts: list[Answer]
    contacts: list[PriorContact]
    evidence: list[Evidence]
    link: str
    qr_svg: SafeString
    calls: list[Call]
    status: CaseStatus
    # The legal windows ("你的权利"), and a warning when the chosen outcome's have closed.
    rights: Rights
    closed_choice: ClosedChoice | None
    # "其他" with words that name no result ("给个说法"): warned beside the script, so not
    # when no call is needed.
    vague_outcome: bool = False
    # JD's own rules that apply (operator data, not law); one that closes before the law's
    # window comes first, and the card says it before the rights.
    platform_rules: tuple[PlatformDeadline, ...] = ()

    fallback_lead = FALLBACK_LEAD
    contact_lead = CONTACT_LEAD

    @property
    def latest_call(self) -> Call | None:
        return self.calls[-1] if self.calls else None

    @property
    def earlier_calls(self) -> list[Call]:
        """Calls before the latest (calls come in the order they were made)."""
        return self.calls[:-1]

    @property
    def warning_advice(self) -> list[Advice]:
        """Advice that warns (nothing tried yet, a claim without evidence): kept in view."""
        return [a for a in self.advice if a.warning]

    @property
    def other_advice(self) -> list[Advice]:
        """The standing advice (hours, follow-up): folded on the phone, printed open."""
        return [a for a in self.advice if not a.warning]

    @property
    def platform_rules_first(self) -> list[PlatformDeadline]:
        """JD's rules that close before the law's window, while they are still open."""
        return [d for d in self.platform_rules if d.closes_before_law and d.is_open]

    @property
    def call_lead(self) -> str:
        if self.no_call_needed:
            return gettext("如果仍要打电话：")
        return gettext("打这条专线：")

    @property
    def reason(self) -> str:
        """Why this line: the route's reason, unless the card shows another line."""
        return str(FELL_BACK_REASON) if self.fell_back else self.route.reason

    @property
    def show_english_gloss(self) -> bool:
        """The script stays Chinese (the agent reads or hears it); an English reader gets a
        gloss under it."""
        return get_language() == "en"

    @property
    def agent_notice(self) -> str:
        """Under the script on the page: a reader of another language is told why it is
        Chinese. Empty in Chinese and when no call is needed."""
        if self.no_call_needed or get_language() == "zh-hans":
            return ""
        return gettext(
            "客服说中文：请照着上面的中文通话稿读，或把它给客服看。你用英文写的内容放在通话稿"
            "最后，单独标明；英文译文只是帮你看懂。"
        )

    @property
    def agent_notice_in_text(self) -> str:
        """The same notice in the plain-text card, where it comes before the script (hence
        下面, "below"): change both."""
        if self.no_call_needed or get_language() == "zh-hans":
            return ""
        return gettext(
            "客服说中文：请照着下面的中文通话稿读，或把它给客服看。你用英文写的内容放在通话稿"
            "最后，单独标明；英文译文只是帮你看懂。"
        )

    @property
    def evidence_open(self) -> bool:
        """A few screenshots are listed open; many fold away."""
        return len(self.evidence) <= 3

    @property
    def close_label(self) -> str:
        if self.status.is_closed:
            return gettext("更改案例状态")
        return gettext("已解决或不再跟进")

    @property
    def escalate_url(self) -> str:
        return reverse("cases:escalate", args=[self.case.token])

    @property
    def want_url(self) -> str:
        """The want step, coming back to the card's check page when saved."""
        return self.case.step_url("want", returning=True)

    @property
    def evidence_url(self) -> str:
        return self.case.step_url("evidence", returning=True)


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
    platform: list[PlatformRule] | None = None,
) -> Card:
    """`directory`, `rules`, `platform`: the directory's entries at `at`, the active legal
    windows and JD's active rules, when the caller has read them already."""
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
    # The script's legal basis and whether the chosen outcome lapsed: one source
    # (cases.rights.script_rights) for the card, its text and the call page.
    facts = replace(script_facts(case, contacts), **script_rights(rights, case.desired_outcome))
    no_call_needed = any(a.code == "no_call_needed" for a in advice)
    jd_rules = platform_rules_for(
        RightsFacts(
            received=case.received_on,
            goods_kind=case.goods_kind,
            problem=case.problem,
            purchase_kind=case.purchase_kind,
            underlying=case.underlying_problem,
        ),
        at,
        rights.windows,
        PlatformRule.objects.filter(active=True) if platform is None else platform,
    )
    return Card(
        case=case,
        route=chosen,
        hotline=hotline,
        fell_back=hotline is not None and hotline.hotline.key != chosen.hotline_key,
        fallback=fallback if fallback is not hotline else None,
        advice=advice,
        script=_script(case, status, facts),
        no_call_needed=no_call_needed,
        facts=answers(case, contacts, len(evidence)),
        contacts=contacts,
        evidence=evidence,
        link=link,
        qr_svg=qr_svg(link),
        calls=calls,
        status=status,
        rights=rights,
        closed_choice=closed_choice(rights, case.desired_outcome),
        vague_outcome=any(a.code == "say_what_you_want" for a in advice)
        and bool(case.outcome_detail)
        and not no_call_needed,
        platform_rules=tuple(jd_rules),
    )


def _script(case: Case, status: CaseStatus, facts: ScriptFacts) -> Script:
    call = status.latest_call
    if status.code != Status.OVERDUE or call is None:
        return Script(call_script(facts), call_script_en(facts), follow_up=False)
    follow_up = FollowUpFacts(
        order_number=case.order_number,
        ticket_number=call.ticket_number,
        promised_by=call.promised_by,
        promise=call.promise,
    )
    return Script(
        follow_up_script(follow_up, want_zh(facts)),
        follow_up_script_en(follow_up, want_en(facts)),
        follow_up=True,
    )


def card_as_text(card: Card) -> str:
    """The whole card as plain text: the copy box, card.txt. One template beside card.html,
    so both renderings are in front of the same translator."""
    text = render_to_string("cases/card.txt", {"card": card})
    # The text template runs with autoescape off, so what it returns is marked "safe":
    # hand back plain text, which a page showing it (the copy box) escapes again.
    return str.__str__(text)
