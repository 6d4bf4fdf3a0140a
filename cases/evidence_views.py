"""The evidence step's own views: upload, remove, and serve the (private) files."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from cases import wizard
from cases.access import get_case_or_404, remember_case
from cases.addresses import is_returning
from cases.evidence import add_evidence_batch
from cases.forms import ConfirmForm, EvidenceUploadForm
from cases.models import Case, Evidence
from jd400site.limits import (
    UPLOAD,
    add_stored,
    may_save,
    rate_limited,
    stored_today,
    until_tomorrow,
)

STEP = "evidence"
# The name of the upload form's second button, 继续: upload what is chosen, then go on.
CONTINUE = "and_continue"

# Served files are the shopper's private screenshots: never cached, never sniffed into
# HTML, and even if opened as a document they run nothing (sandbox, no sources at all).
PRIVATE_FILE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "same-origin",
}

EXTENSIONS = {"image/jpeg": ".jpg", "image/png": ".png"}


def _render_step(
    request: HttpRequest,
    case: Case,
    upload_form: EvidenceUploadForm,
    refused: list[tuple[str, str]],
) -> HttpResponse:
    """The evidence step again, keeping what the shopper chose and typed."""
    context = wizard.step_context(
        case, STEP, ConfirmForm(), is_returning(request), upload_form, refused
    )
    return render(request, f"cases/steps/{STEP}.html", context)


@require_POST
@rate_limited(UPLOAD)
def upload(request: HttpRequest, token: str) -> HttpResponse:
    case = get_case_or_404(token)
    if not wizard.may_open(case, STEP):
        return redirect(case.step_url(wizard.first_unanswered(case).slug))
    # "继续" belongs to the upload form too (evidence.html): files chosen and then 继续 are
    # uploaded before the step moves on, never silently left behind.
    continuing = CONTINUE in request.POST
    if continuing and not request.FILES:
        return _continue(request, case)
    form = EvidenceUploadForm(request.POST, request.FILES)
    if not may_save(request) or not form.is_valid():
        return _render_step(request, case, form, [])
    if stored_today(request) >= settings.EVIDENCE_MAX_BYTES_PER_CLIENT_PER_DAY:
        # A quota per client address on top of the per-case caps: free cases must not
        # become free disk space. Shown as the rate limits are (429, Retry-After).
        request.try_again = until_tomorrow()
        return _render_step(request, case, form, [])
    result = add_evidence_batch(
        case,
        form.cleaned_data["files"],
        kind=form.cleaned_data["kind"],
        caption=form.cleaned_data["caption"],
    )
    add_stored(request, sum(item.size_bytes for item in result.stored))
    if not result.stored:
        # Nothing was stored, so nothing can be stored twice: show the page again with the
        # kind and caption still filled in.
        return _render_step(request, case, form, result.refused)
    remember_case(request, case)
    count = len(result.stored)
    messages.success(
        request,
        ngettext("已上传 %(count)d 张图片。", "已上传 %(count)d 张图片。", count)
        % {"count": count},
    )
    for name, message in result.refused:
        messages.error(
            request, _("“%(name)s”没有上传：%(message)s") % {"name": name, "message": message}
        )
    if continuing and not result.refused:
        return _continue(request, case)
    # A refused file stops the step here, with the reason, even after 继续.
    return redirect(case.step_url(STEP, is_returning(request)))


def _continue(request: HttpRequest, case: Case) -> HttpResponse:
    """The evidence step answered, as its own 继续 would."""
    wizard.save_step(case, STEP, ConfirmForm({}))
    remember_case(request, case)
    return redirect(wizard.url_after(case, STEP, is_returning(request)))


@require_POST
def delete(request: HttpRequest, token: str, evidence_id: int) -> HttpResponse:
    case = get_case_or_404(token)
    evidence = get_object_or_404(Evidence, pk=evidence_id, case=case)
    evidence.delete()
    case.touch()
    messages.success(
        request,
        _("已删除“%(name)s”。") % {"name": evidence.original_name or _("图片")},
    )
    return redirect(case.step_url(STEP, is_returning(request)))


# A thumbnail never changes: its row is never edited and an id is never reused. The
# browser keeps it, for this user only, instead of fetching it again on every card view.
THUMBNAIL_CACHE = "private, max-age=31536000, immutable"


def _serve(evidence: Evidence, *, thumbnail: bool) -> FileResponse:
    stored = evidence.thumbnail if thumbnail else evidence.image
    content_type = "image/jpeg" if thumbnail else evidence.content_type
    extension = EXTENSIONS.get(content_type, "")
    suffix = "-thumbnail" if thumbnail else ""
    try:
        handle = stored.storage.open(stored.name, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        handle,
        content_type=content_type,
        as_attachment=False,
        filename=f"evidence-{evidence.pk}{suffix}{extension}",
    )
    for header, value in PRIVATE_FILE_HEADERS.items():
        response.headers[header] = value
    if thumbnail:
        response.headers["Cache-Control"] = THUMBNAIL_CACHE
    return response


@require_safe
def image(request: HttpRequest, token: str, evidence_id: int) -> FileResponse:
    case = get_case_or_404(token)
    evidence = get_object_or_404(Evidence, pk=evidence_id, case=case)
    return _serve(evidence, thumbnail=False)


@require_safe
def thumbnail(request: HttpRequest, token: str, evidence_id: int) -> FileResponse:
    case = get_case_or_404(token)
    evidence = get_object_or_404(Evidence, pk=evidence_id, case=case)
    return _serve(evidence, thumbnail=True)
