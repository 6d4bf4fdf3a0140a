"""Whole pages kept for a few minutes, under a key naming everything they show.

Rendering is most of a page's cost (the card's QR code, scripts and text; a step's form
widgets), while a shopper's case changes only when they save something. A view names what
its page shows (`shows`: the case's token and last change, the day, the directory's lines
and their open/closed state…); the page is rendered once for that and served from the
cache until any of it changes. The key always holds the URL, the language and the frame
(whole page or htmx part), so a page can never be served for another case, another
language or another moment than the one it was rendered for.

The CSRF token is not part of a kept page: it is rendered as a placeholder and each
response gets its own token. Pages with a one-time message (“saved”) are not kept.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache as page_store
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import get_language

from cases.addresses import is_returning

PAGE_SECONDS = 600
logger = logging.getLogger(__name__)


@cache
def _csrf_placeholder() -> str:
    # Derived from the secret key: the same in every worker (a shared cache works), and no
    # shopper can type it into a field to have it replaced.
    digest = hmac.new(settings.SECRET_KEY.encode(), b"jd400 page csrf", hashlib.sha256)
    return f"csrf{digest.hexdigest()[:40]}"


def _fingerprint() -> str:
    """This code's own fingerprint (templates, catalogues, Python, the static files' hashed
    names): with a cache shared by several instances (Redis), a page rendered by another
    release is never served."""
    base = Path(settings.BASE_DIR)
    files = [
        path
        for folder, pattern in (
            ("templates", "*.*"),
            ("locale", "*.mo"),
            ("cases", "*.py"),
            ("routing", "*.py"),
            ("jd400site", "*.py"),
        )
        for path in sorted((base / folder).rglob(pattern))
    ]
    # A release that changes only CSS or JS changes the hashed names its pages link to.
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        files.append(manifest)
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# Read once, when the code is imported: gunicorn preloads the app in its master, so every
# worker it forks (even one respawned after the files changed on disk, before a restart)
# names the release it actually runs.
RELEASE = _fingerprint()


def _has_messages(request: HttpRequest) -> bool:
    return len(messages.get_messages(request)) > 0


def _key(request: HttpRequest, template_name: str, shows: tuple[Any, ...]) -> str:
    htmx = getattr(request, "htmx", None)
    frame = bool(htmx) and not htmx.history_restore_request
    # The path and the one query flag pages read: any other query string would otherwise
    # be a new key for each value, filling the cache with copies of the same page.
    address = (request.path, is_returning(request))
    named = repr((RELEASE, template_name, address, get_language(), frame, shows))
    return "page:" + hashlib.sha256(named.encode()).hexdigest()


def render_cached(
    request: HttpRequest,
    template_name: str,
    shows: tuple[Any, ...],
    context: Callable[[], Mapping[str, Any]],
) -> HttpResponse:
    """`render()`, kept under what the page `shows`; `context` is only called to render."""
    if request.method != "GET" or _has_messages(request):
        return render(request, template_name, context())
    key = _key(request, template_name, shows)
    try:
        html = page_store.get(key)
    except Exception:  # a cache that is down slows pages, it never fails one
        logger.warning("page cache: read failed", exc_info=True)
        html = None
    if html is None:
        html = render_to_string(
            template_name, {**context(), "csrf_token": _csrf_placeholder()}, request
        )
        try:
            page_store.set(key, html, PAGE_SECONDS)
        except Exception:
            logger.warning("page cache: write failed", exc_info=True)
    return HttpResponse(html.replace(_csrf_placeholder(), get_token(request)))
