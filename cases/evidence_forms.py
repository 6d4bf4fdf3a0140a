"""The evidence step's upload form, and what the step's page shows besides it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cases.evidence import size_text
from cases.evidence_checklist import checklist_for
from cases.forms import ShopperForm
from cases.models import Case, EvidenceKind

CAPTION_MAX = 100


class MultipleImageInput(forms.FileInput):
    allow_multiple_selected = True


class ImageFilesField(forms.FileField):
    """Several files at once. Each file is judged later, one by one, by the pipeline, so
    one bad file among several does not send the good ones back."""

    widget = MultipleImageInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return files


class EvidenceUploadForm(ShopperForm):
    files = ImageFilesField(
        label=_("选择截图或照片"),
        error_messages={"required": _("请选择要上传的截图或照片。")},
        widget=MultipleImageInput(attrs={"multiple": True, "accept": "image/*,.heic,.heif"}),
    )
    kind = forms.ChoiceField(
        label=_("这是什么图片"),
        choices=EvidenceKind.choices,
        initial=EvidenceKind.OTHER,
        error_messages={"invalid_choice": _("请选择图片的类型。")},
    )
    caption = forms.CharField(
        label=_("说明（可选）"),
        help_text=_("例如：外包装右下角破损"),
        max_length=CAPTION_MAX,
        required=False,
        error_messages={"max_length": _("说明最多 %(limit_value)d 字。")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["files"].help_text = _(
            "可以一次选择多张。支持 JPG、PNG、WebP、HEIC 格式，每张最多 %(size)s。"
        ) % {"size": size_text(settings.EVIDENCE_MAX_FILE_BYTES)}

    def clean_caption(self) -> str:
        return " ".join(self.cleaned_data["caption"].split())


def evidence_page(case: Case, upload_form: EvidenceUploadForm | None = None) -> dict[str, Any]:
    """The evidence step's extras: the uploaded files, the checklist, the upload form."""
    items = list(case.evidence.all())
    return {
        "evidence_items": items,
        "checklist": checklist_for(case.problem),
        "upload_form": upload_form or EvidenceUploadForm(),
        "evidence_max_files": settings.EVIDENCE_MAX_FILES_PER_CASE,
        "evidence_full": len(items) >= settings.EVIDENCE_MAX_FILES_PER_CASE,
    }
