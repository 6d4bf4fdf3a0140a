"""The shopper's world as choices: kinds of purchase, problems, channels, outcomes.

Labels are the Chinese a shopper reads on JD (translated to English through gettext).
"""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


def label_of(choices: type[models.TextChoices], value: str) -> str:
    """What a model's `get_FOO_display()` gives, without its cost: Django builds a dict of
    every choice on each call, hashing (so translating) every label, and a card asks ~25
    times (~140 translation lookups per render). A value not among the choices is shown
    as it is, as Django does."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class PurchaseKind(models.TextChoices):
    SELF_OPERATED = "self_operated", _("京东自营商品")
    THIRD_PARTY = "third_party", _("第三方店铺商品")
    PLUS = "plus", _("PLUS 会员权益")
    ENTERPRISE = "enterprise", _("企业采购订单")
    NOT_SURE = "not_sure", _("不确定是不是自营")


class ProblemCategory(models.TextChoices):
    QUALITY_FAULT = "quality_fault", _("商品质量问题（故障、坏了）")
    SPOILED_FRESH = "spoiled_fresh", _("生鲜变质")
    LATE_DELIVERY = "late_delivery", _("物流延迟")
    DAMAGED_IN_TRANSIT = "damaged_in_transit", _("运输途中破损")
    RETURN_REFUSED = "return_refused", _("退换货被拒或有纠纷")
    SHOP_NOT_SHIPPING = "shop_not_shipping", _("店铺不发货")
    AFTER_SALES_STALLED = "after_sales_stalled", _("售后推诿、拖延")
    NOT_AS_DESCRIBED = "not_as_described", _("货不对板（与描述不符）")
    SHOP_NOT_REPLYING = "shop_not_replying", _("店铺客服不回复")
    MEMBER_BENEFIT = "member_benefit", _("会员券、会员权益用不了")
    TRACKING_QUERY = "tracking_query", _("只想查物流")
    ADDRESS_CHANGE = "address_change", _("只想改收货地址")
    NO_LONGER_WANTED = "no_longer_wanted", _("不想要了（七天无理由退货）")
    OTHER = "other", _("其他问题")


# Problems about the seller's conduct, not the goods: they say nothing about which legal
# right applies, so the goods' own problem is asked for (the "underlying" problem).
CONDUCT_PROBLEMS = frozenset(
    {
        ProblemCategory.RETURN_REFUSED,
        ProblemCategory.AFTER_SALES_STALLED,
        ProblemCategory.SHOP_NOT_REPLYING,
        ProblemCategory.OTHER,
    }
)


class UnderlyingProblem(models.TextChoices):
    """What is wrong with the goods themselves behind a conduct problem (the problem step's
    optional follow-up), in the shopper's words; the values are ProblemCategory's."""

    QUALITY_FAULT = ProblemCategory.QUALITY_FAULT.value, _("坏了、有故障")
    DAMAGED_IN_TRANSIT = ProblemCategory.DAMAGED_IN_TRANSIT.value, _("送来就是坏的、破损的")
    NOT_AS_DESCRIBED = ProblemCategory.NOT_AS_DESCRIBED.value, _("和页面描述的不一样")
    SPOILED_FRESH = ProblemCategory.SPOILED_FRESH.value, _("食品变质、腐坏")
    NO_LONGER_WANTED = ProblemCategory.NO_LONGER_WANTED.value, _("商品没问题，只是不想要了")


UNDERLYING_PROBLEMS = list(UnderlyingProblem.values)


# The problems that fit each kind of purchase (the problem step offers only these).
# Goods problems are shared; shop problems only make sense for third-party shops; a PLUS
# benefit is about the membership, not goods. "Not sure" offers everything.
_GOODS = [
    ProblemCategory.QUALITY_FAULT,
    ProblemCategory.SPOILED_FRESH,
    ProblemCategory.LATE_DELIVERY,
    ProblemCategory.DAMAGED_IN_TRANSIT,
    ProblemCategory.RETURN_REFUSED,
    # The commonest return on JD (七日无理由): its own choice, so no fault is invented.
    ProblemCategory.NO_LONGER_WANTED,
]
_SHOP = [
    ProblemCategory.SHOP_NOT_SHIPPING,
    ProblemCategory.AFTER_SALES_STALLED,
    ProblemCategory.NOT_AS_DESCRIBED,
    ProblemCategory.SHOP_NOT_REPLYING,
]
_SIMPLE = [ProblemCategory.TRACKING_QUERY, ProblemCategory.ADDRESS_CHANGE]
# Seed, "别没试常规渠道就打400": these take seconds in the app; a call means a queue.
SIMPLE_QUERIES = frozenset(_SIMPLE)

PROBLEMS_BY_KIND: dict[str, list[str]] = {
    PurchaseKind.SELF_OPERATED: [*_GOODS, ProblemCategory.NOT_AS_DESCRIBED, *_SIMPLE],
    PurchaseKind.THIRD_PARTY: [*_SHOP, *_GOODS, *_SIMPLE],
    # The PLUS line is for membership benefits; a member who picked it for goods is not sent
    # back: the goods problems are offered too, and route to member after-sales (seed: PLUS
    # 会员专属服务，如会员券使用问题、专属售后).
    PurchaseKind.PLUS: [
        ProblemCategory.MEMBER_BENEFIT,
        *_GOODS,
        ProblemCategory.NOT_AS_DESCRIBED,
        *_SIMPLE,
    ],
    PurchaseKind.ENTERPRISE: [*_GOODS, ProblemCategory.NOT_AS_DESCRIBED, *_SIMPLE],
    PurchaseKind.NOT_SURE: [*_SHOP, *_GOODS, ProblemCategory.MEMBER_BENEFIT, *_SIMPLE],
}
for _problems in PROBLEMS_BY_KIND.values():
    _problems.append(ProblemCategory.OTHER)

# Groups for showing the list (headings over radio buttons).
PROBLEM_GROUPS: list[tuple[Promise, list[str]]] = [
    (_("商品与物流"), [*_GOODS, ProblemCategory.NOT_AS_DESCRIBED]),
    (_("第三方店铺"), [p for p in _SHOP if p != ProblemCategory.NOT_AS_DESCRIBED]),
    (_("PLUS 会员"), [ProblemCategory.MEMBER_BENEFIT]),
    (_("简单查询（通常不用打电话）"), _SIMPLE),
    (_("其他"), [ProblemCategory.OTHER]),
]


def problems_for(kind: str) -> list[str]:
    return PROBLEMS_BY_KIND.get(kind, PROBLEMS_BY_KIND[PurchaseKind.NOT_SURE])


def problem_fits(kind: str, problem: str) -> bool:
    return problem in problems_for(kind)


class Channel(models.TextChoices):
    ONLINE_SERVICE = "online_service", _("京东在线客服")
    SHOP_SERVICE = "shop_service", _("店铺客服")
    APP_AFTER_SALES = "app_after_sales", _("京东APP售后申请（我的售后）")
    LEFT_MESSAGE = "left_message", _("在线客服留言")
    HOTLINE_BEFORE = "hotline_before", _("之前打过 400 热线")


# Channels that count as "the regular channels" (seed: 别没试常规渠道就打400).
REGULAR_CHANNELS = frozenset(
    {
        Channel.ONLINE_SERVICE,
        Channel.SHOP_SERVICE,
        Channel.APP_AFTER_SALES,
        Channel.LEFT_MESSAGE,
    }
)


class Outcome(models.TextChoices):
    EXCHANGE = "exchange", _("换货")
    RETURN_REFUND = "return_refund", _("退货退款")
    REFUND_ONLY = "refund_only", _("仅退款（不退货）")
    REPAIR = "repair", _("维修或上门检测")
    SHIP_NOW = "ship_now", _("尽快发货或补发")
    CANCEL_REFUND = "cancel_refund", _("取消订单并全额退款")
    RESTORE_BENEFIT = "restore_benefit", _("恢复或补发会员券、会员权益")
    COMPENSATION = "compensation", _("赔偿（如运费、差价）")
    # Punitive damages are outcomes of their own, apart from ordinary compensation: they
    # need evidence and have their own amounts (消法第五十五条; 食品安全法第一百四十八条).
    FRAUD_TRIPLE = "fraud_triple", _("退一赔三（欺诈：价款三倍，至少500元）")
    FOOD_TENFOLD = "food_tenfold", _("食品十倍赔偿（价款十倍或损失三倍，至少1000元）")
    OTHER = "other", _("其他")


# The outcomes that fit a problem, offered first on the want step (the rest follow). Seed,
# 技巧3 "明确诉求": a concrete outcome the agent can act on.
_GOODS_OUTCOMES = [Outcome.REPAIR, Outcome.EXCHANGE, Outcome.RETURN_REFUND]
OUTCOMES_BY_PROBLEM: dict[str, list[str]] = {
    ProblemCategory.NO_LONGER_WANTED: [Outcome.RETURN_REFUND],
    ProblemCategory.QUALITY_FAULT: _GOODS_OUTCOMES,
    ProblemCategory.SPOILED_FRESH: [Outcome.REFUND_ONLY, Outcome.EXCHANGE, Outcome.FOOD_TENFOLD],
    ProblemCategory.LATE_DELIVERY: [
        Outcome.SHIP_NOW,
        Outcome.CANCEL_REFUND,
        Outcome.COMPENSATION,
    ],
    ProblemCategory.DAMAGED_IN_TRANSIT: [
        Outcome.EXCHANGE,
        Outcome.REFUND_ONLY,
        Outcome.RETURN_REFUND,
    ],
    ProblemCategory.RETURN_REFUSED: [Outcome.RETURN_REFUND, Outcome.EXCHANGE],
    ProblemCategory.SHOP_NOT_SHIPPING: [
        Outcome.SHIP_NOW,
        Outcome.CANCEL_REFUND,
        Outcome.COMPENSATION,
    ],
    ProblemCategory.AFTER_SALES_STALLED: _GOODS_OUTCOMES,
    ProblemCategory.NOT_AS_DESCRIBED: [
        Outcome.RETURN_REFUND,
        Outcome.EXCHANGE,
        Outcome.FRAUD_TRIPLE,
    ],
    ProblemCategory.SHOP_NOT_REPLYING: _GOODS_OUTCOMES,
    ProblemCategory.MEMBER_BENEFIT: [Outcome.RESTORE_BENEFIT, Outcome.COMPENSATION],
}


def outcomes_for(problem: str) -> tuple[list[str], list[str]]:
    """(the outcomes that fit the problem, the others); "其他" always comes last."""
    fitting = [str(o) for o in OUTCOMES_BY_PROBLEM.get(problem, [])]
    rest = [o for o in Outcome.values if o not in fitting and o != Outcome.OTHER]
    return fitting, [*rest, Outcome.OTHER]


class Confidence(models.TextChoices):
    SEED_ONLY = "seed_only", _("仅见于攻略文章")
    PUBLIC_PAGES = "public_pages", _("多个公开网页")
    CONFIRMED = "confirmed", _("已在京东官网核实")


class Source(models.TextChoices):
    SEED = "seed", _("攻略文章《京东400全攻略》")
    PUBLIC_PAGES = "public_pages", _("公开网页")
    SEED_AND_PUBLIC = "seed_and_public", _("攻略文章及公开网页")
    JD_OFFICIAL = "jd_official", _("京东官网")


# ----- Rights and deadlines (routing/rights.py) -----


class GoodsKind(models.TextChoices):
    """What kind of goods it is, where the law treats kinds differently: 三包 covers listed
    product kinds; 七日无理由退货 excludes some (消费者权益保护法第二十五条)."""

    # Only goods in a 三包 catalogue (TVs, fridges, air conditioners,
    # phones, computers…), not "appliances" in general: a kettle or a hair dryer is in none.
    SANBAO = "sanbao", _("有三包凭证的商品（如电视、冰箱、空调、手机、电脑）")
    FRESH = "fresh", _("生鲜、鲜活易腐的食品")
    CUSTOM = "custom", _("定做、定制的商品")
    DIGITAL = "digital", _("已下载或已拆封的音像制品、软件等数字商品")
    PERIODICAL = "periodical", _("报纸、期刊")
    # Not an exclusion by itself (消法第二十五条 needs the goods' nature as well; 条例第十九条
    # forbids widening the list): the rules ask what the goods are.
    CONFIRMED_FINAL = "confirmed_final", _("页面标着或购买时确认过“不支持七天无理由退货”")
    OTHER = "other", _("以上都不是")


class Rule(models.TextChoices):
    """The families of rules; the code decides which problems each applies to."""

    SEVEN_DAY = "seven_day", _("七日无理由退货")
    QUALITY = "quality", _("质量问题（第二十四条）")
    SANBAO = "sanbao", _("三包")
    FRAUD = "fraud", _("欺诈赔偿（第五十五条）")
    FOOD = "food", _("食品安全（食品安全法第一百四十八条）")
    PREPAID = "prepaid", _("预付款（第五十三条）")


class RuleConfidence(models.TextChoices):
    PUBLIC_SUMMARY = "public_summary", _("公开网页上的法规摘录，未与官方全文逐条核对")
    OFFICIAL_TEXT = "official_text", _("已与官方发布的法规全文核对")
