from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from routing.directory import directory_entries


@require_safe
def directory(request: HttpRequest) -> HttpResponse:
    return render(request, "routing/directory.html", {"entries": directory_entries(timezone.now())})
