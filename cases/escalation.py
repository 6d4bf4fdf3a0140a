"""Escalation beyond JD: the case laid out in the order of the national 12315 complaint
form, as plain text that is easy to retype."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.answers import outcome_line
from cases.models import Case
from cases.rights import complaint_basis
from cases.status import latest_call


@dataclass(frozen=True)
class ComplaintBlock:
    key: str
    title: str
    text: str


def complaint_blocks(case: Case, today: date) -> list[ComplaintBlock]:
    """The case in the order the 12315 complaint form asks for it, as plain text.

    That form is known to block pasting, so each block is short and easy to retype.
    """
    contacts = list(case.prior_contacts.all())
    calls = list(case.calls.select_related("hotline"))
    evidence = list(case.evidence.all())

    tried = []
    for contact in contacts:
        line = f"{format_date(contact.contacted_on, 'Y-m-d')} {contact.get_channel_display()}"
        if contact.answer:
            line = _("%(line)s：%(answer)s") % {"line": line, "answer": contact.answer}
        tried.append(line)
    for call in calls:
        # The call's day in China: a call at 01:30 Beijing time is still the day before in UTC.
        day = format_date(timezone.localtime(call.called_at), "Y-m-d")
        line = f"{day} " + _("致电京东%(line)s") % {
            "line": call.hotline.number if call.hotline else "400"
        }
        if call.ticket_number:
            line += _("，处理单号 %(ticket)s") % {"ticket": call.ticket_number}
        # Whole sentences per case: English puts "by" before the date, Chinese 前 after it.
        promised = {
            "date": format_date(call.promised_by, "Y-m-d") if call.promised_by else "",
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
    basis = complaint_basis(case, min(asked, default=today))
    request = outcome_line(case) or _("（未填写）")

    return [
        ComplaintBlock(
            "company",
            _("被投诉方（经营者）"),
            case.seller_name or _("（请先在上方填写经营者名称）"),
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
                "date": format_date(case.happened_on, "Y-m-d") if case.happened_on else "",
                "problem": case.get_problem_display(),
                "description": case.description,
            },
        ),
        ComplaintBlock(
            "tried",
            _("已与经营者协商的经过"),
            "\n".join(tried) or _("（没有记录）"),
        ),
        ComplaintBlock("request", _("诉求"), f"{request}\n{basis}" if basis else request),
        ComplaintBlock(
            "evidence",
            _("证据（作为附件上传）"),
            "\n".join(
                _("%(kind)s：%(name)s")
                % {
                    "kind": item.get_kind_display(),
                    "name": item.original_name or item.caption or item.pk,
                }
                for item in evidence
            )
            or _("订单截图、聊天记录截图、问题照片（还没有上传到 jd400）"),
        ),
    ]
