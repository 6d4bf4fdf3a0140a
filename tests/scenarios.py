"""The five scenarios of the card, one per line of the directory, shared by the card's
view tests and its browser tests: the case's fields (on top of tests/factories.py's
defaults), the number as written, its tel: digits, and the card's reason line."""

from __future__ import annotations

from typing import Any, NamedTuple


class Scenario(NamedTuple):
    fields: dict[str, Any]
    number: str
    dial: str
    reason: str


SCENARIOS = {
    "self_operated_fault": Scenario(
        {"purchase_kind": "self_operated", "problem": "quality_fault"},
        "400-606-5500",
        "4006065500",
        "自营商品的质量问题 → 自营售后专线",
    ),
    "third_party_not_shipping": Scenario(
        {
            "purchase_kind": "third_party",
            "problem": "shop_not_shipping",
            "item": "蓝牙耳机",
            "description": "付款五天了店铺还没发货",
            "contacts": ["shop_service"],
            "desired_outcome": "ship_now",
        },
        "400-616-5500",
        "4006165500",
        "第三方店铺商品的不发货 → 第三方服务专线",
    ),
    "plus_coupon": Scenario(
        {
            "purchase_kind": "plus",
            "problem": "member_benefit",
            "item": "PLUS会员券",
            "description": "满减券结算时用不了",
            "desired_outcome": "other",
            "outcome_detail": "补发一张同等面额的券",
        },
        "400-026-0598",
        "4000260598",
        "PLUS 会员的会员权益问题 → PLUS会员专属服务",
    ),
    "enterprise": Scenario(
        {"purchase_kind": "enterprise", "item": "办公打印机", "description": "打印十几张就卡纸"},
        "400-026-6188",
        "4000266188",
        "企业采购订单的质量问题 → 企业采购服务",
    ),
    "not_sure": Scenario(
        {"purchase_kind": "not_sure", "item": "电饭煲", "description": "内胆涂层脱落"},
        "950618",
        "950618",
        "不确定是否自营的质量问题 → 京东客服热线（接通后说明不确定是否自营）",
    ),
}
