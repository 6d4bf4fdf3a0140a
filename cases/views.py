from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import push_url
from django_htmx.middleware import HtmxDetails

from cases import wizard
from cases.access import (
    forget_case,
    get_case_or_404,
    remember_case,
    remember_new_token,
    remembered_cases,
)
from cases.addresses import is_returning, private_link, private_link_if_asked
from cases.card import build_card, card_as_text
from cases.escalation import complaint_blocks
from cases.forms import CallForm, CloseForm, SellerForm
from cases.models import Call, Case
from cases.reminder import deadline_ics, reminder_ics
from cases.rights import nearest_deadlines, open_window
from cases.status import by_urgency, standing_promise
from jd400site.busy import form_again_when_busy
from jd400site.limits import CALL_LOG, CREATE_CASE, SAVE_STEP, may_save, rate_limited
from routing.directory import routed_hotline
from routing.hours import china_today
from routing.models import LegalWindow


class HtmxHttpRequest(HttpRequest):
    """A request that went through django-htmx's middleware (`request.htmx`)."""

    htmx: HtmxDetails


def _start_page(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rules = list(LegalWindow.objects.filter(active=True))
    my_cases = by_urgency(remembered_cases(request), china_today(now))
    context = {"my_cases": nearest_deadlines(my_cases, now, rules)}
    return render(request, "cases/start.html", context)


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    return _start_page(request)


@require_POST
@rate_limited(CREATE_CASE)
def new_case(request: HttpRequest) -> HttpResponse:
    if not may_save(request):
        return _start_page(request)
    case = Case.objects.create()
    remember_case(request, case)
    return redirect(case.step_url("order"))


@require_safe
def case_home(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    step = wizard.first_unanswered(case)
    return redirect(case if step is None else case.step_url(step.slug))


@require_http_methods(["GET", "POST"])
@rate_limited(SAVE_STEP)
@form_again_when_busy
def step(request: HtmxHttpRequest, token: str, slug: str) -> HttpResponse:
    case = get_case_or_404(token)
    if wizard.get_step(slug) is None:
        raise Http404
    if not wizard.may_open(case, slug):
        return redirect(case.step_url(wizard.first_unanswered(case).slug))

    returning = is_returning(request)
    posted = request.method == "POST"
    form = wizard.bind_step_form(case, slug, request.POST if posted else None)
    if posted and may_save(request) and form.is_valid():
        wizard.save_step(case, slug, form)
        remember_case(request, case)
        return redirect(wizard.url_after(case, slug, returning, form))
    # Not saved (or only shown): the form with everything the shopper typed.
    context = wizard.step_context(case, slug, form, returning)
    response = render(request, f"cases/steps/{slug}.html", context)
    if posted and request.htmx:
        # The re-rendered form is the same page: no second history entry.
        push_url(response, False)
    return response


@require_safe
def card(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    if not wizard.card_is_ready(case):
        return redirect(case.step_url(wizard.first_unanswered(case).slug))
    remember_case(request, case)
    card = build_card(case, timezone.now(), private_link(request, case))
    return render(
        request, "cases/card.html", {"case": case, "card": card, "card_text": card_as_text(card)}
    )


@require_safe
def card_text(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    if not wizard.card_is_ready(case):
        raise Http404
    card = build_card(case, timezone.now(), private_link(request, case))
    response = HttpResponse(card_as_text(card), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="jd400-{case.order_number}.txt"'
    return response


@require_POST
def forget(request: HttpRequest, token: str) -> HttpResponse:
    """Take a case off this browser's list (a shared PC), keeping the case and its link."""
    forget_case(request, token)
    messages.success(request, _("已从这台设备的列表移除。案例还在，用私密链接仍可打开。"))
    return _clearing_this_browsers_cache(redirect("cases:start"))


@require_http_methods(["GET", "POST"])
def new_link(request: HttpRequest, token: str) -> HttpResponse:
    """ "This link leaked — make a new one": a new token; the old link is dead at once."""
    case = get_case_or_404(token)
    if request.method == "POST":
        case.replace_token()
        remember_new_token(request, token, case)
        messages.success(
            request,
            _("新的私密链接已生成，旧链接已经失效。请用下面的新链接或二维码重新保存。"),
        )
        return redirect(case)
    return render(request, "cases/new_link.html", {"case": case})


@require_http_methods(["GET", "POST"])
def delete_case(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    if request.method == "POST":
        case.delete()
        forget_case(request, token)
        messages.success(request, _("案例和它的所有文件已删除。"))
        return _clearing_this_browsers_cache(redirect("cases:start"))
    return render(request, "cases/delete.html", {"case": case})


def _clearing_this_browsers_cache(response: HttpResponse) -> HttpResponse:
    """Evidence thumbnails are kept by the browser (they never change); on a shared PC,
    deleting a case or taking it off the list must not leave its screenshots in the
    browser's cache for the next person."""
    response["Clear-Site-Data"] = '"cache"'
    return response


# ----- After the call -----


def _calls_on_card(case: Case) -> str:
    return f"{case.get_absolute_url()}#calls"


@transaction.atomic
def _save_call(form: CallForm, case: Case) -> None:
    form.save().count_report()
    case.touch()


@transaction.atomic
def _update_call(form: CallForm, case: Case) -> None:
    call = form.save(commit=False)
    # Another device may have deleted this call a moment ago: then there is nothing to
    # update (a 404, as for any missing call), and a plain save() would bring it back.
    if not case.calls.select_for_update().filter(pk=call.pk).exists():
        raise Http404
    call.save(update_fields=[*CallForm.Meta.fields, "updated_at"])
    call.count_report()
    case.touch()


@require_http_methods(["GET", "POST"])
@rate_limited(CALL_LOG)
@form_again_when_busy
def call_new(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    initial = {
        "called_at": timezone.localtime().replace(second=0, microsecond=0),
        "hotline": routed_hotline(case.purchase_kind, case.problem),
    }
    form = CallForm(request.POST or None, instance=Call(case=case), initial=initial)
    return _call_form(request, case, form, None, _save_call, _("通话记录已保存。"))


@require_http_methods(["GET", "POST"])
@rate_limited(CALL_LOG)
@form_again_when_busy
def call_edit(request: HttpRequest, token: str, call_id: int) -> HttpResponse:
    case = get_case_or_404(token)
    call = get_object_or_404(case.calls, pk=call_id)
    form = CallForm(request.POST or None, instance=call)
    return _call_form(request, case, form, call, _update_call, _("通话记录已更新。"))


def _call_form(
    request: HttpRequest,
    case: Case,
    form: CallForm,
    call: Call | None,
    save: Callable[[CallForm, Case], None],
    saved: str,
) -> HttpResponse:
    """The call form for a new or an edited call: show it, or save it and go back to the
    card's calls (not over the limit, not while the database is busy: jd400site/limits.py)."""
    if request.method == "POST" and may_save(request) and form.is_valid():
        save(form, case)
        messages.success(request, saved)
        return redirect(_calls_on_card(case))
    return render(request, "cases/call_form.html", {"case": case, "form": form, "call": call})


@require_POST
def call_delete(request: HttpRequest, token: str, call_id: int) -> HttpResponse:
    case = get_case_or_404(token)
    get_object_or_404(case.calls, pk=call_id).delete_with_report()
    case.touch()
    messages.success(request, _("通话记录已删除。"))
    return redirect(_calls_on_card(case))


@require_http_methods(["GET", "POST"])
def close_case(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    form = CloseForm(request.POST or None, initial={"closing_note": case.closing_note})
    if form.is_valid():
        case.close(form.cleaned_data["outcome"], form.cleaned_data["closing_note"], timezone.now())
        return redirect(case)
    return render(request, "cases/close.html", {"case": case, "form": form})


@require_safe
def reminder(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    call = standing_promise(list(case.calls.all()))
    if call is None:
        raise Http404
    ics = reminder_ics(case, call, private_link_if_asked(request, case), timezone.now())
    return _calendar_file(ics, f"jd400-{case.order_number}.ics")


@require_safe
def deadline_reminder(request: HttpRequest, token: str, key: str) -> HttpResponse:
    """The last day of a window that is open today, as a calendar event."""
    case = get_case_or_404(token)
    now = timezone.now()
    window = open_window(case, key, now)
    if window is None:
        raise Http404
    ics = deadline_ics(case, window, private_link_if_asked(request, case), now)
    return _calendar_file(ics, f"jd400-{case.order_number}-{window.key}.ics")


def _calendar_file(ics: str, filename: str) -> HttpResponse:
    response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_http_methods(["GET", "POST"])
def escalate(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    form = SellerForm(request.POST or None, instance=case)
    if form.is_valid():
        form.save(commit=False)
        case.save(update_fields=["seller_name", "updated_at"])
        return redirect(f"{request.path}#complaint")
    return render(
        request,
        "cases/escalate.html",
        {
            "case": case,
            "form": form,
            "complaint": complaint_blocks(case, china_today(timezone.now())),
        },
    )
