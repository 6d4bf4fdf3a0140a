from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from cases.access import write_remembered


class RememberedCasesMiddleware:
    """Writes this browser's list of cases (cases/access.py) when a view changed it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        write_remembered(request, response)
        return response
