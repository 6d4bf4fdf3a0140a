"""Who may see a case: whoever holds its private link. The browser session that made a
case also remembers it, so the start page can offer to resume."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from cases.models import Case

SESSION_KEY = "jd400_cases"
REMEMBERED_MAX = 20


def get_case_or_404(token: str) -> Case:
    # Always one indexed lookup, whatever the token looks like: a malformed token costs the
    # same as an unknown one, so timing tells nothing about which tokens exist. PostgreSQL
    # refuses NUL in text (a 500 for /c/%00/), so it goes before the lookup.
    case = Case.objects.filter(token=token[:64].replace("\x00", "")).first()
    if case is None or case.token != token:
        raise Http404
    return case


def remember_case(request: HttpRequest, case: Case) -> None:
    remembered = request.session.get(SESSION_KEY, [])
    if remembered[:1] == [case.token]:
        return  # already first: no session write
    tokens = [t for t in remembered if t != case.token]
    request.session[SESSION_KEY] = [case.token, *tokens][:REMEMBERED_MAX]


def forget_case(request: HttpRequest, token: str) -> None:
    tokens = request.session.get(SESSION_KEY, [])
    if token in tokens:
        request.session[SESSION_KEY] = [t for t in tokens if t != token]


def remembered_cases(request: HttpRequest) -> list[Case]:
    tokens = request.session.get(SESSION_KEY, [])
    if not tokens:
        return []
    return list(Case.objects.filter(token__in=tokens).prefetch_related("calls"))
