"""A case's addresses: the private token's converter, the link that reopens the card, and
the "return to check answers" flag that rides along while the shopper changes an answer."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.http import HttpRequest

from jd400site.tokens import TOKEN_BYTES, TOKEN_PATTERN

if TYPE_CHECKING:
    from cases.models import Case


def new_token() -> str:
    """The private link's secret: 192 random bits, URL-safe, never a sequential id."""
    return secrets.token_urlsafe(TOKEN_BYTES)


class TokenConverter:
    """`<token:token>`: anything not shaped like a token is a 404 at the resolver, before a
    query (NUL bytes, which PostgreSQL refuses, included)."""

    regex = TOKEN_PATTERN

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


# ?return=check: the shopper came from "check answers" and goes back there after saving.
RETURN_PARAM = "return"
RETURN_TO_CHECK = "check"


def with_return(url: str, returning: bool) -> str:
    return f"{url}?{RETURN_PARAM}={RETURN_TO_CHECK}" if returning else url


def is_returning(request: HttpRequest) -> bool:
    return request.GET.get(RETURN_PARAM) == RETURN_TO_CHECK


def private_link_if_asked(request: HttpRequest, case: Case) -> str | None:
    """Calendar files sync and get shared: the full-control link goes in only when the
    shopper ticked the box for it (`?link=1`), off by default."""
    return private_link(request, case) if request.GET.get("link") == "1" else None


def private_link(request: HttpRequest, case: Case) -> str:
    """The card's full address, for the QR code, the text copy and the calendar file."""
    return request.build_absolute_uri(case.get_absolute_url())
