"""On the call (issue 21): the call page, its notes saved as typed, "通话结束" and the call
form it pre-fills; and the service worker that keeps the shopper's own case pages for
reading offline. Each view a recipe: the case through the access helper, the form, a
domain function in cases/on_call.py, a redirect or a page."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from cases import on_call, wizard
from cases.access import get_case_or_404, remember_case
from cases.addresses import private_link
from cases.call_forms import CallNotesForm
from cases.card import build_card
from cases.forms import CallForm
from cases.models import Case
from cases.views import HtmxHttpRequest
from jd400site.busy import form_again_when_busy
from jd400site.limits import CALL_LOG, SAVE_STEP, may_save, rate_limited

SERVICE_WORKER = Path(settings.BASE_DIR) / "static" / "js" / "sw.js"


def _page_context(request: HttpRequest, case: Case, form: CallNotesForm) -> dict:
    now = timezone.now()
    draft = on_call.open_draft(case)
    card = build_card(case, now, private_link(request, case))
    started = draft.called_at if draft else now.replace(microsecond=0)
    return {
        "case": case,
        "card": card,
        "draft": draft,
        "parts": on_call.script_on_call(case, card, draft),
        "form": form,
        "started_at": started,
        # Seconds into the call as the page is made: the timer counts on from there.
        "elapsed": max(0, int((now - started).total_seconds())),
    }


def _initial_notes(case: Case) -> dict:
    draft = on_call.open_draft(case)
    if draft is None:
        return {}
    return {name: getattr(draft, name) for name in on_call.NOTE_FIELDS}


@require_safe
def call_page(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    if not wizard.card_is_ready(case):
        return redirect(case.step_url(wizard.first_unanswered(case).slug))
    remember_case(request, case)
    form = CallNotesForm(initial=_initial_notes(case))
    response = render(request, "cases/call/page.html", _page_context(request, case, form))
    return _keeping_the_screen_on(response)


def _keeping_the_screen_on(response: HttpResponse) -> HttpResponse:
    """Every device feature stays off (settings.PERMISSIONS_POLICY) except, on this page
    alone, Screen Wake Lock for this site: the screen stays on while the shopper talks."""
    response.headers["Permissions-Policy"] = settings.PERMISSIONS_POLICY.replace(
        "screen-wake-lock=()", "screen-wake-lock=(self)"
    )
    return response


@require_POST
@rate_limited(SAVE_STEP)
@form_again_when_busy
def call_notes(request: HtmxHttpRequest, token: str) -> HttpResponse:
    """Saved as typed: htmx sends the form a moment after each pause in typing and on each
    tick (the answer is the "saved" line only); without JavaScript the save button sends
    it and the page comes back; a closing tab sends it as a beacon (call.js)."""
    case = get_case_or_404(token)
    form = CallNotesForm(request.POST)
    saved = may_save(request) and form.is_valid()
    if saved:
        on_call.save_notes(case, form.cleaned_data, form.started(), timezone.now())
    if request.htmx:
        context = {"form": form, "saved_at": timezone.now() if saved else None}
        return render(request, "cases/call/_saved.html", context)
    if saved:
        messages.success(request, _("笔记已保存。"))
        return redirect(f"{reverse('cases:call', args=[case.token])}#notes")
    # Not saved: the page again with everything as typed.
    return render(request, "cases/call/page.html", _page_context(request, case, form))


@require_POST
@rate_limited(SAVE_STEP)
@form_again_when_busy
def call_end(request: HttpRequest, token: str) -> HttpResponse:
    """ "通话结束": what was typed last is saved with it, the call's end is noted, and the
    shopper confirms the call log entry on the call form, pre-filled."""
    case = get_case_or_404(token)
    form = CallNotesForm(request.POST)
    if not (may_save(request) and form.is_valid()):
        return render(request, "cases/call/page.html", _page_context(request, case, form))
    now = timezone.now()
    draft = on_call.save_notes(case, form.cleaned_data, form.started(), now)
    on_call.end_call(draft, now)
    return redirect("cases:call_confirm", token=case.token)


@require_http_methods(["GET", "POST"])
@rate_limited(CALL_LOG)
@form_again_when_busy
def call_confirm(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    draft = on_call.open_draft(case)
    if draft is None:
        # Already logged (another tab confirmed it) or never started: the card's calls.
        return redirect(f"{case.get_absolute_url()}#calls")
    form = CallForm(request.POST or None, instance=draft)
    if request.method == "POST" and may_save(request) and form.is_valid():
        on_call.log_draft(form.save(commit=False), case)
        messages.success(request, _("通话记录已保存。"))
        return redirect(f"{case.get_absolute_url()}#calls")
    return render(request, "cases/call/confirm.html", {"case": case, "form": form, "draft": draft})


@require_GET
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, from the site's root so its scope covers the case pages. Never
    kept by the browser's HTTP cache: a new version must reach every phone."""
    try:
        body = SERVICE_WORKER.read_bytes()
    except OSError as error:  # pragma: no cover - a broken deployment
        raise Http404 from error
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
