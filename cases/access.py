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
    # order_by(): one row at most (the token is unique), so no sorting to ask for.
    case = next(iter(Case.objects.filter(token=token).order_by()[:1]), None)
    if case is None:
        raise Http404
    return case


def remember_case(request: HttpRequest, case: Case) -> None:
    remembered = request.session.get(SESSION_KEY, [])
    if remembered[:1] == [case.token]:
        return  # already first: no session write
    if case.token not in remembered:
        # A case joins this browser's list: the session gets a new key, so whoever planted
        # a session cookie in this browser beforehand (session fixation) never sees it.
        request.session.cycle_key()
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


def remembered_as_shown(request: HttpRequest) -> tuple[tuple[object, ...], ...]:
    """Each remembered case as of its last change, for the page cache: one light query, no
    cases or calls built (every change to a case or its calls moves `updated_at`)."""
    tokens = request.session.get(SESSION_KEY, [])
    if not tokens:
        return ()
    rows = Case.objects.filter(token__in=tokens).order_by("pk").values_list("pk", "updated_at")
    return (tuple(tokens), tuple(rows))


def remember_new_token(request: HttpRequest, old_token: str, case: Case) -> None:
    """The case got a new link: this browser's list follows it (other browsers' lists
    simply lose it, as they would after a deletion)."""
    tokens = request.session.get(SESSION_KEY, [])
    request.session[SESSION_KEY] = [case.token if t == old_token else t for t in tokens]
