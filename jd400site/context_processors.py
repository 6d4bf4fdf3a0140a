from __future__ import annotations

from django.http import HttpRequest


def is_partial(request: HttpRequest) -> bool:
    """Boosted htmx requests swap #main: they get only <title> and <main>, which keeps
    responses small while the same templates serve full pages with JavaScript off.
    History restores get the whole page."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def page_frame(request: HttpRequest) -> dict[str, object]:
    """The frame a page extends (whole page or htmx part), and the "try again" notice
    the frame shows when a limit or a busy database refused this request (jd400site/limits.py)."""
    return {
        "base_template": "_partial.html" if is_partial(request) else "base.html",
        "try_again": getattr(request, "try_again", None),
    }
