"""Who may see a case: whoever holds its private link. The browser that made or opened a
case also remembers it, so the start page can offer to resume.

The list lives in the browser itself, in a signed cookie (like a signed-cookie session,
but only for this list): reading it costs no query, a shopper who opens a link from a new
browser writes no row anywhere, and a flood of such visits leaves nothing to clear up.
Signed, so no one can slip a token in that the browser never held; HttpOnly and Secure as
the session cookie is; "token" in its name, so Django's error reports hide it as they hide
the session cookie. What follows from keeping it in the browser: a planted cookie can put
its own cases on this browser's list (as a planted session could), and "remove from this
device" cannot be enforced on a copy of the cookie taken before.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from cases.models import Case
from jd400site.tokens import TOKEN_PATTERN

COOKIE = "jd400_case_tokens"
_SALT = "jd400.remembered-cases"
REMEMBERED_MAX = 20
_TOKEN = re.compile(TOKEN_PATTERN)


def get_case_or_404(token: str) -> Case:
    # The URL's token converter already refused anything not shaped like a token, so every
    # request that gets here costs the same one indexed lookup, known token or not.
    return get_object_or_404(Case, token=token)


def remembered_tokens(request: HttpRequest) -> list[str]:
    """This browser's cases, most recently opened first."""
    if not hasattr(request, "_jd400_cases"):
        value = request.get_signed_cookie(
            COOKIE, default="", salt=_SALT, max_age=settings.SESSION_COOKIE_AGE
        )
        tokens = [token for token in value.split(".") if _TOKEN.fullmatch(token)]
        request._jd400_cases = tokens[:REMEMBERED_MAX]
    return request._jd400_cases


def _remember(request: HttpRequest, tokens: list[str]) -> None:
    request._jd400_cases = tokens[:REMEMBERED_MAX]
    request._jd400_cases_changed = True  # written by RememberedCasesMiddleware


def remember_case(request: HttpRequest, case: Case) -> None:
    remembered = remembered_tokens(request)
    if remembered[:1] == [case.token]:
        return  # already first: no cookie to write
    _remember(request, [case.token, *(t for t in remembered if t != case.token)])


def forget_case(request: HttpRequest, token: str) -> None:
    tokens = remembered_tokens(request)
    if token in tokens:
        _remember(request, [t for t in tokens if t != token])


def remember_new_token(request: HttpRequest, old_token: str, case: Case) -> None:
    """The case got a new link: this browser's list follows it (other browsers' lists
    simply lose it, as they would after a deletion)."""
    _remember(request, [case.token if t == old_token else t for t in remembered_tokens(request)])


def remembered_cases(request: HttpRequest) -> list[Case]:
    tokens = remembered_tokens(request)
    if not tokens:
        return []
    return list(Case.objects.filter(token__in=tokens).prefetch_related("calls"))


def write_remembered(request: HttpRequest, response: HttpResponse) -> None:
    """Send the list back if this request changed it (one cookie, 90 days from now)."""
    if not getattr(request, "_jd400_cases_changed", False):
        return
    set_remembered(response, request._jd400_cases)


def set_remembered(response: HttpResponse, tokens: list[str]) -> None:
    """The list as the cookie holds it, signed and timestamped by Django; an empty list
    expires the cookie (with the same flags, so no browser ignores the expiry)."""
    response.set_signed_cookie(
        COOKIE,
        ".".join(tokens),
        salt=_SALT,
        max_age=settings.SESSION_COOKIE_AGE if tokens else 0,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite=settings.SESSION_COOKIE_SAMESITE,
    )
