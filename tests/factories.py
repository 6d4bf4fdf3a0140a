"""Cases built straight through the ORM, and the answers a browser posts for them.

`make_case(...)` gives a case with every wizard step up to `upto` answered (by default all
of them: its card is ready), with its prior contacts and, optionally, evidence: small real
PNGs stored through the pipeline, into the test's temporary folder (tests/conftest.py), so
the card's thumbnails serve. The defaults are the seed's own example: order 123456, a
self-operated washing machine that does not start, online service tried, repair wanted.
`ORDER`, `PROBLEM` and `WANT` are the same answers as a browser posts them.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone
from PIL import Image

from cases.evidence import add_evidence as store_evidence
from cases.models import Call, Case, Evidence, PriorContact
from cases.wizard import STEP_SLUGS
from routing.choices import Channel
from routing.hours import CHINA
from routing.models import Hotline

ContactSpec = str | Mapping[str, Any]
EvidenceSpec = str | Mapping[str, Any]

# The answers as the wizard's forms post them. The form wants 8 to 20 digits, so the order
# number is longer than the seed's 123456, which make_case stores straight through the ORM.
ORDER = {"order_number": "1234567890", "purchase_kind": "self_operated", "item": "洗衣机"}
PROBLEM = {"problem": "quality_fault", "description": "到货后无法启动"}
# The problem step's optional legal facts as an empty browser form posts them (issue 19).
PROBLEM_EMPTY_EXTRAS = {"repairs_so_far": "", "installed_on": "", "goods_what": ""}
WANT = {"desired_outcome": "repair", "outcome_detail": "", "deadline_days": "3"}


def remembered(client) -> list[str]:
    """The cases a test client's browser remembers (its signed cookie, cases/access.py)."""
    from django.test import RequestFactory

    from cases.access import remembered_tokens

    request = RequestFactory().get("/")
    request.COOKIES = {name: morsel.value for name, morsel in client.cookies.items()}
    return remembered_tokens(request)


def days_ago(days: int) -> date:
    """A date in China time relative to today, so the tests do not age."""
    return timezone.localdate() - timedelta(days=days)


def problem_data(**overrides: str) -> dict[str, str]:
    """The problem step as the browser posts it."""
    return {
        **PROBLEM,
        "happened_on": days_ago(8).isoformat(),
        **PROBLEM_EMPTY_EXTRAS,
        **overrides,
    }


def tried_data(contacts: dict[str, dict[str, Any]] | None = None) -> dict[str, str]:
    """The "already tried" formset as the browser posts it: one row per channel, in the
    order of Channel; `contacts` maps a channel to the fields of a ticked row."""
    contacts = contacts or {}
    data = {
        "tried-TOTAL_FORMS": str(len(Channel.values)),
        "tried-INITIAL_FORMS": str(len(Channel.values)),
        "tried-MIN_NUM_FORMS": "0",
        "tried-MAX_NUM_FORMS": str(len(Channel.values)),
    }
    for i, channel in enumerate(Channel.values):
        data[f"tried-{i}-channel"] = channel
        data[f"tried-{i}-contacted_on"] = ""
        data[f"tried-{i}-answer"] = ""
        row = contacts.get(channel)
        if row is not None:
            data[f"tried-{i}-used"] = "on"
            data[f"tried-{i}-contacted_on"] = row.get("contacted_on", "")
            data[f"tried-{i}-answer"] = row.get("answer", "")
            if row.get("has_record"):
                data[f"tried-{i}-has_record"] = "on"
    return data


def add_contact(case: Case, spec: ContactSpec, days: int = 3) -> PriorContact:
    """A prior contact `days` ago, from a channel name or a dict of PriorContact fields."""
    fields: dict[str, Any] = {"channel": spec} if isinstance(spec, str) else dict(spec)
    fields.setdefault("contacted_on", days_ago(days))
    return PriorContact.objects.create(case=case, **fields)


def add_evidence(case: Case, spec: EvidenceSpec = "chat_record", number: int = 1) -> Evidence:
    """A real, small screenshot stored through the evidence pipeline (so its thumbnail
    serves), then given the spec's fields."""
    fields: dict[str, Any] = {"kind": spec} if isinstance(spec, str) else dict(spec)
    kind = fields.pop("kind", "chat_record")
    original_name = fields.pop("original_name", f"screenshot-{number}.png")
    caption = fields.pop("caption", "")
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (40 * number % 256, 120, 200)).save(buffer, "PNG")
    buffer.seek(0)
    item = store_evidence(case, buffer, kind=kind, caption=caption, original_name=original_name)
    if fields:
        Evidence.objects.filter(pk=item.pk).update(**fields)
        item.refresh_from_db()
    return item


