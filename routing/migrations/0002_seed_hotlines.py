"""Seed the five lines of PRODUCT.md's directory, each with its source.

Numbers and hours change: after this migration, operators correct them in the admin.
"""

import datetime

from django.db import migrations

CHECKED = datetime.date(2026, 11, 28)

HOTLINES = [
    {
        "key": "self_operated",
        "name": "自营售后专线",
        "name_en": "Self-operated after-sales line",
        "number": "400-606-5500",
        "opens_at": datetime.time(9, 0),
        "closes_at": datetime.time(22, 0),
        "purpose": "京东自营商品（家电、数码、生鲜等）：商品质量问题、生鲜变质、物流延迟或破损、退换货纠纷",
        "purpose_en": "JD self-operated goods (appliances, electronics, fresh food…): quality faults, "
        "spoiled fresh food, late or damaged delivery, return/exchange disputes",
        "source": "seed_and_public",
        "source_note": "公开网页也列为京东全国客服热线",
        "confidence": "public_pages",
        "sort_order": 1,
    },
    {
        "key": "third_party",
        "name": "第三方服务专线",
        "name_en": "Third-party shop service line",
        "number": "400-616-5500",
        "opens_at": datetime.time(9, 0),
        "closes_at": datetime.time(22, 0),
        "purpose": "第三方店铺商品：店铺不发货、售后推诿、货不对板、店铺不回复",
        "purpose_en": "Goods from third-party shops: shop does not ship, after-sales stalled, "
        "goods not as described, shop does not reply",
        "source": "seed",
        "source_note": "未在其他地方得到证实",
        "confidence": "seed_only",
        "sort_order": 2,
    },
    {
        "key": "plus",
        "name": "PLUS会员专属服务",
        "name_en": "PLUS member service",
        "number": "400-026-0598",
        "opens_at": None,
        "closes_at": None,
        "purpose": "PLUS 会员权益：会员券使用问题、会员专属售后",
        "purpose_en": "PLUS membership benefits: member coupons, member-only after-sales",
        "source": "seed",
        "source_note": "其他公开网页列出的 PLUS 热线与此不同",
        "confidence": "seed_only",
        "sort_order": 3,
    },
    {
        "key": "enterprise",
        "name": "企业采购服务",
        "name_en": "Enterprise purchasing service",
        "number": "400-026-6188",
        "opens_at": None,
        "closes_at": None,
        "purpose": "企业客户的订单和售后问题",
        "purpose_en": "Enterprise customers' orders and after-sales",
        "source": "seed",
        "source_note": "",
        "confidence": "seed_only",
        "sort_order": 4,
    },
    {
        "key": "general",
        "name": "京东客服热线",
        "name_en": "JD customer service hotline",
        "number": "950618",
        "opens_at": datetime.time(0, 0),
        "closes_at": datetime.time(0, 0),
        "purpose": "不确定该打哪条专线，或专线打不通时的通用热线",
        "purpose_en": "The general line when you are not sure which line fits, or a line does not answer",
        "source": "public_pages",
        "source_note": "公开网页称 24 小时服务；攻略文章未提及",
        "confidence": "public_pages",
        "sort_order": 5,
    },
]


def seed(apps, schema_editor):
    Hotline = apps.get_model("routing", "Hotline")
    for entry in HOTLINES:
        Hotline.objects.update_or_create(
            key=entry["key"], defaults={**entry, "last_checked": CHECKED}
        )


def unseed(apps, schema_editor):
    Hotline = apps.get_model("routing", "Hotline")
    Hotline.objects.filter(key__in=[h["key"] for h in HOTLINES]).delete()


class Migration(migrations.Migration):
    dependencies = [("routing", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
