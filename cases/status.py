"""A case's status, derived from its facts and never stored twice.

Seed, "别不跟进处理进度": after the call, note the ticket number and the promised time; once
that time has passed, call again. So the status turns on the latest call's promise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import Call, Case
from routing.dates import shopper_date


class Status(models.TextChoices):
    DRAFT = "draft", _("填写中")
    PREPARED = "prepared", _("已准备，未致电")
    WAITING = "waiting", _("已致电，等待处理")
    OVERDUE = "overdue", _("已超过承诺时间")
    RESOLVED = "resolved", _("已解决")
    GIVEN_UP = "given_up", _("已放弃")


# Overdue cases first on the start page: they are the ones that need the shopper now.
STATUS_ORDER = [
    Status.OVERDUE,
    Status.WAITING,
    Status.PREPARED,
    Status.DRAFT,
    Status.RESOLVED,
    Status.GIVEN_UP,
]


@dataclass(frozen=True)
class CaseStatus:
    code: Status
    latest_call: Call | None
    today: date | None = None  # China's date the status was taken on

    @property
    def promise_text(self) -> str:
        """The promise as a sentence: `承诺今天（12月5日）前解决`, never an ISO date, which
        reads as already past (issue 24). Once overdue the status beside it says so."""
        if self.promised_by is None:
            return ""
        return gettext("承诺%(date)s前解决") % {"date": shopper_date(self.promised_by, self.today)}

    @property
    def label(self) -> str:
        return str(self.code.label)

    @property
    def promised_by(self) -> date | None:
        return self.latest_call.promised_by if self.latest_call else None

    @property
    def is_overdue(self) -> bool:
        return self.code == Status.OVERDUE

    @property
    def is_waiting(self) -> bool:
        return self.code == Status.WAITING

    @property
    def is_resolved(self) -> bool:
        return self.code == Status.RESOLVED

    @property
    def is_given_up(self) -> bool:
        return self.code == Status.GIVEN_UP

    @property
    def is_closed(self) -> bool:
        """Resolved or given up: the shopper said they are done with it."""
        return self.code in (Status.RESOLVED, Status.GIVEN_UP)


def latest_call(calls: Sequence[Call]) -> Call | None:
    return max(calls, key=lambda call: (call.called_at, call.id or 0), default=None)


def standing_promise(calls: Sequence[Call]) -> Call | None:
    """The call whose promise stands, as the card shows it: the latest call's, if it gave a
    date; a later call without a promise means the old date no longer stands."""
    latest = latest_call(calls)
    return latest if latest is not None and latest.promised_by is not None else None


def status_of(case: Case, calls: Sequence[Call], today: date) -> CaseStatus:
    """`today` is China's date: a promise "by 30 Nov" is overdue from 1 Dec, China time."""
    latest = latest_call(calls)
    if case.resolved_at:
        code = Status.RESOLVED
    elif case.given_up_at:
        code = Status.GIVEN_UP
    elif latest is not None:
        overdue = latest.promised_by is not None and latest.promised_by < today
        code = Status.OVERDUE if overdue else Status.WAITING
    elif case.card_ready_at:
        code = Status.PREPARED
    else:
        code = Status.DRAFT
    return CaseStatus(code, latest, today)


def by_urgency(cases: Sequence[Case], today: date) -> list[tuple[Case, CaseStatus]]:
    """Each case with its status, overdue first, then most recently changed.

    The cases' calls should be prefetched: this reads `case.calls.all()` for each.
    """
    with_status = [(case, status_of(case, list(case.calls.all()), today)) for case in cases]
    with_status.sort(key=lambda pair: pair[0].updated_at, reverse=True)
    with_status.sort(key=lambda pair: STATUS_ORDER.index(pair[1].code))
    return with_status
