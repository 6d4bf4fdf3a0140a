"""One source: the card, its copied text (card.txt), the call script and the 12315 request
say the same last day, the same rule and the same replies, because all of them read the
one `Rights` of cases.rights.rights_of. Tested on the hardest date: a last day moved by
民法典第二百零三条 from Saturday 12 December to Monday 14 December."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import time_machine

from cases.rights import basis_sentence, rights_of
from routing.hours import CHINA
from tests.factories import add_contact, make_case
from tests.test_rights_views import get, text

pytestmark = pytest.mark.django_db

SUNDAY = datetime(2026, 12, 13, 10, 0, tzinfo=CHINA)


def shirt():
    case = make_case(
        purchase_kind="third_party",
        item="衬衫",
        problem="no_longer_wanted",
        description="尺码不合适",
        desired_outcome="return_refund",
        received_on=date(2026, 12, 5),  # a Saturday
        goods_kind="other",
        contacts=(),
    )
    add_contact(case, "shop_service", days=0)
    return case


@time_machine.travel(SUNDAY, tick=False)
def test_the_card_its_text_the_script_and_12315_agree(client):
    case = shirt()
    rights = rights_of(case, SUNDAY)
    (window,) = rights.windows
    assert window.last_day == date(2026, 12, 14)
    status = window.status_text
    assert "京东系统可能按 12月12日（周六） 截止，按法律最后一天顺延到 12月14日（周一）" in status
    basis = basis_sentence(rights, "return_refund")
    assert basis == "按照七日无理由退货的规定，今天是签收后第8天，还在期限内。"

    card = text(get(client, f"/c/{case.token}/card/"))
    body = get(client, f"/c/{case.token}/card.txt")
    complaint = text(get(client, f"/c/{case.token}/12315/"))

    for shown in (card, body):
        assert status in shown
        assert basis in shown
        for reply in rights.replies:
            assert reply.reply in shown
    assert (
        "2026年12月5日（周六） 签收，2026年12月13日（周日） 向京东提出，"
        "在 2026年12月14日（周一） 截止之前"
    ) in complaint
    assert rights.replies  # 已经拆封了 / 超过七天了 / 请联系商家: something to answer


@time_machine.travel(datetime(2026, 12, 15, 10, 0, tzinfo=CHINA), tick=False)
def test_they_agree_once_the_moved_last_day_has_passed(client):
    case = shirt()
    card = text(get(client, f"/c/{case.token}/card/"))
    body = get(client, f"/c/{case.token}/card.txt")
    for shown in (card, body):
        assert "已于 12月14日（周一） 截止" in shown
        assert "按照七日无理由退货的规定" not in shown
        assert "已经过了法定期限" in shown or "想问问能否协商退货退款" in shown
