"""Abuse limits per client address, counted in Django's cache.

No accounts means anyone can create cases and upload: without limits one laptop made
3,224 cases in a minute. Counts live in Django's cache (atomic incr), so once the cache
is Redis every process and server shares them. An address behind a
carrier's NAT is shared by many shoppers, so the limits are far above what one person
preparing a call needs.
"""

from __future__ import annotations

import ipaddress
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

logger = logging.getLogger(__name__)

# What is limited, and its setting in RATE_LIMITS.
CREATE_CASE = "create_case"
UPLOAD = "upload"
SAVE_STEP = "save_step"
CALL_LOG = "call_log"
ADMIN_LOGIN = "admin_login"


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the entry a trusted proxy added to
    X-Forwarded-For (the N-th from the right for N proxies; entries further left are
    whatever the client wrote). An IPv6 client counts by its /64, which one home gets."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


@dataclass(frozen=True)
class TryAgain:
    """Why the request was not carried out, and when it will be: `reason` is "limit"
    (too many in a short time) or "busy" (the database stayed locked)."""

    reason: str
    seconds: int

    @property
    def at(self) -> datetime:
        return timezone.localtime() + timedelta(seconds=self.seconds)


_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _parse_rate(rate: str) -> tuple[int, int]:
    """ "10/m" → (10, 60); "100/5m" → (100, 300)."""
    count, _, period = rate.partition("/")
    multiple = int(period[:-1] or 1)
    return int(count), multiple * _PERIODS[period[-1]]


def spend(request: HttpRequest, action: str) -> TryAgain | None:
    """Count one `action` for this client, or say when it may try again.

    A sliding window over two fixed ones (the previous window's count weighted by how much
    of it still overlaps the last `period` seconds): unlike a fixed window, no span of
    `period` seconds lets through twice the limit. Counting is cache.incr (atomic on
    Redis); a refused attempt is taken back, so waiting as told always works.
    """
    if not settings.RATE_LIMITS_ENABLED:
        return None
    try:
        return _spend(request, action)
    except Exception:  # a cache that is down lets shoppers through, never fails them
        logger.warning("rate limits: the cache is not answering; %s not counted", action)
        return None


def _spend(request: HttpRequest, action: str) -> TryAgain | None:
    limit, period = _parse_rate(settings.RATE_LIMITS[action])
    now = time.time()
    window, into = divmod(now, period)
    key = f"jd400.rate.{action}.{client_address(request)}"
    current_key, previous_key = f"{key}.{int(window)}", f"{key}.{int(window) - 1}"
    cache.add(current_key, 0, period * 2 + 1)
    current = cache.incr(current_key)
    previous = int(cache.get(previous_key, 0))
    overlap = 1 - into / period
    if previous * overlap + current <= limit:
        return None
    cache.decr(current_key)
    current -= 1
    # When does one more fit? In this window once the previous one's weight has fallen
    # far enough; if this one is full, that far into the next (this one is its previous).
    if current < limit:
        wait = period * (1 - (limit - current - 1) / previous) - into
    else:
        wait = period - into + period * (1 - (limit - 1) / current)
    return TryAgain("limit", max(1, math.ceil(wait)))


def render_try_again(
    request: HttpRequest, template: str, context: dict, try_again: TryAgain
) -> HttpResponse:
    """The page the shopper was on, with what they typed, a notice saying when to try
    again, and 429 (too many) or 503 (busy) with Retry-After for programs."""
    status = 429 if try_again.reason == "limit" else 503
    response = render(request, template, {**context, "try_again": try_again}, status=status)
    response.headers["Retry-After"] = str(try_again.seconds)
    return response


# --- Stored bytes per client and day ---------------------------------------------------


def _stored_key(request: HttpRequest) -> str:
    day = timezone.localdate().isoformat()
    return f"jd400.stored.{client_address(request)}.{day}"


def stored_today(request: HttpRequest) -> int:
    try:
        return int(cache.get(_stored_key(request), 0))
    except Exception:  # the cache is down: the per-case caps still hold
        logger.warning("upload quota: the cache is not answering")
        return 0


def add_stored(request: HttpRequest, size: int) -> None:
    key = _stored_key(request)
    try:
        # add() then incr(): atomic on Redis and memcached, so parallel uploads add up.
        cache.add(key, 0, 60 * 60 * 25)
        cache.incr(key, size)
    except Exception:
        logger.warning("upload quota: the cache is not answering")


# --- A database that stays busy --------------------------------------------------------

# PostgreSQL's lock_timeout, statement_timeout, serialization failure and deadlock.
_BUSY_SQLSTATES = frozenset({"55P03", "57014", "40001", "40P01"})


def is_busy(error: OperationalError) -> bool:
    """A lock that did not come free in time (SQLite's "database is locked" after its 20 s
    timeout, PostgreSQL's lock timeouts): worth trying again, unlike a broken query."""
    cause = error.__cause__
    return "locked" in str(error).lower() or getattr(cause, "sqlstate", None) in _BUSY_SQLSTATES


def saved_or_try_again(save: Callable[[], object]) -> TryAgain | None:
    """Run `save`; a TryAgain instead of a 500 when the database stayed busy, so the view
    can show the shopper's form again with everything they typed."""
    try:
        save()
    except OperationalError as error:
        if not is_busy(error):
            raise
        return TryAgain("busy", settings.DATABASE_BUSY_RETRY_SECONDS)
    return None
