from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import push_url

from cases import wizard
from cases.access import forget_case, get_case_or_404, remember_case, remembered_cases
from cases.card import build_card
from cases.card_text import card_as_text
from cases.follow_up import close, complaint_blocks
from cases.forms import CallForm, CloseForm, SellerForm
from cases.models import Call, Case
from cases.reminder import reminder_ics
from cases.status import by_urgency, latest_call
from cases.steps import bind_step_form, save_step, step_extras
from routing.directory import routed_hotline
from routing.hours import china_today


def start(request: HttpRequest) -> HttpResponse:
    today = china_today(timezone.now())
    return render(
        request, "cases/start.html", {"my_cases": by_urgency(remembered_cases(request), today)}
    )


@require_POST
def new_case(request: HttpRequest) -> HttpResponse:
    case = Case.objects.create()
    remember_case(request, case)
    return redirect("cases:step", token=case.token, slug="order")


def case_home(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    step = wizard.first_unanswered(case)
    if step is None:
        return redirect("cases:card", token=case.token)
    return redirect("cases:step", token=case.token, slug=step.slug)


@require_http_methods(["GET", "POST"])
def step(request: HttpRequest, token: str, slug: str) -> HttpResponse:
    case = get_case_or_404(token)
    current = wizard.get_step(slug)
    if current is None:
        raise Http404
    if not wizard.may_open(case, slug):
        return redirect("cases:step", token=case.token, slug=wizard.first_unanswered(case).slug)

    returning = request.GET.get("return") == "check"
    form = bind_step_form(case, slug, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        save_step(case, slug, form)
        remember_case(request, case)
        return redirect(wizard.url_after(case, slug, returning))

    response = render(
        request,
        f"cases/steps/{slug}.html",
        {
            "case": case,
            "form": form,
            "step": current,
            "step_number": wizard.step_number(slug),
            "step_count": len(wizard.STEPS),
            "back_url": wizard.back_url(case, slug, returning),
            "returning": returning,
            **step_extras(case, slug),
        },
    )
    if request.method == "POST" and request.htmx:
        # The re-rendered form is the same page: no second history entry.
        push_url(response, False)
    return response


def card(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    if not wizard.card_is_ready(case):
        return redirect("cases:home", token=case.token)
    remember_case(request, case)
    link = request.build_absolute_uri(reverse("cases:card", args=[case.token]))
    card = build_card(case, timezone.now(), link)
    return render(
        request, "cases/card.html", {"case": case, "card": card, "card_text": card_as_text(card)}
    )


def card_text(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    if not wizard.card_is_ready(case):
        raise Http404
    link = request.build_absolute_uri(reverse("cases:card", args=[case.token]))
    text = card_as_text(build_card(case, timezone.now(), link))
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="jd400-{case.order_number}.txt"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def forget(request: HttpRequest, token: str) -> HttpResponse:
    """Take a case off this browser's list (a shared PC), keeping the case and its link."""
    forget_case(request, token)
    messages.success(request, _("已从这台设备的列表移除。案例还在，用私密链接仍可打开。"))
    return redirect("cases:start")


@require_http_methods(["GET", "POST"])
def delete_case(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    if request.method == "POST":
        case.delete()
        forget_case(request, token)
        messages.success(request, _("案例和它的所有文件已删除。"))
        return redirect("cases:start")
    return render(request, "cases/delete.html", {"case": case})


# ----- After the call -----


@require_http_methods(["GET", "POST"])
def call_new(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    initial = {
        "called_at": timezone.localtime().replace(second=0, microsecond=0),
        "hotline": routed_hotline(case.purchase_kind, case.problem),
    }
    form = CallForm(request.POST or None, initial=initial)
    if form.is_valid():
        Call.objects.create(case=case, **form.cleaned_data)
        case.touch()
        messages.success(request, _("通话记录已保存。"))
        return redirect(reverse("cases:card", args=[case.token]) + "#calls")
    return render(request, "cases/call_form.html", {"case": case, "form": form, "call": None})


@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, token: str, call_id: int) -> HttpResponse:
    case = get_case_or_404(token)
    call = get_object_or_404(case.calls, pk=call_id)
    initial = {name: getattr(call, name) for name in CallForm.base_fields}
    initial["called_at"] = timezone.localtime(call.called_at)
    form = CallForm(request.POST or None, initial=initial)
    if form.is_valid():
        for name, value in form.cleaned_data.items():
            setattr(call, name, value)
        call.save()
        case.touch()
        messages.success(request, _("通话记录已更新。"))
        return redirect(reverse("cases:card", args=[case.token]) + "#calls")
    return render(request, "cases/call_form.html", {"case": case, "form": form, "call": call})


@require_POST
def call_delete(request: HttpRequest, token: str, call_id: int) -> HttpResponse:
    case = get_case_or_404(token)
    get_object_or_404(case.calls, pk=call_id).delete()
    case.touch()
    messages.success(request, _("通话记录已删除。"))
    return redirect(reverse("cases:card", args=[case.token]) + "#calls")


@require_http_methods(["GET", "POST"])
def close_case(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    form = CloseForm(request.POST or None, initial={"closing_note": case.closing_note})
    if form.is_valid():
        close(case, form.cleaned_data["outcome"], form.cleaned_data["closing_note"], timezone.now())
        return redirect("cases:card", token=case.token)
    return render(request, "cases/close.html", {"case": case, "form": form})


def reminder(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    # The promise of the latest call, as the card shows it: a later call without a promise
    # means the old date no longer stands.
    call = latest_call(list(case.calls.all()))
    if call is None or call.promised_by is None:
        raise Http404
    link = request.build_absolute_uri(reverse("cases:card", args=[case.token]))
    response = HttpResponse(
        reminder_ics(case, call, link, timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="jd400-{case.order_number}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def escalate(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    form = SellerForm(request.POST or None, initial={"seller_name": case.seller_name})
    if form.is_valid():
        case.seller_name = form.cleaned_data["seller_name"]
        case.save(update_fields=["seller_name", "updated_at"])
        return redirect(reverse("cases:escalate", args=[case.token]) + "#complaint")
    return render(
        request,
        "cases/escalate.html",
        {
            "case": case,
            "form": form,
            "complaint": complaint_blocks(case, china_today(timezone.now())),
        },
    )
