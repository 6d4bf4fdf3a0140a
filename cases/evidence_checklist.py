"""What evidence helps, per kind of problem: the evidence step shows it as a checklist.

Seed, 技巧 2 “保留证据，必要时提交”: screenshot the order, the chat records and photos of
the problem beforehand (a shopper's photo of broken goods got a refund without return).
Seed, 别夸大问题: describe objectively, with evidence. Seed, 避坑 for 店铺客服不回复: leave
a message in online customer service first so a record exists; its screenshot, with the
time, is that record.

Each item names the kind of evidence it is, so the list can later suggest a kind.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from cases.models import EvidenceKind
from routing.choices import ProblemCategory

_ORDER_PAGE = (EvidenceKind.ORDER_PAGE, _("订单详情页截图（能看到订单号、商品和下单时间）"))

CHECKLIST: dict[str, list[tuple[str, Promise]]] = {
    ProblemCategory.QUALITY_FAULT: [
        (EvidenceKind.PROBLEM_PHOTO, _("故障或损坏部位的照片，要能看清问题")),
        _ORDER_PAGE,
        (EvidenceKind.CHAT_RECORD, _("和客服沟通的聊天记录截图（如果有）")),
    ],
    ProblemCategory.SPOILED_FRESH: [
        (EvidenceKind.PROBLEM_PHOTO, _("变质商品的照片，连同包装和快递面单")),
        (EvidenceKind.ORDER_PAGE, _("订单页面截图（能看到签收时间）")),
    ],
    ProblemCategory.LATE_DELIVERY: [
        (EvidenceKind.ORDER_PAGE, _("物流详情截图（能看到最后一次更新的时间）")),
        (EvidenceKind.ORDER_PAGE, _("订单页面截图（能看到承诺的送达时间）")),
    ],
    ProblemCategory.DAMAGED_IN_TRANSIT: [
        (EvidenceKind.PROBLEM_PHOTO, _("外包装和破损处的照片")),
        (EvidenceKind.PROBLEM_PHOTO, _("快递面单的照片")),
        _ORDER_PAGE,
    ],
    ProblemCategory.RETURN_REFUSED: [
        (EvidenceKind.ORDER_PAGE, _("售后申请被拒的页面截图（能看到拒绝理由）")),
        (EvidenceKind.PROBLEM_PHOTO, _("商品问题的照片")),
        _ORDER_PAGE,
    ],
    ProblemCategory.SHOP_NOT_SHIPPING: [
        (EvidenceKind.ORDER_PAGE, _("订单页面截图（能看到下单时间和“待发货”状态）")),
        (EvidenceKind.CHAT_RECORD, _("催店铺发货的聊天记录截图，带时间")),
    ],
    ProblemCategory.AFTER_SALES_STALLED: [
        (EvidenceKind.CHAT_RECORD, _("和店铺客服的聊天记录截图，带时间，能看出推诿或拖延")),
        (EvidenceKind.ORDER_PAGE, _("售后申请页面截图（能看到申请时间和进度）")),
        _ORDER_PAGE,
    ],
    ProblemCategory.NOT_AS_DESCRIBED: [
        (EvidenceKind.OTHER, _("商品详情页截图（描述、图片、参数）")),
        (EvidenceKind.PROBLEM_PHOTO, _("实际收到的商品照片，拍出和描述不符的地方")),
        _ORDER_PAGE,
    ],
    ProblemCategory.SHOP_NOT_REPLYING: [
        (EvidenceKind.CHAT_RECORD, _("未被回复的消息截图，要能看到发送时间")),
        (EvidenceKind.CHAT_RECORD, _("在京东在线客服留言的截图（先留言，才有记录）")),
        _ORDER_PAGE,
    ],
    ProblemCategory.MEMBER_BENEFIT: [
        (EvidenceKind.OTHER, _("会员券或权益页面截图（能看到使用条件和有效期）")),
        (EvidenceKind.OTHER, _("结算时用不了的页面截图")),
    ],
    ProblemCategory.TRACKING_QUERY: [
        (EvidenceKind.ORDER_PAGE, _("通常不需要证据：物流在京东APP的订单页就能查到")),
    ],
    ProblemCategory.ADDRESS_CHANGE: [
        (EvidenceKind.ORDER_PAGE, _("通常不需要证据：地址在京东APP的订单页就能修改")),
    ],
}
DEFAULT_CHECKLIST: list[tuple[str, Promise]] = [
    _ORDER_PAGE,
    (EvidenceKind.OTHER, _("能说明问题的照片或聊天记录截图")),
]


def checklist_for(problem: str) -> list[Promise]:
    """What to upload for this problem, most telling first."""
    return [text for _kind, text in CHECKLIST.get(problem, DEFAULT_CHECKLIST)]
