"""The whole card as plain text: for the copy button, the read-only block and card.txt."""

from __future__ import annotations

from datetime import time

from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cases.card import Card
from routing.directory import DirectoryEntry


def _clock(moment: time) -> str:
    return f"{moment.hour}:{moment.minute:02d}"  # 9:30, as the seed writes it


def _line(entry: DirectoryEntry) -> str:
    return f"{entry.hotline.display_name} {entry.hotline.number} · {entry.hotline.hours_label}"


def card_as_text(card: Card) -> str:
    lines = [_("jd400 通话卡片"), ""]
    if card.no_call_needed:
        lines += [str(card.advice[0].text), ""]  # the advice itself opens with "不用打电话："
    if card.hotline:
        hotline = card.hotline.hotline
        lines += [
            _("拨打：") + _line(card.hotline),
            _("为什么是这条线：")
            + (
                _("这类问题的专线暂时不在目录里，请先打京东客服热线，接通后说明问题类型。")
                if card.fell_back
                else card.route.reason
            ),
            _("最佳时间：工作日 %(start)s–%(end)s")
            % {
                "start": _clock(card.hotline.status.best_window[0]),
                "end": _clock(card.hotline.status.best_window[1]),
            },
        ]
        if card.fallback:
            lines.append(_("打不通或不确定时：") + _line(card.fallback))
        lines.append(
            _("号码来源：%(source)s，最后核对 %(date)s。拨打前请以京东官网为准。")
            % {
                "source": hotline.get_source_display(),
                "date": format_date(hotline.last_checked, "Y-m-d"),
            }
        )
        lines.append("")
    english = (get_language() or "").startswith("en")
    if card.no_call_needed:
        pass  # PRODUCT.md: a simple query gets the app's way instead of a script
    elif card.follow_up_script:
        lines += [_("跟进通话稿："), card.follow_up_script, ""]
        if english:
            lines += [card.follow_up_script_en, ""]
    else:
        lines += [_("通话稿："), card.script, ""]
        if english:
            lines += [card.script_en, ""]
    lines.append(_("要点："))
    for fact in card.facts:
        value = _("；").join(line for line in fact.lines if line)
        lines.append("- " + _("%(label)s：%(value)s") % {"label": fact.label, "value": value})
    lines += ["", _("准备好：")]
    lines.append("- " + _("订单号：") + card.case.order_number)
    for item in card.evidence:
        lines.append(
            "- " + _("截图：") + f"{item.original_name or item.get_kind_display()}"
            f" · {item.get_kind_display()}"
        )
    for contact in card.contacts:
        lines.append(
            "- "
            + _("之前的联系：")
            + f"{contact.get_channel_display()} {format_date(contact.contacted_on, 'Y-m-d')}"
            + (f" · {contact.answer}" if contact.answer else "")
        )
    for call in card.calls:
        lines.append(
            "- "
            + _("通话：")
            # China time: the database hands the call time back in UTC.
            + format_date(timezone.localtime(call.called_at), "Y-m-d H:i")
            + (
                _("，处理单号 %(ticket)s") % {"ticket": call.ticket_number}
                if call.ticket_number
                else ""
            )
            + (
                _("，承诺 %(date)s 前解决") % {"date": format_date(call.promised_by, "Y-m-d")}
                if call.promised_by
                else ""
            )
        )
    lines += ["", _("建议：")]
    lines += [f"{number}. {advice.text}" for number, advice in enumerate(card.advice, start=1)]
    lines += ["", _("私密链接（只给自己用）：") + card.link, ""]
    return "\n".join(lines)
