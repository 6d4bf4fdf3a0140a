"""The shopper's answers as rows to check (label, value, the step that changes it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.template.defaultfilters import date as format_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cases.models import Case, PriorContact
from routing.choices import SIMPLE_QUERIES, PurchaseKind


@dataclass(frozen=True)
class Answer:
    label: str
    lines: list[str]
    step: str


def prior_contact_lines(contacts: list[PriorContact]) -> list[str]:
    lines = []
    for contact in contacts:
        line = _("%(channel)s（%(date)s）") % {
            "channel": contact.get_channel_display(),
            "date": format_date(contact.contacted_on, _("n月j日")),
        }
        if contact.answer:
            line += _("：答复“%(answer)s”") % {"answer": contact.answer}
        if contact.has_record:
            line += _("，有记录")
        lines.append(line)
    return lines or [_("还没有联系过任何渠道")]


def outcome_line(case: Case) -> str:
    if not case.desired_outcome:
        return ""
    line = case.get_desired_outcome_display()
    if case.outcome_detail:
        line = _("%(outcome)s：%(detail)s") % {"outcome": line, "detail": case.outcome_detail}
    if case.deadline_days:
        line += ngettext("，%(days)d 天内", "，%(days)d 天内", case.deadline_days) % {
            "days": case.deadline_days
        }
    return line


def answers(case: Case, contacts: list[PriorContact], evidence_count: int) -> list[Answer]:
    return [
        Answer(_("订单号"), [case.order_number], "order"),
        Answer(_("购买类型"), [case.get_purchase_kind_display()], "order"),
        Answer(_("买的是什么"), [case.item], "order"),
        Answer(
            _("签收日期"),
            [format_date(case.received_on, _("Y年n月j日")) if case.received_on else _("未填写")],
            "order",
        ),
        Answer(_("问题类型"), [case.get_problem_display()], "problem"),
        Answer(_("问题描述"), [case.description], "problem"),
        Answer(
            _("发生日期"),
            [format_date(case.happened_on, _("Y年n月j日")) if case.happened_on else ""],
            "problem",
        ),
        *(
            []
            if case.purchase_kind == PurchaseKind.PLUS
            else [Answer(_("商品类型"), [case.get_goods_kind_display() or _("未填写")], "problem")]
        ),
        Answer(_("已经尝试过"), prior_contact_lines(contacts), "tried"),
        Answer(
            _("想要的结果"),
            [
                outcome_line(case)
                or (_("不需要：这类问题不用打电话") if case.problem in SIMPLE_QUERIES else "")
            ],
            "want",
        ),
        Answer(
            _("证据"),
            [
                ngettext("%(count)d 个文件", "%(count)d 个文件", evidence_count)
                % {"count": evidence_count}
                if evidence_count
                else _("还没有上传")
            ],
            "evidence",
        ),
    ]
