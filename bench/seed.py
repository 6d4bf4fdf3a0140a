"""The bench's database: 1,000 finished cases with prior contacts, calls and evidence rows,
and one measured case whose evidence is five real 12 MP phone photos stored through the
upload pipeline. Runs inside Django (jd400's settings, the bench's own var folder)."""

from __future__ import annotations

import io
import random
from datetime import timedelta
from typing import Any

CASES = 1000
MEASURED_PHOTOS = 5

_KINDS = (
    ("self_operated", "quality_fault", "repair"),
    ("third_party", "shop_not_shipping", "ship_now"),
    ("self_operated", "damaged_in_transit", "exchange"),
    ("third_party", "not_as_described", "return_refund"),
    ("plus", "member_benefit", "compensation"),
)
_CHANNELS = ("online_service", "shop_service", "app_after_sales", "left_message")
_DESCRIPTION = (
    "到货后无法启动，按电源键没有任何反应。外包装右下角有明显破损，客服让我等待但一直没有回复。"
)


def seed() -> dict[str, Any]:
    from django.http import HttpResponse
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from bench.photos import phone_photo
    from cases.access import COOKIE, set_remembered
    from cases.evidence import add_evidence
    from cases.models import Call, Case, Evidence, PriorContact
    from routing.models import Hotline

    rng = random.Random(12)
    now = timezone.now()
    today = timezone.localdate()
    hotlines = {line.key: line for line in Hotline.objects.all()}
    cases = []
    for number in range(CASES):
        kind, problem, outcome = _KINDS[number % len(_KINDS)]
        cases.append(
            Case(
                order_number=str(280_000_000_000 + number * 7919),
                purchase_kind=kind,
                item=rng.choice(("洗衣机", "冰箱", "手机", "空气炸锅", "登山鞋")),
                problem=problem,
                description=_DESCRIPTION,
                happened_on=today - timedelta(days=8 + number % 20),
                tried_answered=True,
                desired_outcome=outcome,
                outcome_detail="3天内上门检测" if number % 2 else "",
                deadline_days=3 if number % 3 else None,
                evidence_answered=True,
                card_ready_at=now - timedelta(days=number % 30),
            )
        )
    Case.objects.bulk_create(cases, batch_size=250)
    cases = list(Case.objects.order_by("id"))
    contacts, calls, evidence = [], [], []
    for number, case in enumerate(cases):
        for offset, channel in enumerate(_CHANNELS[: 1 + number % 3]):
            contacts.append(
                PriorContact(
                    case=case,
                    channel=channel,
                    contacted_on=today - timedelta(days=7 - offset),
                    answer="让我再等等",
                )
            )
        if number % 2:
            calls.append(
                Call(
                    case=case,
                    called_at=now - timedelta(days=2),
                    hotline=hotlines.get("self_operated"),
                    agent_id="A1024",
                    ticket_number=f"T{number:08d}",
                    promise="三天内上门检测",
                    promised_by=today + timedelta(days=3 - number % 7),
                )
            )
        for item in range(number % 4):
            evidence.append(
                Evidence(
                    case=case,
                    kind="problem_photo",
                    image=f"bench-missing-{number}-{item}.jpg",
                    thumbnail=f"bench-missing-{number}-{item}-thumb.jpg",
                    content_type="image/jpeg",
                    original_name=f"IMG_{1000 + item}.JPG",
                    size_bytes=2_000_000,
                    width=3000,
                    height=4000,
                )
            )
    PriorContact.objects.bulk_create(contacts, batch_size=500)
    Call.objects.bulk_create(calls, batch_size=500)
    Evidence.objects.bulk_create(evidence, batch_size=500)

    # The measured case: the first kind (self-operated quality fault), two contacts, a call
    # with a promise still ahead, and five real phone photos through the pipeline.
    measured = cases[0]
    Evidence.objects.filter(case=measured).delete()
    for seed_number in range(MEASURED_PHOTOS):
        add_evidence(
            measured,
            io.BytesIO(phone_photo(seed_number)),
            kind="problem_photo",
            caption="外包装破损",
            original_name=f"IMG_{4000 + seed_number}.HEIC.jpg",
        )
    # The shopper's browser remembers six cases, the measured one first.
    response = HttpResponse()
    set_remembered(response, [measured.token] + [case.token for case in cases[1:6]])
    remembered = response.cookies[COOKIE].value
    return {
        "token": measured.token,
        "cookie_name": COOKIE,
        "other_token": cases[1].token,
        "remembered": remembered,
        "csrf": get_random_string(32),
        "cases": Case.objects.count(),
        "contacts": PriorContact.objects.count(),
        "calls": Call.objects.count(),
        "evidence": Evidence.objects.count(),
    }
