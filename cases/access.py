"""Who may see a case: whoever holds its private link. The browser session that made a
case also remembers it, so the start page can offer to resume."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from cases.models import Case

SESSION_KEY = "jd400_cases"
REMEMBERED_MAX = 20


def get_case_or_404(token: str) -> Case:
    # The URL's token converter already refused anything not shaped like a token, so every
    # request that gets here costs the same one indexed lookup, known token or not.
    case = Case.objects.filter(token=token).first()
    if case is None:
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
