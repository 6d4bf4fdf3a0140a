"""Completed cases built straight through the ORM, for tests of the card and what follows it.

`make_case(...)` gives a case whose card is ready (every wizard step answered), with its
prior contacts and, optionally, evidence: small real PNGs stored through the pipeline, into
the test's temporary folder (tests/conftest.py), so the card's thumbnails serve.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any

from django.utils import timezone
from PIL import Image

from cases.evidence import add_evidence as store_evidence
from cases.models import Case, Evidence, PriorContact
from routing.choices import Channel

ContactSpec = str | Mapping[str, Any]
EvidenceSpec = str | Mapping[str, Any]


def _days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def add_contact(case: Case, spec: ContactSpec, days_ago: int = 3) -> PriorContact:
    """A prior contact from a channel name or a dict of PriorContact fields."""
    fields: dict[str, Any] = {"channel": spec} if isinstance(spec, str) else dict(spec)
    fields.setdefault("contacted_on", _days_ago(days_ago))
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
    """A case with its card ready. The defaults are the seed's own example: order 123456,
    a self-operated washing machine that does not start, online service tried, repair wanted.

    `contacts`: channel names or dicts of PriorContact fields (each channel at most once).
    `evidence`: a number of rows, or kinds / dicts of Evidence fields.
    `card_ready_at=None` gives a case whose shopper has not yet asked for the card.
    """
    fields.setdefault("card_ready_at", timezone.now())
    case = Case.objects.create(
        order_number=order_number,
        purchase_kind=purchase_kind,
        item=item,
        problem=problem,
        description=description,
        happened_on=happened_on or _days_ago(8),
        tried_answered=True,
        desired_outcome=desired_outcome,
        outcome_detail=outcome_detail,
        deadline_days=deadline_days,
        evidence_answered=True,
        **fields,
    )
    for days, spec in enumerate(contacts):
        add_contact(case, spec, days_ago=7 - days)
    specs = ["chat_record"] * evidence if isinstance(evidence, int) else list(evidence)
    for number, spec in enumerate(specs, start=1):
        add_evidence(case, spec, number)
    return case


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
