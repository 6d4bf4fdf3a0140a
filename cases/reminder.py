"""A calendar reminder (RFC 5545) for the day JD promised to resolve the case."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from django.utils.translation import gettext as _

from cases.models import Call, Case


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = ""
    limit = 75
    for char in line:
        if len((current + char).encode("utf-8")) > limit:
            parts.append(current)
            current = char
            limit = 74  # continuation lines start with a space
        else:
            current += char
    parts.append(current)
    return "\r\n ".join(parts)


def _date(value: date) -> str:
    return value.strftime("%Y%m%d")


def reminder_ics(case: Case, call: Call, link: str, now: datetime) -> str:
    """An all-day event on the promised date, with an alarm at 9:30 that morning."""
    assert call.promised_by is not None
    facts = {
        "order": case.order_number,
        "ticket": call.ticket_number or "—",
        "date": f"{call.promised_by:%Y-%m-%d}",
        "promise": call.promise or _("（未记录内容）"),
        "link": link,
    }
    # Calendars sync to clouds and show alarms on a locked screen: the title says only what
    # the day is; the order, the ticket and the link are in the description.
    summary = _("京东售后承诺到期（jd400）")
    description = "\n".join(
        [
            _("订单号：%(order)s") % facts,
            _("京东客服承诺在 %(date)s 前解决：%(promise)s") % facts,
            _("处理单号：%(ticket)s") % facts,
            _("先在京东APP“我的售后”查看进度；仍未解决就带着处理单号再打一次。"),
            _("案例链接：%(link)s") % facts,
        ]
    )
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//jd400//case reminder//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:call-{call.pk}-{_date(call.promised_by)}@jd400",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(call.promised_by)}",
        f"DTEND;VALUE=DATE:{_date(call.promised_by + timedelta(days=1))}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        f"URL:{link}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        # 9:30 on the day: the start of the seed's best calling window.
        "TRIGGER:PT9H30M",
        f"DESCRIPTION:{_escape(summary)}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
