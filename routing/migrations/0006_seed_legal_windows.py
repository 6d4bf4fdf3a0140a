"""Seed the legal windows of issue 14, each with its source.

Checked against public pages quoting the laws, not against the official gazette: the
confidence says so. After this migration, operators correct them in the admin.
"""

import datetime

from django.db import migrations

CHECKED = datetime.date(2026, 11, 28)
LAW = "《消费者权益保护法》"
LAW_EN = "Consumer Rights Protection Law"
SANBAO_RULES = "《部分商品修理更换退货责任规定》"
SANBAO_RULES_EN = "Provisions on Repair, Replacement and Return of Certain Goods (三包)"

WINDOWS = [
    {
        "key": "sanbao_return",
        "basis": "三包",
        "rule": "sanbao",
        "name": "三包：7日内退货",
        "name_en": "Three guarantees: return within 7 days",
        "days": 7,
        "outcomes": "return_refund,exchange,repair",
        "goods": "sanbao",
        "conditions": "列入三包的商品（家电、电视、手机、电脑等）自售出之日起7日内出现性能故障，"
        "可以选择退货、换货或修理；退货按发票价格一次退清货款。网购一般按签收日计算，"
        "发票日期不同时以发票为准。",
        "conditions_en": "Goods covered by the three guarantees (appliances, TVs, phones, "
        "computers…) with a performance fault within 7 days of sale: return, exchange or "
        "repair, the shopper's choice; a return is refunded at the invoice price. Online this "
        "is usually counted from receipt; where the invoice date differs, the invoice counts.",
        "source": f"{SANBAO_RULES}第九条",
        "source_en": f"{SANBAO_RULES_EN}, art. 9",
    },
    {
        "key": "sanbao_exchange",
        "basis": "三包",
        "rule": "sanbao",
        "name": "三包：15日内换货",
        "name_en": "Three guarantees: exchange within 15 days",
        "days": 15,
        "outcomes": "exchange,repair",
        "goods": "sanbao",
        "conditions": "自售出之日起15日内出现性能故障，可以选择换货或修理；"
        "换货时免费调换同型号同规格的产品。",
        "conditions_en": "A performance fault within 15 days of sale: exchange or repair, the "
        "shopper's choice; an exchange is the same model and specification, free of charge.",
        "source": f"{SANBAO_RULES}第十条",
        "source_en": f"{SANBAO_RULES_EN}, art. 10",
    },
    {
        "key": "sanbao_repair",
        "basis": "三包",
        "rule": "sanbao",
        "name": "三包：保修期内修理",
        "name_en": "Three guarantees: repair within the warranty",
        "days": None,
        "outcomes": "repair",
        "goods": "sanbao",
        "conditions": "超过15日、仍在三包有效期内（看保修卡或三包凭证）出现性能故障，可以免费修理；"
        "修理两次仍不能正常使用的，可以换货或退货。",
        "conditions_en": "After 15 days and within the warranty period (see the warranty card): "
        "free repair; if it still does not work after two repairs, exchange or return.",
        "source": SANBAO_RULES,
        "source_en": SANBAO_RULES_EN,
    },
    {
        "key": "quality_return",
        "basis": "消费者权益保护法第二十四条",
        "rule": "quality",
        "name": "质量问题：7日内退货",
        "name_en": "Quality problem: return within 7 days",
        "days": 7,
        "outcomes": "return_refund,exchange,repair",
        "conditions": "商品不符合质量要求，又没有国家规定和约定时，自收到商品之日起7日内可以退货，"
        "也可以要求换货或修理；运输等必要费用由经营者承担。",
        "conditions_en": "Goods that fail the quality requirements, where no national rule or "
        "agreement applies: return within 7 days of receipt, or exchange or repair; the seller "
        "bears the transport and other necessary costs.",
        "source": f"{LAW}第二十四条",
        "source_en": f"{LAW_EN}, art. 24",
    },
    {
        "key": "quality_repair",
        "basis": "消费者权益保护法第二十四条",
        "rule": "quality",
        "name": "质量问题：换货或修理",
        "name_en": "Quality problem: exchange or repair",
        "days": None,
        "outcomes": "exchange,repair",
        "conditions": "超过7日后，符合法定解除合同条件的可以退货；不符合的，可以要求经营者换货、修理。",
        "conditions_en": "After 7 days: a return where the legal conditions for ending the "
        "contract are met; otherwise the seller must exchange or repair.",
        "source": f"{LAW}第二十四条",
        "source_en": f"{LAW_EN}, art. 24",
    },
    {
        "key": "seven_day",
        "basis": "七日无理由退货",
        "rule": "seven_day",
        "name": "七日无理由退货",
        "name_en": "7-day return without a reason",
        "days": 7,
        "outcomes": "return_refund",
        "excluded_goods": "fresh,custom,digital,periodical,confirmed_final",
        "conditions": "网购商品自签收次日起7日内可以退货，不需要说明理由，商品应当完好。"
        "定做的、鲜活易腐的、已下载或已拆封的数字商品、报纸期刊，以及购买时确认不宜退货的商品除外。"
        "商家自收到退回商品之日起7日内退款；退货运费一般由消费者承担。",
        "conditions_en": "Goods bought online may be returned within 7 days, counted from the day "
        "after receipt, without a reason, in good condition. Excluded: custom-made goods, fresh "
        "and perishable goods, digital goods downloaded or unsealed, newspapers and periodicals, "
        "and goods confirmed at purchase as not returnable. The seller refunds within 7 days of "
        "receiving the return; the shopper usually pays the return shipping.",
        "source": f"{LAW}第二十五条；《网络购买商品七日无理由退货暂行办法》",
        "source_en": f"{LAW_EN}, art. 25; Interim Measures on 7-Day Returns of Goods Bought Online",
    },
    {
        "key": "fraud",
        "basis": "消费者权益保护法第五十五条",
        "rule": "fraud",
        "name": "欺诈：退一赔三",
        "name_en": "Fraud: three times the price",
        "days": None,
        "outcomes": "compensation",
        "needs_evidence": True,
        "conditions": "经营者有欺诈行为（例如卖假货）时，可以要求赔偿商品价款的三倍，不足500元的按500元。"
        "必须有证据；是否赔偿由商家、调解或法院认定，不是承诺。",
        "conditions_en": "Where the seller committed fraud (counterfeit goods, for example), "
        "compensation of three times the price, at least 500 yuan, may be asked for. Only with "
        "evidence; the seller, a mediator or a court decides: it is not a promise.",
        "source": f"{LAW}第五十五条",
        "source_en": f"{LAW_EN}, art. 55",
    },
]


def seed(apps, schema_editor):
    LegalWindow = apps.get_model("routing", "LegalWindow")
    for order, entry in enumerate(WINDOWS, start=1):
        LegalWindow.objects.update_or_create(
            key=entry["key"],
            defaults={
                **entry,
                "confidence": "public_summary",
                "last_checked": CHECKED,
                "sort_order": order,
            },
        )


def unseed(apps, schema_editor):
    LegalWindow = apps.get_model("routing", "LegalWindow")
    LegalWindow.objects.filter(key__in=[w["key"] for w in WINDOWS]).delete()


class Migration(migrations.Migration):
    dependencies = [("routing", "0005_legal_window")]
    operations = [migrations.RunPython(seed, unseed)]
