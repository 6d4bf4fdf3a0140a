from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from jd400site.page_cache import render_cached
from routing.directory import directory_as_shown, directory_entries


def directory(request: HttpRequest) -> HttpResponse:
    entries = directory_entries(timezone.now())
    return render_cached(
        request, "routing/directory.html", directory_as_shown(entries), lambda: {"entries": entries}
    )
