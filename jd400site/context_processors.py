from __future__ import annotations

from django.http import HttpRequest


def page_frame(request: HttpRequest) -> dict[str, str]:
    """Pick the frame a page extends: the whole page, or only <title> and <main> for htmx.

    Boosted htmx requests swap #main; sending only that part keeps responses small while the
    same templates serve full pages with JavaScript off. History restores get the whole page.
    """
    htmx = getattr(request, "htmx", None)
    partial = bool(htmx) and not htmx.history_restore_request
    return {"base_template": "_partial.html" if partial else "base.html"}
