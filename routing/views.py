from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from routing.directory import directory_entries


def directory(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "routing/directory.html",
        {"entries": directory_entries(timezone.now())},
    )
