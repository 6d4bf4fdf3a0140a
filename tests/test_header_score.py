"""The header score by MDN HTTP Observatory's rules (its "Tests & Scoring" table), computed
from our own responses under the production settings: the start page, a wizard step, the
card and an evidence image each score at least 100 (A+).

Penalties are taken from 100 first; bonuses count only if the result is 90 or more. What
the Observatory learns elsewhere (the HSTS preload list, crossdomain.xml) scores 0 here.
"""

from __future__ import annotations

import pytest
from django.test import Client

from cases.access import COOKIE
from tests.factories import make_case

pytestmark = pytest.mark.django_db

SIX_MONTHS = 15_768_000
PRIVATE_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRERS = {
    "origin",
    "origin-when-cross-origin",
    "unsafe-url",
    "no-referrer-when-downgrade",
}
SESSION_COOKIES = {"sessionid", COOKIE}  # the list of cases is as private


def _csp(header: str) -> dict[str, list[str]]:
    policy: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            policy[words[0].lower()] = [word.lower() for word in words[1:]]
    return policy


def csp_score(response) -> tuple[int, str]:
    header = response.headers.get("Content-Security-Policy")
    if not header:
        return -25, "csp-not-implemented"
    policy = _csp(header)
    default = policy.get("default-src")
    script = policy.get("script-src", default)
    objects = policy.get("object-src", default)
    style = policy.get("style-src", default) or []
    broad = {"'unsafe-inline'", "data:", "https:", "http:", "*"}
    if (
        script is None
        or objects is None
        or broad & set(script)
        or {"https:", "http:", "*"} & set(objects)
    ):
        return -20, "csp-implemented-with-unsafe-inline"
    if "'unsafe-eval'" in script:
        return -10, "csp-implemented-with-unsafe-eval"
    if broad & set(style):
        return 0, "csp-implemented-with-unsafe-inline-in-style-src-only"
    if default == ["'none'"]:
        return 10, "csp-implemented-with-no-unsafe-default-src-none"
    return 5, "csp-implemented-with-no-unsafe"


def cookies_score(response) -> tuple[int, str]:
    jar = response.cookies
    if not jar:
        return 0, "cookies-not-found"
    for name, morsel in jar.items():
        if morsel["samesite"] and morsel["samesite"].lower() not in ("strict", "lax"):
            return -20, "cookies-samesite-flag-invalid"
        if not morsel["secure"]:
            return (
                (-40, "cookies-session-without-secure-flag")
                if name in SESSION_COOKIES
                else (
                    -20,
                    "cookies-without-secure-flag",
                )
            )
        if name in SESSION_COOKIES and not morsel["httponly"]:
            return -30, "cookies-session-without-httponly-flag"
        if name == "csrftoken" and not morsel["samesite"]:
            return -20, "cookies-anticsrf-without-samesite-flag"
    if all(morsel["samesite"] for morsel in jar.values()):
        return 5, "cookies-secure-with-httponly-sessions-and-samesite"
    return 0, "cookies-secure-with-httponly-sessions"


def cors_score(response) -> tuple[int, str]:
    if response.headers.get("Access-Control-Allow-Origin", "").strip() == "*":
        return -50, "cross-origin-resource-sharing-implemented-with-universal-access"
    return 0, "cross-origin-resource-sharing-not-implemented"


def referrer_score(response) -> tuple[int, str]:
    header = response.headers.get("Referrer-Policy")
    if header is None:
        return 0, "referrer-policy-not-implemented"
    values = {v.strip().lower() for v in header.split(",") if v.strip()}
    if values & UNSAFE_REFERRERS:
        return -5, "referrer-policy-unsafe"
    if values <= PRIVATE_REFERRERS | {""} and values:
        return 5, "referrer-policy-private"
    return -5, "referrer-policy-header-invalid"


def hsts_score(response) -> tuple[int, str]:
    header = response.headers.get("Strict-Transport-Security")
    if header is None:
        return -20, "hsts-not-implemented"
    for part in header.split(";"):
        name, _, value = part.strip().partition("=")
        if name.lower() == "max-age":
            if int(value) >= SIX_MONTHS:
                return 0, "hsts-implemented-max-age-at-least-six-months"
            return -10, "hsts-implemented-max-age-less-than-six-months"
    return -20, "hsts-header-invalid"


