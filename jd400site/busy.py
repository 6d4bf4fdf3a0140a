"""A database that stays busy: a lock that did not come free within the database's own
timeout. Worth trying again (unlike a broken query), so the shopper gets "busy, try
again in N seconds" with the form as they typed it, never a 500."""

from __future__ import annotations

import functools
from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse

from jd400site.limits import TryAgain, with_try_again

# PostgreSQL's lock_timeout, statement_timeout, serialization failure and deadlock.
_BUSY_SQLSTATES = frozenset({"55P03", "57014", "40001", "40P01"})


def is_busy(error: OperationalError) -> bool:
    """SQLite's "database is locked" after its 20 s timeout, PostgreSQL's lock timeouts."""
    cause = error.__cause__
    return "locked" in str(error).lower() or getattr(cause, "sqlstate", None) in _BUSY_SQLSTATES


def busy() -> TryAgain:
    return TryAgain("busy", settings.DATABASE_BUSY_RETRY_SECONDS)


def form_again_when_busy(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A save that found the database busy (its transaction rolled back) runs the view once
    more with `request.try_again` set: it saves nothing and shows the form as typed (503).
    Elsewhere jd400site.middleware.DatabaseBusyMiddleware answers with a resend button."""

    @functools.wraps(view)
    def again(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except OperationalError as error:
            if not is_busy(error) or getattr(request, "try_again", None) is not None:
                raise
            request.try_again = busy()
            return with_try_again(request, view(request, *args, **kwargs))

    return again
