"""The legal windows, table-driven: receipt × the day of the call in China × goods ×
problem → each window open or closed, its last day, the outcomes offered, what is missing.

The rules are the seeded LegalWindow rows (the data migration), read as the app reads them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from routing.hours import CHINA
from routing.models import LegalWindow
from routing.rights import Missing, RightsFacts, State, rights_for

pytestmark = pytest.mark.django_db

OPEN, CLOSED, COND, UNKNOWN, EXCLUDED = (
    State.OPEN,
    State.CLOSED,
    State.CONDITIONAL,
    State.UNKNOWN,
    State.EXCLUDED,
)
RECEIVED = date(2026, 12, 1)


def china(day: int, hour: int = 10, minute: int = 0, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=CHINA)


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=UTC)


# (id, received, call, goods, problem, description/evidence,
#  {window: (state, last day, days left)}, [(outcome, basis window)], missing)
# fmt: off
TABLE = [
    (
        "ordinary goods, day 4: 七日无理由 open until 12-08",
        RECEIVED, china(5), "other", "no_longer_wanted", {},
        {"seven_day": (OPEN, date(2026, 12, 8), 3)},
        [("return_refund", "seven_day")],
        (),
    ),
    (
        "the 7th day itself is still open, at 23:30 China time",
        RECEIVED, china(8, 23, 30), "other", "no_longer_wanted", {},
        {"seven_day": (OPEN, date(2026, 12, 8), 0)},
        [("return_refund", "seven_day")],
        (),
    ),
    (
        "day 8 at 00:30 China time (still 12-08 in UTC) is closed",
        RECEIVED, utc(8, 16, 30), "other", "no_longer_wanted", {},
        {"seven_day": (CLOSED, date(2026, 12, 8), 0)},
        [],
        (),
    ),
    (
        "received 23:59 China time on 12-01: last day 12-08, closed on 12-09",
        utc(1, 15, 59), china(9), "other", "no_longer_wanted", {},
        {"seven_day": (CLOSED, date(2026, 12, 8), 0)},
        [],
        (),
    ),
    (
        "received 00:01 China time on 12-02 (12-01 in UTC): last day 12-09, open on 12-09",
        utc(1, 16, 1), china(9), "other", "no_longer_wanted", {},
        {"seven_day": (OPEN, date(2026, 12, 9), 0)},
        [("return_refund", "seven_day")],
        (),
    ),
    (
        "unknown receipt date: no last day, the date is named as missing",
        None, china(5), "other", "no_longer_wanted", {},
        {"seven_day": (UNKNOWN, None, None)},
        [],
        (Missing.RECEIVED,),
    ),
    (
        "goods kind not given: the window counts, the exclusions are named as missing",
        RECEIVED, china(5), "", "no_longer_wanted", {},
        {"seven_day": (OPEN, date(2026, 12, 8), 3)},
        [("return_refund", "seven_day")],
        (Missing.GOODS_KIND,),
    ),
    (
        "fresh food is excluded from 七日无理由",
        RECEIVED, china(3), "fresh", "no_longer_wanted", {},
        {"seven_day": (EXCLUDED, None, None)},
        [],
        (),
    ),
    (
        "custom-made goods are excluded",
        RECEIVED, china(3), "custom", "no_longer_wanted", {},
        {"seven_day": (EXCLUDED, None, None)},
        [],
        (),
    ),
    (
        "unsealed digital goods are excluded",
        RECEIVED, china(3), "digital", "no_longer_wanted", {},
        {"seven_day": (EXCLUDED, None, None)},
        [],
        (),
    ),
    (
        "newspapers and periodicals are excluded",
        RECEIVED, china(3), "periodical", "no_longer_wanted", {},
        {"seven_day": (EXCLUDED, None, None)},
        [],
        (),
    ),
    (
        # Was EXCLUDED: legally wrong (消法第二十五条 needs the goods' nature too; 条例第十九条)
        "a shop's “不支持七天无理由” label leaves the return open under its condition",
        RECEIVED, china(3), "confirmed_final", "no_longer_wanted", {},
        {"seven_day": (COND, date(2026, 12, 8), 5)},
        [("return_refund", "seven_day")],
        (Missing.GOODS_WHAT,),
    ),
    (
        "spoiled fresh food: fresh without asking; art. 24 return, then exchange or repair",
        RECEIVED, china(2), "", "spoiled_fresh", {},
        {
            "quality_return": (OPEN, date(2026, 12, 8), 6),
            "quality_return_late": (COND, None, None),
            "quality_repair": (COND, None, None),
            "seven_day": (EXCLUDED, None, None),
            "food_safety": (COND, None, None),
        },
        [
            ("return_refund", "quality_return"),
            ("exchange", "quality_return"),
            ("food_tenfold", "food_safety"),
        ],
        (),
    ),
    (
        "a quality fault, kind of goods unknown: 三包 may apply, the kind is missing",
        RECEIVED, china(5), "", "quality_fault", {},
        {
            "sanbao_return": (UNKNOWN, None, None),
            "quality_return": (OPEN, date(2026, 12, 8), 3),
            "quality_return_late": (COND, None, None),
            "quality_repair": (COND, None, None),
            "seven_day": (OPEN, date(2026, 12, 8), 3),
        },
        [
            ("return_refund", "quality_return"),
            ("exchange", "quality_return"),
            ("repair", "quality_return"),
        ],
        (Missing.GOODS_KIND,),
    ),
    (
        "三包 appliance, day 4: return, exchange until 12-16, repair",
        RECEIVED, china(5), "sanbao", "quality_fault", {},
        {
            "sanbao_return": (OPEN, date(2026, 12, 8), 3),
            "sanbao_exchange": (OPEN, date(2026, 12, 16), 11),
            "sanbao_repair": (COND, None, None),
            "seven_day": (OPEN, date(2026, 12, 8), 3),
        },
        [
            ("return_refund", "sanbao_return"),
            ("exchange", "sanbao_exchange"),
            ("repair", "sanbao_exchange"),
        ],
        (),
    ),
    (
        "三包 appliance, day 9: return closed, exchange still open",
        RECEIVED, china(10), "sanbao", "quality_fault", {},
        {
            "sanbao_return": (CLOSED, date(2026, 12, 8), 0),
            "sanbao_exchange": (OPEN, date(2026, 12, 16), 6),
            "sanbao_repair": (COND, None, None),
            "seven_day": (CLOSED, date(2026, 12, 8), 0),
        },
        [("exchange", "sanbao_exchange"), ("repair", "sanbao_exchange")],
        (),
    ),
    (
        "三包 appliance, the 15th day itself",
        RECEIVED, china(16, 21), "sanbao", "quality_fault", {},
        {
            "sanbao_return": (CLOSED, date(2026, 12, 8), 0),
            "sanbao_exchange": (OPEN, date(2026, 12, 16), 0),
            "sanbao_repair": (COND, None, None),
            "seven_day": (CLOSED, date(2026, 12, 8), 0),
        },
        [("exchange", "sanbao_exchange"), ("repair", "sanbao_exchange")],
        (),
    ),
    (
        "三包 appliance, day 16 at 00:30 China time (12-16 in UTC): only repair",
        RECEIVED, utc(16, 16, 30), "sanbao", "quality_fault", {},
        {
            "sanbao_return": (CLOSED, date(2026, 12, 8), 0),
            "sanbao_exchange": (CLOSED, date(2026, 12, 16), 0),
            "sanbao_repair": (COND, None, None),
            "sanbao_after_repairs": (UNKNOWN, None, None),
            "seven_day": (CLOSED, date(2026, 12, 8), 0),
        },
        [("repair", "sanbao_repair")],
        (Missing.REPAIRS,),
    ),
    (
        "三包 appliance, receipt unknown: only the repair without a deadline",
        None, china(5), "sanbao", "quality_fault", {},
        {
            "sanbao_return": (UNKNOWN, None, None),
            "sanbao_exchange": (UNKNOWN, None, None),
            "sanbao_repair": (COND, None, None),
            "sanbao_after_repairs": (UNKNOWN, None, None),
            "seven_day": (UNKNOWN, None, None),
        },
        [("repair", "sanbao_repair")],
        (Missing.RECEIVED, Missing.REPAIRS),
    ),
    (
        "custom-made goods with a fault: art. 24, not 七日无理由",
        RECEIVED, china(5), "custom", "quality_fault", {},
        {
            "quality_return": (OPEN, date(2026, 12, 8), 3),
            "quality_return_late": (COND, None, None),
            "quality_repair": (COND, None, None),
            "seven_day": (EXCLUDED, None, None),
        },
        [
            ("return_refund", "quality_return"),
            ("exchange", "quality_return"),
            ("repair", "quality_return"),
        ],
        (),
    ),
    (
        # Was: fraud as "compensation" with evidence missing; art. 24's return after day 7
        # was withheld (legally wrong: 消法第二十四条 "七日后符合法定解除合同条件的…可以及时退货")
        "goods not as described, day 19: return under its condition, fraud its own outcome",
        RECEIVED, china(20), "other", "not_as_described", {},
        {
            "quality_return": (CLOSED, date(2026, 12, 8), 0),
            "quality_return_late": (COND, None, None),
            "quality_repair": (COND, None, None),
            "seven_day": (CLOSED, date(2026, 12, 8), 0),
            "fraud": (COND, None, None),
        },
        [
            ("return_refund", "quality_return_late"),
            ("exchange", "quality_repair"),
            ("repair", "quality_repair"),
            ("fraud_triple", "fraud"),
        ],
        (),
    ),
    (
        "a 假货 claim with evidence on a quality fault brings in art. 55",
        RECEIVED, china(3), "other", "quality_fault",
        {"description": "收到的是假货", "evidence_count": 2},
        {
            "quality_return": (OPEN, date(2026, 12, 8), 5),
            "quality_return_late": (COND, None, None),
            "quality_repair": (COND, None, None),
            "seven_day": (OPEN, date(2026, 12, 8), 5),
            "fraud": (COND, None, None),
        },
        [
            ("return_refund", "quality_return"),
            ("exchange", "quality_return"),
            ("repair", "quality_return"),
            ("fraud_triple", "fraud"),
        ],
        (),
    ),
    (
        "a shop that never shipped starts no clock; a paid order has 第五十三条",
        RECEIVED, china(5), "other", "shop_not_shipping", {},
        {"prepaid_refund": (COND, None, None)},
        [("cancel_refund", "prepaid_refund")],
        (),
    ),
    (
        "a late parcel starts no clock; a paid order has 第五十三条",
        RECEIVED, china(5), "other", "late_delivery", {},
        {"prepaid_refund": (COND, None, None)},
        [("cancel_refund", "prepaid_refund")],
        (),
    ),
    (
        "a PLUS member's 三包 appliance has the same windows as anyone's",
        RECEIVED, china(5), "sanbao", "quality_fault", {"purchase_kind": "plus"},
        {
            "sanbao_return": (OPEN, date(2026, 12, 8), 3),
            "sanbao_exchange": (OPEN, date(2026, 12, 16), 11),
            "sanbao_repair": (COND, None, None),
            "seven_day": (OPEN, date(2026, 12, 8), 3),
        },
        [
            ("return_refund", "sanbao_return"),
            ("exchange", "sanbao_exchange"),
            ("repair", "sanbao_exchange"),
        ],
        (),
    ),
    (
        "a PLUS coupon is no purchase of goods",
        RECEIVED, china(5), "", "member_benefit", {"purchase_kind": "plus"}, {}, [], (),
    ),
    (
        "a tracking query has no rights block",
        None, china(5), "", "tracking_query", {}, {}, [], (),
    ),
]
# fmt: on


@pytest.mark.parametrize(
    ("received", "at", "goods", "problem", "more", "windows", "offered", "missing"),
    [pytest.param(*row[1:], id=row[0]) for row in TABLE],
)
def test_it_computes_each_window(received, at, goods, problem, more, windows, offered, missing):
    facts = RightsFacts(received=received, goods_kind=goods, problem=problem, **more)
    rights = rights_for(facts, at)
    got = {w.key: (w.state, w.last_day, w.days_left) for w in rights.windows}
    assert got == windows
    assert [(e.outcome, e.window.key) for e in rights.entitlements()] == offered
    assert rights.missing == missing


def test_it_counts_the_days_since_receipt_in_china_time():
    rights = rights_for(RightsFacts(received=RECEIVED, problem="no_longer_wanted"), utc(5, 17))
    assert rights.day_number == 5  # 12-06 01:00 China time: 签收后第5天


def test_it_names_the_nearest_open_deadline():
    facts = RightsFacts(received=RECEIVED, goods_kind="sanbao", problem="quality_fault")
    assert rights_for(facts, china(5)).nearest.last_day == date(2026, 12, 8)
    assert rights_for(facts, china(10)).nearest.key == "sanbao_exchange"
    assert rights_for(facts, china(17)).nearest is None


def test_it_warns_only_when_two_days_or_fewer_are_left():
    facts = RightsFacts(received=RECEIVED, goods_kind="other", problem="no_longer_wanted")
    assert not rights_for(facts, china(5)).closing_soon
    assert [w.key for w in rights_for(facts, china(6)).closing_soon] == ["seven_day"]
    assert [w.key for w in rights_for(facts, china(8)).closing_soon] == ["seven_day"]
    assert not rights_for(facts, china(9)).closing_soon


def test_it_says_the_last_day_as_the_shopper_reads_it():
    facts = RightsFacts(received=RECEIVED, goods_kind="other", problem="no_longer_wanted")
    assert (
        rights_for(facts, china(6)).windows[0].status_text == "到 12月8日（周二） 为止（还剩 2 天）"
    )
    assert rights_for(facts, china(8)).windows[0].status_text == "今天（12月8日）是最后一天"
    assert rights_for(facts, china(9)).windows[0].status_text == "已于 12月8日（周二） 截止"


def test_it_reads_an_operators_correction():
    LegalWindow.objects.filter(key="seven_day").update(days=10)
    facts = RightsFacts(received=RECEIVED, goods_kind="other", problem="no_longer_wanted")
    assert rights_for(facts, china(5)).windows[0].last_day == date(2026, 12, 11)


def test_it_leaves_out_a_window_an_operator_switched_off():
    LegalWindow.objects.filter(key="fraud").update(active=False)
    facts = RightsFacts(received=RECEIVED, goods_kind="other", problem="not_as_described")
    assert "fraud" not in [w.key for w in rights_for(facts, china(5)).windows]


def test_it_seeds_every_window_with_its_source():
    rows = list(LegalWindow.objects.all())
    assert {row.key for row in rows} >= {
        "seven_day",
        "quality_return",
        "quality_repair",
        "sanbao_return",
        "sanbao_exchange",
        "sanbao_repair",
        "fraud",
    }
    for row in rows:
        assert row.source and row.source_en and row.name_en and row.conditions_en
        assert row.last_checked
