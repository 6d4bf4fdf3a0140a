"""Two replies of 0008 corrected (legalfix, after a review of issue 19's work):

- "需要等审核" quotes the 7-day-return Measures (七日期间自签收次日起算): it answers for the
  windows that count so, 七日无理由 and 消法第二十四条's 7-day return, not for the 三包
  windows, which count under their own rules.
- "这是企业订单" had every shopper say "我是为个人生活消费买的": true only for some. The
  reply now says when it may be said.

0008 has run in production, so the rows are changed here, not there.
"""

from __future__ import annotations

from datetime import date

from django.db import migrations

CHECKED = date(2026, 12, 4)

NEW = {
    "wait_for_review": {"windows": "seven_day,quality_return"},
    "enterprise_order": {
        "reply": "如果你是为个人或家庭生活消费买的，可以这样回答：我是为生活消费买的，开什么"
        "发票不改变这一点，受消费者权益保护法保护。",
        "reply_en": "If you bought it for your own or your family's use, you can answer: I "
        "bought it for personal use; the kind of invoice does not change that, and the "
        "Consumer Rights Protection Law applies.",
    },
}
OLD = {
    "wait_for_review": {"windows": "seven_day,quality_return,sanbao_return,sanbao_exchange"},
    "enterprise_order": {
        "reply": "我是为个人生活消费买的，开什么发票不改变这一点，受消费者权益保护法保护。",
        "reply_en": "I bought it for my own personal use; the kind of invoice does not change "
        "that, and the Consumer Rights Protection Law applies.",
    },
}


def _apply(apps, values: dict[str, dict[str, str]]) -> None:
    Pushback = apps.get_model("routing", "Pushback")
    for key, fields in values.items():
        # An operator may have deactivated or deleted a row: update what is there.
        Pushback.objects.filter(key=key).update(**fields, last_checked=CHECKED)


def forwards(apps, schema_editor) -> None:
    _apply(apps, NEW)


def backwards(apps, schema_editor) -> None:
    _apply(apps, OLD)


class Migration(migrations.Migration):
    dependencies = [("routing", "0010_platform_rules")]

    operations = [migrations.RunPython(forwards, backwards)]
