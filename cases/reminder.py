"""Calendar reminders (RFC 5545): the day JD promised to resolve the case, and the last day
of an open legal window."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from django.utils.translation import gettext as _

from cases.models import Call, Case
from routing.rights import Window

# RFC 5545 3.3.11: TEXT may hold no control character but HTAB. Every line break (CRLF,
# a lone CR, a lone LF) becomes one escaped "\n"; any other control character is dropped,
# so nothing typed can end a line and start a property of its own.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


def _escape(text: str) -> str:
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROL.sub("", _LINE_BREAK.sub("\\\\n", text))


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


def _uri(link: str) -> str:
    """A URI value is not TEXT and is not escaped; ours is built from the request, so only
    what could break a line is taken out."""
    return _CONTROL.sub("", _LINE_BREAK.sub("", link))


def _date(value: date) -> str:
    return value.strftime("%Y%m%d")


def reminder_ics(case: Case, call: Call, link: str | None, now: datetime) -> str:
    """An all-day event on the promised date, with an alarm at 9:30 that morning.

    The private link goes in only when the shopper asked for it (`link`): calendars sync
    to clouds and get shared, and the link gives full control of the case."""
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
            *([_("案例链接：%(link)s") % facts] if link else []),
        ]
    )
    # 9:30 on the day: the start of the seed's best calling window.
    return _calendar(
        f"call-{call.pk}-{_date(call.promised_by)}@jd400",
        call.promised_by,
        summary,
        description,
        link,
        now,
        "PT9H30M",
    )


def deadline_ics(case: Case, window: Window, link: str | None, now: datetime) -> str:
    """An all-day event on the last day of a legal window, with an alarm at 9:30 the day
    before: on the last day itself there may be no time left to ask. The private link
    only when asked for, as in reminder_ics."""
    assert window.last_day is not None
    facts = {
        "order": case.order_number,
        "rule": window.rule.name,
        "date": f"{window.last_day:%Y-%m-%d}",
        "outcomes": _("、").join(window.outcome_labels),
        "source": window.rule.display_source,
        "link": link,
    }
    summary = _("售后申请期限最后一天（jd400）")
    description = "\n".join(
        [
            _("订单号：%(order)s") % facts,
            _("%(rule)s：%(date)s 是最后一天，可以要求%(outcomes)s。") % facts,
            _("依据：%(source)s（指引，不是法律意见）") % facts,
            *([_("案例链接：%(link)s") % facts] if link else []),
        ]
    )
    return _calendar(
        f"deadline-{case.pk}-{window.key}-{_date(window.last_day)}@jd400",
        window.last_day,
        summary,
        description,
        link,
        now,
        "-PT14H30M",
    )


def _calendar(
    uid: str,
    day: date,
    summary: str,
    description: str,
    link: str | None,
    now: datetime,
    alarm: str,
) -> str:
    """One all-day event on `day`; `alarm` is relative to the day's midnight."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//jd400//case reminder//ZH",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_date(day)}",
        f"DTEND;VALUE=DATE:{_date(day + timedelta(days=1))}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        *([f"URL:{_uri(link)}"] if link else []),
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"TRIGGER:{alarm}",
        f"DESCRIPTION:{_escape(summary)}",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
