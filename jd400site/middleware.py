from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from jd400site.busy import busy, is_busy
from jd400site.errors import same_site_back
from jd400site.limits import render_try_again


class CompressPagesMiddleware(GZipMiddleware):
    """gzip for HTML pages, a quarter of their size on a phone's connection. Static files
    come compressed from whitenoise already, and evidence images are JPEG/PNG, which gzip
    cannot shrink. Django's compressor pads each response with random bytes, and the CSRF
    token is masked afresh in each: the BREACH attack has nothing stable to guess at."""

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        return super().process_response(request, response)


class ContentSecurityPolicyMiddleware:
    """Send the strict policy on every response that does not set its own.

    Django 5.2 has no built-in CSP; evidence images set a stricter one themselves.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response.headers:
            response.headers["Content-Security-Policy"] = settings.CONTENT_SECURITY_POLICY
        return response


class PermissionsPolicyMiddleware:
    """Every device feature off on every response (settings.PERMISSIONS_POLICY): a page
    that ever ran foreign script could not reach the camera, the microphone or a payment."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ShopperLanguageMiddleware(LocaleMiddleware):
    """Chinese unless the shopper chose English with the switch in the header.

    The browser's Accept-Language is ignored on purpose: shoppers in China often use a phone
    or office PC set to English, yet want the Chinese the JD app and the hotline speak.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


class RequestSizeLimitMiddleware:
    """Refuse an oversized body before anything reads it.

    Django only checks an uploaded file's size after the whole body has been written to a
    temporary file, and the CSRF check reads the body first. Declared lengths over the cap
    get a page in the shopper's language instead; a reverse proxy should cap it too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            context = {
                "back_url": same_site_back(request),
                "limit_mb": settings.MAX_REQUEST_BYTES // (1024 * 1024),
            }
            return render(request, "413.html", context, status=413)
        return self.get_response(request)


class PrivatePagesMiddleware:
    """Case pages hold order numbers, ticket numbers and the private link: no cache keeps
    them (the Back button after "delete" on a shared PC must not bring a card back).

    Every page also varies on HX-Request, since htmx requests get only the page's main
    part: a cache must never hand that fragment to a full page load.

    A case view that chose a private policy of its own keeps it: evidence thumbnails are
    kept by the shopper's browser (never by a shared cache), since they never change.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_vary_headers(response, ["HX-Request"])
        match = request.resolver_match
        chose_private = response.get("Cache-Control", "").startswith("private, max-age")
        if match is not None and match.app_name == "cases" and not chose_private:
            add_never_cache_headers(response)
            response.headers["Cache-Control"] = "private, no-store"
        return response


class DatabaseBusyMiddleware:
    """A database still locked after its own timeout is a "busy, try again" page (503),
    never a 500. A form that was being saved comes back as a button that sends it again,
    so nothing typed is lost; the wizard's steps go further and show their own form
    again (jd400site.busy.form_again_when_busy)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OperationalError) or not is_busy(exception):
            return None
        resubmit = []
        if request.method == "POST":
            resubmit = [
                (name, value)
                for name, values in request.POST.lists()
                if name != "csrfmiddlewaretoken"
                for value in values
            ]
        context = {"resubmit": resubmit, "had_files": request.method == "POST" and request.FILES}
        return render_try_again(request, "503.html", context, busy())