def sri_score(response) -> tuple[int, str]:
    if not response.headers.get("Content-Type", "").startswith("text/html"):
        return 0, "sri-not-implemented-response-not-html"
    html = response.content.decode()
    if "<script" not in html:
        return 0, "sri-not-implemented-but-no-scripts-loaded"
    sources = [part.split('"', 1)[0] for part in html.split('<script src="')[1:]]
    if all(src.startswith("/") and not src.startswith("//") for src in sources):
        return 0, "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"
    return -50, "sri-not-implemented-and-external-scripts-not-loaded-securely"


def nosniff_score(response) -> tuple[int, str]:
    if response.headers.get("X-Content-Type-Options", "").lower() == "nosniff":
        return 0, "x-content-type-options-nosniff"
    return -5, "x-content-type-options-not-implemented"


def framing_score(response) -> tuple[int, str]:
    if "frame-ancestors" in _csp(response.headers.get("Content-Security-Policy", "")):
        return 5, "x-frame-options-implemented-via-csp"
    if response.headers.get("X-Frame-Options", "").upper() in ("DENY", "SAMEORIGIN"):
        return 0, "x-frame-options-sameorigin-or-deny"
    return -20, "x-frame-options-not-implemented"


def corp_score(response) -> tuple[int, str]:
    value = response.headers.get("Cross-Origin-Resource-Policy")
    if value is None:
        return 0, "corp-not-implemented"
    if value in ("same-origin", "same-site"):
        return 0, f"corp-implemented-with-{value}"
    return -20, "corp-implemented-with-cross-origin"


def redirection_score(client: Client) -> tuple[int, str]:
    response = client.get("/", secure=False)
    if response.status_code in (301, 302, 307, 308) and response.url.startswith(
        "https://testserver/"
    ):
        return 0, "redirection-to-https"
    return -20, "redirection-missing"


def score(client: Client, response) -> tuple[int, list[str]]:
    results = [
        test(response)
        for test in (
            csp_score,
            cookies_score,
            cors_score,
            referrer_score,
            hsts_score,
            sri_score,
            nosniff_score,
            framing_score,
            corp_score,
        )
    ]
    results.append(redirection_score(client))
    total = 100 + sum(points for points, _ in results if points < 0)
    if total >= 90:
        total += sum(points for points, _ in results if points > 0)
    return total, [name for _, name in results]


@pytest.fixture
def production(settings) -> Client:
    """The settings a deployment gets with DJANGO_DEBUG off, behind TLS."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.LANGUAGE_COOKIE_SECURE = True
    return Client()


def _responses(client: Client) -> dict[str, object]:
    case = make_case(evidence=1)
    evidence = case.evidence.get()
    client.post("/c/new/", secure=True)  # a list cookie exists from here on
    return {
        "start page": client.get("/", secure=True),
        "a step": client.get(f"/c/{case.token}/order/", secure=True),
        "the card": client.get(f"/c/{case.token}/card/", secure=True),
        "an evidence image": client.get(
            f"/c/{case.token}/evidence/{evidence.pk}/image/", secure=True
        ),
    }


def test_it_scores_at_least_100_on_every_kind_of_response(production):
    for name, response in _responses(production).items():
        assert response.status_code == 200, name
        total, results = score(production, response)
        assert total >= 100, (name, total, results)


def test_it_sets_secure_httponly_samesite_cookies_under_tls(production):
    # The card remembers the case in a fresh browser: the list cookie is set here.
    case = make_case()
    response = production.get(f"/c/{case.token}/card/", secure=True)
    assert COOKIE in response.cookies
    assert cookies_score(response) == (5, "cookies-secure-with-httponly-sessions-and-samesite")


def test_it_would_notice_a_missing_policy(production):
    response = production.get("/", secure=True)
    del response.headers["Content-Security-Policy"]
    del response.headers["Referrer-Policy"]
    total, _results = score(production, response)
    assert total < 100
