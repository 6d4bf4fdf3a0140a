"""The rights block against the law text: one concrete case per row (purchase kind × goods
× problem × receipt × today), each expectation written from the article quoted in the row,
not from the code. Issue 19; the review rows are `../shared/reviews/legal-review-2026-12-04.md`.

What a shopper notices is checked, through the functions the card, the want step and the
call script use: the outcomes offered, whether the script names a legal basis and with
which last day, whether the "已经过了法定期限" banner claims a lapse, and the status line.

Holidays are China's published tables (chinese-calendar): 2026 has 元旦 1–3 Jan, 春节
15–23 Feb (调休 working Saturdays 14 and 28 Feb), 劳动节 1–5 May (调休 Saturday 9 May),
端午 19–21 Jun, 中秋 25–27 Sep, 国庆 1–7 Oct (调休 Sunday 20 Sep, Saturday 10 Oct).
The first year the installed package does not know (UNKNOWN_YEAR, found when the tests are
collected, so a package upgrade never breaks them) is counted without roll-over and never
reported as lapsed while a holiday may still move it.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, time

import pytest

from cases.rights import basis_sentence, closed_choice
from routing.holidays import is_rest_day
from routing.hours import CHINA
from routing.rights import RightsFacts, rights_for

pytestmark = pytest.mark.django_db

ART24 = (
    "消法第二十四条：没有国家规定和当事人约定的，消费者可以自收到商品之日起七日内退货；七日后"
    "符合法定解除合同条件的，消费者可以及时退货，不符合法定解除合同条件的，可以要求经营者履行"
    "更换、修理等义务。"
)
ART25 = (
    "消法第二十五条：消费者有权自收到商品之日起七日内退货，且无需说明理由，但下列商品除外："
    "(一)消费者定作的；(二)鲜活易腐的……其他根据商品性质并经消费者在购买时确认不宜退货的商品，"
    "不适用无理由退货。"
)
DAY1 = "暂行办法：七日期间自消费者签收商品的次日开始起算。"
ART203 = (
    "民法典第二百零三条：期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日。"
)
SANBAO9 = "三包第九条：产品自售出之日起7日内，发生性能故障，消费者可以选择退货、换货或修理。"
SANBAO10 = "三包第十条：产品自售出之日起15日内，发生性能故障，消费者可以选择换货或者修理。"
SANBAO11 = "三包第十一条：在三包有效期内，修理两次，仍不能正常使用的产品……免费调换……或者……退货"
REGS18 = (
    "条例第十八条：有效期限自经营者向消费者交付商品……之日起计算，需要经营者另行安装的商品，"
    "有效期限自商品安装完成之日起计算"
)
ART55 = (
    "消法第五十五条：经营者提供商品或者服务有欺诈行为的，……增加赔偿的金额为消费者购买商品的价款"
    "……的三倍；增加赔偿的金额不足五百元的，为五百元。法律另有规定的，依照其规定。"
)
FOOD148 = (
    "食品安全法第一百四十八条：生产不符合食品安全标准的食品或者经营明知是不符合食品安全标准的"
    "食品，消费者……可以……要求支付价款十倍或者损失三倍的赔偿金；增加赔偿的金额不足一千元的，为一千元。"
)
ART2 = "消法第二条：消费者为生活消费需要购买、使用商品或者接受服务，其权益受本法保护。"
ART53 = (
    "消法第五十三条：经营者以预收款方式提供商品或者服务的，应当按照约定提供。未按照约定提供的，"
    "应当按照消费者的要求履行约定或者退回预付款；并应当承担预付款的利息"
)
ART188 = "民法典第一百八十八条：向人民法院请求保护民事权利的诉讼时效期间为三年。"

RETURN, EXCHANGE, REPAIR = "return_refund", "exchange", "repair"
FRAUD, FOOD, CANCEL = "fraud_triple", "food_tenfold", "cancel_refund"
R = date(2026, 12, 1)  # a Tuesday; the plain 7th day is Tuesday 8 December


def _first_unknown_year() -> int:
    year = 2026
    while is_rest_day(date(year, 1, 1)) is not None:
        year += 1
    return year


UNKNOWN_YEAR = _first_unknown_year()
U = UNKNOWN_YEAR


def d(month: int, day: int, year: int = 2026) -> date:
    return date(year, month, day)


@dataclasses.dataclass
class Case:
    id: str
    law: str
    received: date | None
    today: date
    problem: str = "quality_fault"
    goods: str = "other"
    kind: str = "self_operated"
    more: dict = dataclasses.field(default_factory=dict)
    # The outcomes the shopper is told they may ask for (want step, card), exactly.
    may: set[str] | None = None
    # outcome → (legal last day or None, words the script's basis sentence contains)
    certain: dict = dataclasses.field(default_factory=dict)
    # outcomes whose basis the law leaves to a condition: the script names none
    no_script: tuple[str, ...] = ()
    lapsed: str = ""  # the "已经过了法定期限" banner is true for this outcome
    excluded: str = ""  # the law never gave this outcome for these goods: not a lapse
    not_lapsed: str = ""  # …and must not be shown for this one
    says: str = ""  # a status line contains this
    limitation: bool | None = None


# fmt: off
CASES = [
    # --- review rows 1, 10: art. 24 ---
    Case("ordinary goods, fault, day 3: art. 24 return, seller pays transport", ART24 + DAY1,
         R, d(12, 4), may={RETURN, EXCHANGE, REPAIR},
         certain={RETURN: (d(12, 8), "第二十四条")}),
    Case("row 1: ordinary goods, fault, day 10: a return still stands, under its condition",
         ART24, R, d(12, 11), may={RETURN, EXCHANGE, REPAIR}, no_script=(RETURN,),
         not_lapsed=RETURN, says="无法正常使用、达不到购买目的"),
    Case("row 1: ordinary goods, fault, day 40: exchange or repair within a reasonable time",
         ART24, R, d(1, 10, 2027), may={RETURN, EXCHANGE, REPAIR},
         no_script=(RETURN, EXCHANGE, REPAIR), not_lapsed=EXCHANGE),
    # --- row 2: 三包-kind goods, problems 三包 does not cover ---
    Case("row 2: TV broken in transit, day 10: art. 24 still applies", ART24 + SANBAO9,
         R, d(12, 11), problem="damaged_in_transit", goods="sanbao",
         may={RETURN, EXCHANGE, REPAIR}, not_lapsed=RETURN),
    Case("row 2: TV broken in transit, day 3: art. 24 return named in the script", ART24,
         R, d(12, 4), problem="damaged_in_transit", goods="sanbao",
         certain={RETURN: (d(12, 8), "第二十四条")}),
    Case("row 2: 三包 phone not as described, day 5: art. 24 return", ART24,
         R, d(12, 6), problem="not_as_described", goods="sanbao",
         certain={RETURN: (d(12, 8), "第二十四条")}),
    # --- row 3: conduct problems judged by the goods' own problem ---
    Case("row 3: 三包 goods, 售后推诿 over a fault, day 30: 三包 repair under its condition",
         SANBAO11, R, d(12, 31), problem="after_sales_stalled", goods="sanbao",
         more={"underlying": "quality_fault"}, may={REPAIR}, no_script=(REPAIR,)),
    Case("row 3/17: 三包 goods, 推诿 after two failed repairs: exchange or return (art. 11)",
         SANBAO11, R, d(12, 31), problem="after_sales_stalled", goods="sanbao",
         more={"underlying": "quality_fault", "repairs": 2},
         may={RETURN, EXCHANGE, REPAIR}, no_script=(RETURN, EXCHANGE)),
    Case("row 17: 三包 goods, one repair so far, day 30: repair only", SANBAO11,
         R, d(12, 31), goods="sanbao", more={"repairs": 1}, may={REPAIR}),
    Case("row 3: 退货被拒 over transit damage, 三包 goods, day 3: art. 24 return", ART24,
         R, d(12, 4), problem="return_refused", goods="sanbao",
         more={"underlying": "damaged_in_transit"},
         certain={RETURN: (d(12, 8), "第二十四条")}),
    Case("row 3: 店铺不回复 over spoiled food: 148 offered", FOOD148,
         R, d(12, 2), problem="shop_not_replying", goods="fresh", kind="third_party",
         more={"underlying": "spoiled_fresh"}, may={RETURN, EXCHANGE, FOOD}),
    Case("row 3: 其他 where the shopper no longer wants it, day 3: 七日无理由", ART25 + DAY1,
         R, d(12, 4), problem="other", more={"underlying": "no_longer_wanted"},
         may={RETURN}, certain={RETURN: (d(12, 8), "七日无理由退货")}),
    # --- rows 4, 13, 20: no fixed end is not "可以申请" forever ---
    Case("row 4: 三包 phone bought 2023, asked 2026: no 三包 basis in the script", REGS18 + ART188,
         d(6, 1, 2023), d(12, 4), goods="sanbao", may={REPAIR}, no_script=(REPAIR,),
         says="仍在三包有效期内", limitation=True),
    Case("row 4: goods received 2020: no art. 24 basis in the script", ART24 + ART188,
         d(1, 1, 2020), d(12, 4), may={RETURN, EXCHANGE, REPAIR},
         no_script=(RETURN, EXCHANGE, REPAIR), limitation=True),
    Case("rows 13/20: exactly three years after receipt the limit has not passed", ART188,
         d(12, 4, 2023), d(12, 4), limitation=False),
    Case("rows 13/20: three years and a day: the 3-year limit is named", ART188,
         d(12, 3, 2023), d(12, 4), limitation=True),
    # --- row 5: a shop's label is no exclusion by itself ---
    Case("row 5: clothing marked 不支持七天无理由, no longer wanted, day 3: still returnable",
         ART25, R, d(12, 4), problem="no_longer_wanted", goods="confirmed_final",
         kind="third_party", more={"goods_what": "衬衫"}, may={RETURN}, no_script=(RETURN,),
         says="仍然可以退"),
    Case("art. 25: custom-made goods, no longer wanted, day 1: excluded by law, not lapsed",
         ART25, R, d(12, 2), problem="no_longer_wanted", goods="custom", may=set(),
         excluded=RETURN, says="按法律不适用于：定做、定制的商品（《消费者权益保护法》第二十五条"),
    Case("art. 25: fresh food, no longer wanted: excluded by law", ART25,
         R, d(12, 2), problem="no_longer_wanted", goods="fresh", may=set()),
    # --- row 6: the 7-day count ---
    Case("row 6: no longer wanted, the 7th day (Tue 8 Dec) is still open", ART25 + DAY1,
         R, d(12, 8), problem="no_longer_wanted", may={RETURN},
         certain={RETURN: (d(12, 8), "签收后第7天")}),
    Case("row 6: no longer wanted, day 8: lapsed, nothing else", ART25 + DAY1,
         R, d(12, 9), problem="no_longer_wanted", may=set(), lapsed=RETURN),
    # --- row 7: holiday roll-over, 2026 table ---
    Case("row 7: last day Sat 12 Dec rolls to Mon 14 Dec; Sun 13 Dec still open", ART203,
         d(12, 5), d(12, 13), problem="no_longer_wanted",
         certain={RETURN: (d(12, 14), "七日无理由退货")}, says="京东系统可能按 12月12日（周六） 截止"),
    Case("row 7: …and Mon 14 Dec is the last day", ART203,
         d(12, 5), d(12, 14), problem="no_longer_wanted",
         certain={RETURN: (d(12, 14), "七日无理由退货")}),
    Case("row 7: …Tue 15 Dec it has lapsed", ART203,
         d(12, 5), d(12, 15), problem="no_longer_wanted", may=set(), lapsed=RETURN),
    Case("row 7: last day Sun 6 Dec rolls to Mon 7 Dec", ART203,
         d(11, 29), d(12, 7), problem="no_longer_wanted",
         certain={RETURN: (d(12, 7), "七日无理由退货")}),
    Case("row 7: last day 国庆 1 Oct rolls to Thu 8 Oct", ART203,
         d(9, 24), d(10, 5), problem="no_longer_wanted",
         certain={RETURN: (d(10, 8), "七日无理由退货")}, says="按法律最后一天顺延到 10月8日（周四）"),
    Case("row 7: 调休 Saturday 10 Oct is a working day: no roll-over, lapsed on 11 Oct", ART203,
         d(10, 3), d(10, 11), problem="no_longer_wanted", may=set(), lapsed=RETURN),
    Case("row 7: 调休 Saturday 14 Feb is a working day: last day stays 14 Feb", ART203,
         d(2, 7), d(2, 14), problem="no_longer_wanted",
         certain={RETURN: (d(2, 14), "七日无理由退货")}),
    Case("row 7: 调休 Sunday 20 Sep is a working day: lapsed on 21 Sep", ART203,
         d(9, 13), d(9, 21), problem="no_longer_wanted", may=set(), lapsed=RETURN),
    Case("row 7: 春节 16 Feb rolls to Tue 24 Feb; open on 20 Feb", ART203,
         d(2, 9), d(2, 20), problem="no_longer_wanted",
         certain={RETURN: (d(2, 24), "七日无理由退货")}),
    Case("row 7: 劳动节 1 May rolls to Wed 6 May, the last day", ART203,
         d(4, 24), d(5, 6), problem="no_longer_wanted",
         certain={RETURN: (d(5, 6), "七日无理由退货")}),
    Case("row 7: 调休 Saturday 9 May is a working day: lapsed on 10 May", ART203,
         d(5, 2), d(5, 10), problem="no_longer_wanted", may=set(), lapsed=RETURN),
    Case("row 7: 端午 19 Jun rolls to Mon 22 Jun", ART203,
         d(6, 12), d(6, 21), problem="no_longer_wanted",
         certain={RETURN: (d(6, 22), "七日无理由退货")}),
    Case("row 7: 三包 15-day exchange ending 国庆 1 Oct rolls to 8 Oct", ART203 + SANBAO10,
         d(9, 16), d(10, 6), goods="sanbao",
         certain={EXCHANGE: (d(10, 8), "三包")}),
    Case("row 7: 元旦 of a year unknown to the calendar: counted to 1 Jan and said so", ART203,
         d(12, 25, U - 1), d(12, 30, U - 1), problem="no_longer_wanted",
         certain={RETURN: (d(1, 1, U), "七日无理由退货")}, says=f"节假日表还没有 {U} 年"),
    Case("row 7: 2 Jan of an unknown year, 元旦 may move the last day: no lapse claimed",
         ART203, d(12, 25, U - 1), d(1, 2, U), problem="no_longer_wanted", not_lapsed=RETURN,
         says=f"节假日表还没有 {U} 年"),
    Case("row 7: last day 2 Jan of an unknown year: no lapse on 3 Jan",
         ART203, d(12, 26, U - 1), d(1, 3, U), problem="no_longer_wanted", not_lapsed=RETURN),
    # --- rows 11, 12: fraud and food ---
    Case("row 12: not as described, day 5: 退一赔三 offered as its own outcome, never scripted",
         ART55 + ART24, R, d(12, 6), problem="not_as_described",
         may={RETURN, EXCHANGE, REPAIR, FRAUD}, no_script=(FRAUD,),
         certain={RETURN: (d(12, 8), "第二十四条")}),
    Case("row 12: a 假货 claim on a fault brings 退一赔三", ART55,
         R, d(12, 4), more={"description": "收到的是假货", "evidence_count": 1},
         may={RETURN, EXCHANGE, REPAIR, FRAUD}, no_script=(FRAUD,)),
    Case("row 11: spoiled food said to be fake: 148, not 55", FOOD148 + ART55,
         R, d(12, 2), problem="spoiled_fresh", goods="fresh",
         more={"description": "变质发霉，疑似假冒"}, may={RETURN, EXCHANGE, FOOD},
         certain={RETURN: (d(12, 8), "第二十四条")}, no_script=(FOOD,)),
    Case("row 11: plain spoiled food: 148 offered under its condition", FOOD148,
         R, d(12, 2), problem="spoiled_fresh", may={RETURN, EXCHANGE, FOOD},
         says="不符合食品安全标准"),
    # --- row 15: 三包 from installation ---
    Case("row 15: TV installed 5 Dec, fault on day 10 from receipt: 三包 return still open "
         "(7 days from installation = Sat 12 Dec, rolled to Mon 14 Dec)", REGS18 + SANBAO9 + ART203,
         R, d(12, 11), goods="sanbao", more={"installed_on": d(12, 5)},
         certain={RETURN: (d(12, 14), "三包")}),
    Case("row 15: an installation date before receipt is not one: counted from receipt",
         REGS18, R, d(12, 11), goods="sanbao", more={"installed_on": d(11, 20)},
         may={EXCHANGE, REPAIR}, certain={EXCHANGE: (d(12, 16), "三包")}, lapsed=RETURN),
    Case("row 15: an installation date in the future is not one", REGS18,
         R, d(12, 11), goods="sanbao", more={"installed_on": d(12, 20)},
         certain={EXCHANGE: (d(12, 16), "三包")}),
    Case("row 16: 三包 phone, fault on day 4: 三包 return, exchange until 16 Dec", SANBAO9 + SANBAO10,
         R, d(12, 5), goods="sanbao", may={RETURN, EXCHANGE, REPAIR},
         certain={RETURN: (d(12, 8), "三包"), EXCHANGE: (d(12, 16), "三包")}),
    Case("legalfix 6: fresh fruit crushed in transit: art. 24 only, no 148, no 55", ART24 + FOOD148,
         R, d(12, 2), problem="damaged_in_transit", goods="fresh", may={RETURN, EXCHANGE},
         certain={RETURN: (d(12, 8), "第二十四条")}),
    Case("legalfix 6: fresh food not as described: art. 24 and art. 55 with evidence, no 148",
         ART55 + FOOD148, R, d(12, 2), problem="not_as_described", goods="fresh",
         may={RETURN, EXCHANGE, FRAUD}, no_script=(FRAUD,), says="要凭证据提出"),
    Case("legalfix 6: fresh food with a fault the shopper says made them ill: 148", FOOD148,
         R, d(12, 2), problem="quality_fault", goods="fresh",
         more={"description": "吃了以后腹泻"}, may={RETURN, EXCHANGE, FOOD}),
    Case("legalfix 6: 店铺不回复 over spoiled fresh food: 148 from the underlying problem",
         FOOD148, R, d(12, 2), problem="shop_not_replying", goods="fresh", kind="third_party",
         more={"underlying": "spoiled_fresh"}, may={RETURN, EXCHANGE, FOOD}),
    Case("legalfix 3: TV installed 5 Dec, day 10 from receipt: the script counts from "
         "installation (day 6 after it)", REGS18 + SANBAO9, R, d(12, 11), goods="sanbao",
         more={"installed_on": d(12, 5)}, certain={RETURN: (d(12, 14), "安装完成后第6天")}),
    # --- row 18: enterprise ---
    Case("row 18: enterprise printer, fault, day 3: no consumer windows", ART2,
         R, d(12, 4), kind="enterprise", may=set(), no_script=(RETURN, EXCHANGE, REPAIR)),
    Case("row 18: enterprise order, no longer wanted: no 七日无理由", ART2,
         R, d(12, 4), problem="no_longer_wanted", kind="enterprise", may=set(),
         no_script=(RETURN,)),
    # --- row 22: paid but not shipped ---
    Case("row 22: paid, shop does not ship: refund of the prepayment (art. 53)", ART53,
         None, d(12, 4), problem="shop_not_shipping", kind="third_party", may={CANCEL},
         no_script=(CANCEL,)),
]
# fmt: on


def _facts(case: Case) -> RightsFacts:
    # Only the fields this version of RightsFacts knows (so the table runs on older code).
    known = {f.name for f in dataclasses.fields(RightsFacts)}
    values = {
        "received": case.received,
        "goods_kind": case.goods,
        "problem": case.problem,
        "purchase_kind": case.kind,
        **case.more,
    }
    return RightsFacts(**{k: v for k, v in values.items() if k in known})


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_it_follows_the_law_text(case: Case):
    rights = rights_for(_facts(case), datetime.combine(case.today, time(10), tzinfo=CHINA))
    offered = {str(e.outcome) for e in rights.entitlements()}
    if case.may is not None:
        assert offered == case.may, case.law
    for outcome, (last_day, words) in case.certain.items():
        assert words in basis_sentence(rights, outcome), case.law
        assert rights.basis_for(outcome).last_day == last_day, case.law
    for outcome in case.no_script:
        assert basis_sentence(rights, outcome) == "", case.law
    if case.lapsed:
        choice = closed_choice(rights, case.lapsed)
        assert choice is not None and getattr(choice, "lapsed", True), case.law
    if case.excluded:
        choice = closed_choice(rights, case.excluded)
        assert choice is not None and choice.unavailable, case.law
        assert not choice.lapsed and choice.excluded, case.law
    if case.not_lapsed:
        choice = closed_choice(rights, case.not_lapsed)
        assert choice is None or not getattr(choice, "lapsed", True), case.law
    if case.says:
        assert any(case.says in w.status_text for w in rights.windows), case.law
    if case.limitation is not None:
        assert getattr(rights, "limitation_passed", None) is case.limitation, case.law


def test_the_table_has_forty_cases_and_quotes_the_law_in_each():
    assert len(CASES) >= 40
    assert all(case.law for case in CASES)