def make_case(
    upto: str | None = "check",
    *,
    order_number: str = "123456",
    purchase_kind: str = "self_operated",
    item: str = "洗衣机",
    problem: str = "quality_fault",
    description: str = "到货后无法启动",
    happened_on: date | None = None,
    contacts: Iterable[ContactSpec] = ("online_service",),
    desired_outcome: str = "repair",
    outcome_detail: str = "",
    deadline_days: int | None = None,
    evidence: int | Iterable[EvidenceSpec] = 0,
    **fields: Any,
) -> Case:
    """A case with every wizard step up to and including `upto` answered: by default all
    of them, so its card is ready; `upto=None` gives a fresh case. A step after `upto`
    stays blank whatever its arguments say; `**fields` are set as given.

    `contacts`: channel names or dicts of PriorContact fields (each channel at most once).
    `evidence`: a number of rows, or kinds / dicts of Evidence fields.
    `card_ready_at=None` gives a case whose shopper has not yet asked for the card.
    """
    answered = STEP_SLUGS[: STEP_SLUGS.index(upto) + 1] if upto else ()
    values: dict[str, Any] = {}
    if "order" in answered:
        values.update(order_number=order_number, purchase_kind=purchase_kind, item=item)
    if "problem" in answered:
        values.update(
            problem=problem, description=description, happened_on=happened_on or days_ago(8)
        )
    if "tried" in answered:
        values["tried_answered"] = True
    if "want" in answered:
        values.update(
            desired_outcome=desired_outcome,
            outcome_detail=outcome_detail,
            deadline_days=deadline_days,
        )
    if "evidence" in answered:
        values["evidence_answered"] = True
    if "check" in answered:
        values["card_ready_at"] = timezone.now()
    case = Case.objects.create(**{**values, **fields})
    if "tried" in answered:
        for days, spec in enumerate(contacts):
            add_contact(case, spec, days=7 - days)
    if "evidence" in answered:
        specs = ["chat_record"] * evidence if isinstance(evidence, int) else list(evidence)
        for number, spec in enumerate(specs, start=1):
            add_evidence(case, spec, number)
    return case


def add_call(case: Case, **fields: Any) -> Call:
    """A call to the self-operated line on Friday 27 November 2026, 10:30 China time, with a
    ticket and a promise to send someone by Monday 30 November; `fields` override."""
    values: dict[str, Any] = {
        "called_at": datetime(2026, 11, 27, 10, 30, tzinfo=CHINA),
        "hotline": Hotline.objects.get(key="self_operated"),
        "ticket_number": "JD20261127001",
        "promise": "安排上门检测",
        "promised_by": date(2026, 11, 30),
        **fields,
    }
    return Call.objects.create(case=case, **values)


def long_text(prefix: str, length: int) -> str:
    """`prefix` padded with plausible Chinese to exactly `length` characters."""
    filler = "收到后发现外包装破损，机器侧面有明显凹痕，通电后显示屏不亮，"
    text = prefix
    while len(text) < length:
        text += filler
    return text[:length]


def make_worst_case(**overrides: Any) -> Case:
    """The longest card the wizard lets a shopper make: every field at its maximum length,
    all five channels tried with 200-character answers, "other" with a 100-character detail,
    and a strong claim without evidence (one more piece of advice)."""
    values: dict[str, Any] = {
        "order_number": "12345678901234567890",
        "purchase_kind": "third_party",
        "item": long_text("某品牌十公斤变频滚筒洗衣机", 60),
        "problem": "shop_not_replying",
        "description": long_text("怀疑收到的是假货。", 500),
        "contacts": [
            {
                "channel": channel,
                "answer": long_text(f"{label}说", 200),
                "has_record": True,
            }
            for channel, label in Channel.choices
        ],
        "desired_outcome": "other",
        "outcome_detail": long_text("希望店铺重新发一台全新正品并承担来回运费", 100),
        "deadline_days": None,
    }
    values.update(overrides)
    return make_case(**values)
