"""Escalation beyond JD: the case laid out in the order of the national 12315 complaint
form, as plain text that is easy to retype.

The form is Chinese, so the blocks are Chinese whatever language the page is in; each
block's hint, around it, speaks the shopper's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.answers import outcome_line
from cases.models import Case
from cases.rights import complaint_basis, first_request_on
from cases.status import latest_call
from routing.dates import shopper_date


@dataclass(frozen=True)
class ComplaintBlock:
    key: str
    title: str
    text: str
    # Nothing to type yet: the text says what to do first, and is never offered to copy.
    placeholder: bool = False
    hint: str = ""


# What each block is, in the page's language (the block itself stays Chinese).
HINTS = {
    "company": gettext_lazy(
        "投诉表里“被投诉方”一栏：经营者的名称，照营业执照上的写；表里还要填被投诉人的地址"
        "（店铺首页“店铺证照”里的营业执照地址；京东自营写京东的经营主体地址）。"
        "12315 不受理知道权益受损之日起超过3年的投诉。"
    ),
    "purchase": gettext_lazy("购买渠道、商品名称和类型。"),
    "order": gettext_lazy("订单号，逐位核对。"),
    "problem": gettext_lazy("哪天发现了什么问题，客观描述。"),
    "tried": gettext_lazy("你已经怎样和京东或店铺协商过，结果如何。"),
    "request": gettext_lazy("你要求的具体结果。"),
    "evidence": gettext_lazy("作为附件上传的图片清单。"),
}


def complaint_blocks(case: Case, today: date) -> list[ComplaintBlock]:
    """The case in the order the 12315 complaint form asks for it, as plain Chinese text.

    That form's website blocks pasting, so each block is short and easy to retype.
    """
    with translation.override("zh-hans"):
        blocks = _blocks_in_chinese(case, today)
    return [
        ComplaintBlock(b.key, b.title, b.text, b.placeholder, str(HINTS[b.key])) for b in blocks
    ]


def _complaint_day(day: date | datetime | None) -> str:
    # A complaint is read months later: the year is always written (2026年12月3日（周四）).
    return shopper_date(day, with_year=True) if day else ""


def _blocks_in_chinese(case: Case, today: date) -> list[ComplaintBlock]:
    contacts = list(case.prior_contacts.all())
    calls = list(case.calls.select_related("hotline"))
    evidence = list(case.evidence.all())

    tried = []
    for contact in contacts:
        line = f"{_complaint_day(contact.contacted_on)} {contact.get_channel_display()}"
        if contact.answer:
            line = _("%(line)s：%(answer)s") % {"line": line, "answer": contact.answer}
        tried.append(line)
    for call in calls:
        # The call's day in China: a call at 01:30 Beijing time is still the day before in UTC.
        day = _complaint_day(timezone.localtime(call.called_at))
        line = f"{day} " + _("致电京东%(line)s") % {
            "line": call.hotline.number if call.hotline else "400"
        }
        if call.ticket_number:
            line += _("，处理单号 %(ticket)s") % {"ticket": call.ticket_number}
        # Whole sentences per case: English puts "by" before the date, Chinese 前 after it.
        promised = {
            "date": _complaint_day(call.promised_by) if call.promised_by else "",
            "promise": call.promise,
        }
        if call.promised_by and call.promise:
            line += _("，承诺%(date)s前%(promise)s") % promised
        elif call.promised_by:
            line += _("，承诺%(date)s前解决") % promised
        elif call.promise:
            line += _("，承诺%(promise)s") % promised
        tried.append(line)
    latest = latest_call(calls)
    if latest and latest.promised_by and latest.promised_by < today:
        tried.append(_("至今未按承诺解决。"))

    # The legal basis as it stood on the day the shopper first asked JD.
    asked = [c.contacted_on for c in contacts] + [
        timezone.localdate(call.called_at) for call in calls
    ]
    first = first_request_on(case, asked)
    basis = complaint_basis(case, first) if first is not None else ""
    request = outcome_line(case)

    return [
        ComplaintBlock(
            "company",
            _("被投诉方（经营者）"),
            case.seller_name or _("还没有填写：先在上面第一步填写经营者名称并保存。"),
            placeholder=not case.seller_name,
        ),
        ComplaintBlock(
            "purchase",
            _("购买信息"),
            _("购买平台：京东（网购）\n商品：%(item)s\n类型：%(kind)s")
            % {"item": case.item, "kind": case.get_purchase_kind_display()},
        ),
        ComplaintBlock("order", _("订单号"), case.order_number),
        ComplaintBlock(
            "problem",
            _("问题"),
            _("%(date)s 发现：%(problem)s。%(description)s")
            % {
                "date": _complaint_day(case.happened_on) if case.happened_on else "",
                "problem": case.get_problem_display(),
                "description": case.description,
            },
        ),
        ComplaintBlock(
            "tried",
            _("已与经营者协商的经过"),
            "\n".join(tried)
            or _(
                "还没有记录：先在通话卡片上记下与京东或店铺的沟通（已经尝试过的渠道、通话记录）。"
            ),
            placeholder=not tried,
        ),
        ComplaintBlock(
            "request",
            _("诉求"),
            (f"{request}\n{basis}" if basis else request)
            if request
            else _("还没有填写：先在“你想要的结果”一步选好具体结果。"),
            placeholder=not request,
        ),
        ComplaintBlock(
            "evidence",
            _("证据（作为附件上传）"),
            "\n".join(
                # Kind and the shopper's caption, never the uploaded file's name: a name
                # like "IMG_0042.jpg" tells the complaint's reader nothing and may tell
                # more than the shopper meant to (a name, a phone number).
                (
                    _("%(kind)s：%(caption)s")
                    % {"kind": item.get_kind_display(), "caption": item.caption}
                    if item.caption
                    else item.get_kind_display()
                )
                for item in evidence
            )
            or _("还没有上传：订单截图、聊天记录截图、问题照片都可以作为附件。"),
            placeholder=not evidence,
        ),
    ]
