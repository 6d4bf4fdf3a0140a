"""Error pages in the shopper's language, as whole pages htmx can swap in like any other:
never Django's bare English "Bad Request (400)"."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import TooManyFilesSent
from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme

# What is left when even the templates cannot render: both languages, no database.
PLAIN_500 = (
    '<!doctype html><html lang="zh-Hans"><meta charset="utf-8"><title>出错了 · jd400</title>'
    '<main id="main"><h1>出错了</h1><p>请稍后再试；你已保存的内容不会丢失。</p>'
    '<p lang="en">Something went wrong. Please try again later; what you saved is not lost.</p>'
    '<p><a href="/">jd400</a></p></main></html>'
)


def same_site_back(request: HttpRequest) -> str:
    """The page the shopper came from, if it is one of ours; else the start page. A
    Referer path such as "//evil.example/" is a link to another site, so it goes too."""
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    path = referer.path
    if (
        referer.netloc == request.get_host()
        and path.startswith("/")
        and url_has_allowed_host_and_scheme(path, allowed_hosts=None)
    ):
        return path
    return "/"


def _render(request: HttpRequest, template: str, context: dict, status: int) -> HttpResponse:
    try:
        return render(request, template, context, status=status)
    except Exception:  # noqa: BLE001 - an error page must not fail in turn
        return HttpResponse(PLAIN_500, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    context = {
        # More files than Django reads in one request: say so, with the number.
        "too_many_files": isinstance(exception, TooManyFilesSent),
        "max_files": settings.DATA_UPLOAD_MAX_NUMBER_FILES,
        "back_url": same_site_back(request),
    }
    return _render(request, "400.html", context, 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "403.html", {}, 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _render(request, "404.html", {}, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    """Rendered without the request's context processors: whatever broke (the database,
    the session) must not break the error page too. The language is the shopper's."""
    try:
        return HttpResponseServerError(loader.get_template("500.html").render())
    except Exception:  # noqa: BLE001
        return HttpResponseServerError(PLAIN_500)
