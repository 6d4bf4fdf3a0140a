"""Which hotline fits a purchase and a problem, and the one-line reason the card shows.

Pure and table-driven: the rules are the seed's "第一步：找对专线" (one line per kind of
purchase) plus PRODUCT.md's order of precedence. The hotline *numbers* live in the database;
this module only names lines by key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from routing.choices import ProblemCategory, PurchaseKind


class HotlineKey:
    SELF_OPERATED = "self_operated"
    THIRD_PARTY = "third_party"
    PLUS = "plus"
    ENTERPRISE = "enterprise"
    GENERAL = "general"


FALLBACK_KEY = HotlineKey.GENERAL
# Every line the rules can name: the directory must keep each of them active.
ROUTED_KEYS = frozenset(
    {
        HotlineKey.SELF_OPERATED,
        HotlineKey.THIRD_PARTY,
        HotlineKey.PLUS,
        HotlineKey.ENTERPRISE,
        HotlineKey.GENERAL,
    }
)

# Short names of problems, for the reason line ("自营商品的质量问题 → 自营售后专线").
PROBLEM_SHORT: dict[str, Promise] = {
    ProblemCategory.QUALITY_FAULT: _("质量问题"),
    ProblemCategory.SPOILED_FRESH: _("生鲜变质"),
    ProblemCategory.LATE_DELIVERY: _("物流延迟"),
    ProblemCategory.DAMAGED_IN_TRANSIT: _("运输破损"),
    ProblemCategory.RETURN_REFUSED: _("退换货纠纷"),
    ProblemCategory.SHOP_NOT_SHIPPING: _("不发货"),
    ProblemCategory.AFTER_SALES_STALLED: _("售后推诿"),
    ProblemCategory.NOT_AS_DESCRIBED: _("货不对板"),
    ProblemCategory.SHOP_NOT_REPLYING: _("客服不回复"),
    ProblemCategory.MEMBER_BENEFIT: _("会员权益问题"),
    ProblemCategory.TRACKING_QUERY: _("物流查询"),
    ProblemCategory.ADDRESS_CHANGE: _("改地址"),
    ProblemCategory.OTHER: _("问题"),
}


@dataclass(frozen=True)
class Route:
    hotline_key: str
    reason: str
    # "Not sure" routes to the general line: the shopper should say so on the call.
    mention_not_sure: bool = False


@dataclass(frozen=True)
class _Rule:
    applies: Callable[[str, str], bool]
    hotline_key: str
    reason: Promise
    mention_not_sure: bool = False


# First match wins; the order is the precedence in PRODUCT.md ("Routing rules").
RULES: tuple[_Rule, ...] = (
    _Rule(
        lambda kind, problem: kind == PurchaseKind.ENTERPRISE,
        HotlineKey.ENTERPRISE,
        _("企业采购订单的%(problem)s → 企业采购服务"),
    ),
    _Rule(
        lambda kind, problem: problem == ProblemCategory.MEMBER_BENEFIT,
        HotlineKey.PLUS,
        _("PLUS 会员的%(problem)s → PLUS会员专属服务"),
    ),
    # A member who chose "PLUS" for goods: the PLUS line's member-only after-sales (seed:
    # 会员专属服务，如会员券使用问题、专属售后), not a dead end.
    _Rule(
        lambda kind, problem: kind == PurchaseKind.PLUS,
        HotlineKey.PLUS,
        _(
            "PLUS 会员买的商品的%(problem)s → PLUS会员专属服务（会员专属售后；"
            "如果客服请你转接，按卖家打自营售后专线或第三方服务专线）"
        ),
    ),
    _Rule(
        lambda kind, problem: kind == PurchaseKind.SELF_OPERATED,
        HotlineKey.SELF_OPERATED,
        _("自营商品的%(problem)s → 自营售后专线"),
    ),
    _Rule(
        lambda kind, problem: kind == PurchaseKind.THIRD_PARTY,
        HotlineKey.THIRD_PARTY,
        _("第三方店铺商品的%(problem)s → 第三方服务专线"),
    ),
    _Rule(
        lambda kind, problem: True,
        HotlineKey.GENERAL,
        _("不确定是否自营的%(problem)s → 京东客服热线（接通后说明不确定是否自营）"),
        mention_not_sure=True,
    ),
)


def route(purchase_kind: str, problem_category: str) -> Route:
    """The hotline for this purchase and problem, with the reason to show on the card."""
    problem = PROBLEM_SHORT.get(problem_category, PROBLEM_SHORT[ProblemCategory.OTHER])
    for rule in RULES:
        if rule.applies(purchase_kind, problem_category):
            return Route(
                hotline_key=rule.hotline_key,
                reason=str(rule.reason) % {"problem": problem},
                mention_not_sure=rule.mention_not_sure,
            )
    raise AssertionError("the last rule always applies")  # pragma: no cover
