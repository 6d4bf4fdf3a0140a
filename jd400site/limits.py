"""Abuse limits per client address, counted in Django's cache.

No accounts means anyone can create cases and upload: without limits one laptop made
3,224 cases in a minute. Counts live in Django's default cache, which every process
shares (a file cache under JD400_VAR_DIR on one machine, Redis across machines). An
address behind a carrier's NAT is shared by many shoppers, so the limits are far above
what one person preparing a call needs.

A view that spends a limit says so with `@rate_limited(ACTION)`. Over the limit, the
view still runs, with `request.try_again` set: it saves nothing and shows its page again
with what the shopper typed, which then goes out as 429 with Retry-After
(`may_save(request)` is the view's one question).
"""

from __future__ import annotations

import functools
import ipaddress
import logging
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
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

    @property
    def status(self) -> int:
        return 429 if self.reason == "limit" else 503


_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _parse_rate(rate: str) -> tuple[int, int]:
    """ "10/m" → (10, 60); "100/5m" → (100, 300)."""
    count, _, period = rate.partition("/")
    multiple = int(period[:-1] or 1)
    return int(count), multiple * _PERIODS[period[-1]]


def spend(request: HttpRequest, action: str) -> TryAgain | None:
    """Count one `action` for this client, or say when it may try again.

    A fixed window: at a window's edge a client may get up to twice the limit through in a
    short span, which is harmless at these limits and keeps the counting to two cache
    calls. A cache that is down lets shoppers through, never fails them.
    """
    if not settings.RATE_LIMITS_ENABLED:
        return None
    limit, period = _parse_rate(settings.RATE_LIMITS[action])
    window, into = divmod(time.time(), period)
    key = f"jd400.rate.{action}.{client_address(request)}.{int(window)}"
    try:
        cache.add(key, 0, period + 1)
        count = cache.incr(key)
    except Exception:
        logger.warning("rate limits: the cache is not answering; %s not counted", action)
        return None
    if count <= limit:
        return None
    return TryAgain("limit", max(1, math.ceil(period - into)))


def may_save(request: HttpRequest) -> bool:
    """False when this request came over a limit or found the database busy: the view
    shows its page again instead of saving."""
    return getattr(request, "try_again", None) is None


def with_try_again(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """The page a view showed again after a refusal: 429 or 503, with Retry-After."""
    try_again: TryAgain | None = getattr(request, "try_again", None)
    if try_again is not None and response.status_code == 200:
        response.status_code = try_again.status
        response.headers["Retry-After"] = str(try_again.seconds)
    return response


def rate_limited(
    action: str, methods: Iterable[str] = ("POST",)
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Count `action` for the client on `methods`; over the limit the view runs with
    `request.try_again` set (it saves nothing and shows its page again)."""
    counted = frozenset(methods)

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @functools.wraps(view)
        def limited(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if request.method in counted:
                request.try_again = spend(request, action)
            return with_try_again(request, view(request, *args, **kwargs))

        return limited

    return decorator


def render_try_again(
    request: HttpRequest, template: str, context: dict, try_again: TryAgain
) -> HttpResponse:
    """A page that says when to try again (the notice is in the page frame, from
    `request.try_again`), as 429 (too many) or 503 (busy) with Retry-After."""
    request.try_again = try_again
    return with_try_again(request, render(request, template, context))


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
        cache.add(key, 0, 60 * 60 * 25)
        cache.incr(key, size)
    except Exception:
        logger.warning("upload quota: the cache is not answering")


def until_tomorrow() -> TryAgain:
    """The daily quota's refusal: it comes back at midnight, China time."""
    now = timezone.localtime()
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return TryAgain("limit", int((midnight - now).total_seconds()) + 1)
