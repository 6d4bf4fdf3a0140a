from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.http import HttpRequest
from django.utils import timezone
from django.utils.html import format_html_join

from routing.choices import GoodsKind, Outcome, ProblemCategory, PurchaseKind
from routing.hours import china_today
from routing.models import Hotline, HotlineReports, LegalWindow, Pushback, ReportExclusion
from routing.platform_rules import PlatformRule
from routing.report_models import figures_by_line
from routing.reports import LineFigures


@admin.register(Hotline)
class HotlineAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "number",
        "opens_at",
        "closes_at",
        "confidence",
        "source",
        "last_checked",
        "active",
    ]
    list_filter = ["active", "confidence", "source"]
    search_fields = ["key", "name", "name_en", "number", "purpose"]
    list_editable = ["active"]
    ordering = ["sort_order", "key"]

    def get_readonly_fields(self, request: HttpRequest, obj: Hotline | None = None) -> list[str]:
        # The rules find lines by key: renaming one would silently reroute every card.
        return ["key"] if obj is not None else []

    fieldsets = [
        (None, {"fields": ["key", "name", "name_en", "number", "active", "sort_order"]}),
        ("服务时间 / Hours", {"fields": ["opens_at", "closes_at"]}),
        ("适用问题 / Purpose", {"fields": ["purpose", "purpose_en"]}),
        (
            "来源 / Source",
            {"fields": ["source", "source_note", "source_note_en", "confidence", "last_checked"]},
        ),
    ]


class ChoiceListField(forms.MultipleChoiceField):
    """A comma-separated column shown as checkboxes: operators tick, never type codes."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value: object) -> object:
        if isinstance(value, str):
            return [part for part in value.split(",") if part]
        return value

    def clean(self, value: object) -> str:
        return ",".join(super().clean(value))


class LegalWindowForm(forms.ModelForm):
    outcomes = ChoiceListField(label="可以要求的结果 / Outcomes", choices=Outcome.choices)
    goods = ChoiceListField(
        label="只适用于这些商品 / Only for", choices=GoodsKind.choices, required=False
    )
    excluded_goods = ChoiceListField(
        label="不适用的商品 / Excluded", choices=GoodsKind.choices, required=False
    )

    class Meta:
        model = LegalWindow
        fields = "__all__"


@admin.register(LegalWindow)
class LegalWindowAdmin(admin.ModelAdmin):
    form = LegalWindowForm
    list_display = ["name", "rule", "days", "outcomes", "source", "confidence", "last_checked"]
    list_filter = ["rule", "confidence", "active"]
    search_fields = ["key", "name", "name_en", "source"]
    ordering = ["sort_order", "key"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: LegalWindow | None = None
    ) -> list[str]:
        # routing.rights decides by `rule` which problems a window is about.
        return ["key", "rule"] if obj is not None else []

    fieldsets = [
        (None, {"fields": ["key", "rule", "name", "name_en", "basis", "active", "sort_order"]}),
        (
            "期限与结果 / Window",
            {
                "fields": [
                    "days",
                    "outcomes",
                    "goods",
                    "excluded_goods",
                    "needs_evidence",
                    "min_repairs",
                ]
            },
        ),
        (
            "条件 / Conditions",
            {"fields": ["condition", "condition_en", "conditions", "conditions_en"]},
        ),
        (
            "来源 / Source",
            {
                "fields": [
                    "source",
                    "source_en",
                    "quote",
                    "quote_from",
                    "confidence",
                    "last_checked",
                ]
            },
        ),
    ]


class PushbackForm(forms.ModelForm):
    # The windows' keys, read when the form is built (an operator may have added one).
    windows = ChoiceListField(label="适用于这些期限 / For these windows")

    class Meta:
        model = Pushback
        fields = "__all__"

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["windows"].choices = [
            (w.key, f"{w.name} ({w.key})") for w in LegalWindow.objects.all()
        ]


@admin.register(Pushback)
class PushbackAdmin(admin.ModelAdmin):
    form = PushbackForm
    list_display = ["objection", "windows", "needs", "source", "last_checked", "active"]
    list_filter = ["needs", "active"]
    search_fields = ["key", "objection", "reply", "source"]
    ordering = ["sort_order", "key"]

    def get_readonly_fields(self, request: HttpRequest, obj: Pushback | None = None) -> list[str]:
        return ["key"] if obj is not None else []


# ----- The directory learns (issue 22): what shoppers' call reports say, per line -----


class _LinesWithFigures(ChangeList):
    """The list's lines, each given its figures from one read of every line's counts."""

    def get_results(self, request: HttpRequest) -> None:
        super().get_results(request)
        figures = figures_by_line(china_today(timezone.now()))
        by_key = {line.key: line for line in Hotline.objects.all()}
        for line in self.result_list:
            line.line_figures = figures.get(line.pk)
            if line.line_figures is not None:
                line.line_figures.lines_by_key = by_key


@admin.register(HotlineReports)
class HotlineReportsAdmin(admin.ModelAdmin):
    """Per line over the last 90 days, without the excluded periods: how many reports,
    how many were sent elsewhere and where; a line mostly redirecting is flagged."""

    list_display = ["name", "number", "reports", "reached", "sent_elsewhere", "sent_to", "review"]
    ordering = ["sort_order", "key"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def get_changelist(self, request: HttpRequest, **kwargs: object) -> type[ChangeList]:
        return _LinesWithFigures

    def _figures(self, obj: HotlineReports) -> LineFigures:
        return getattr(obj, "line_figures", None) or LineFigures(obj.pk)

    @admin.display(description="报告数 / Reports")
    def reports(self, obj: HotlineReports) -> int:
        return self._figures(obj).total.reports

    @admin.display(description="接通人工 / Reached a person")
    def reached(self, obj: HotlineReports) -> str:
        percent = self._figures(obj).total.reached_percent
        return "—" if percent is None else f"{percent}%"

    @admin.display(description="被转接 / Sent elsewhere")
    def sent_elsewhere(self, obj: HotlineReports) -> str:
        figures = self._figures(obj).total
        return "—" if not figures.reports else f"{figures.sent_percent}% ({figures.sent})"

    @admin.display(description="转到哪里 / Sent to")
    def sent_to(self, obj: HotlineReports) -> str:
        return format_html_join(", ", "{} ({})", self._figures(obj).sent_elsewhere) or "—"

    @admin.display(description="需要核查 / Review", boolean=True)
    def review(self, obj: HotlineReports) -> bool:
        # Most shoppers sent elsewhere: the line's purpose or number may be out of date.
        return self._figures(obj).total.mostly_redirected


@admin.register(ReportExclusion)
class ReportExclusionAdmin(admin.ModelAdmin):
    """Take a period out of the figures (e.g. a flood of nonsense reports); cases and
    their calls are not touched, and removing the exclusion brings the counts back."""

    list_display = ["starts_on", "ends_on", "hotline", "reason"]
    list_filter = ["hotline"]


class PlatformRuleForm(forms.ModelForm):
    problems = ChoiceListField(
        label="适用的问题 / Problems", choices=ProblemCategory.choices, required=False
    )
    goods = ChoiceListField(label="适用的商品 / Goods", choices=GoodsKind.choices, required=False)
    purchase_kinds = ChoiceListField(
        label="适用的购买类型 / Purchase kinds", choices=PurchaseKind.choices, required=False
    )
    # An address typed without a scheme is JD's site over https (Django 6's default too).
    source_url = forms.URLField(
        label="来源网址 / Source URL", required=False, assume_scheme="https"
    )

    class Meta:
        model = PlatformRule
        fields = "__all__"


@admin.register(PlatformRule)
class PlatformRuleAdmin(admin.ModelAdmin):
    """JD's own rules (not law): each with the text JD published, its source and the day
    an operator last checked it."""

    form = PlatformRuleForm
    list_display = ["name", "days", "hours", "problems", "source_name", "last_checked", "active"]
    list_filter = ["active"]
    search_fields = ["key", "name", "name_en", "text", "source_name"]
    ordering = ["sort_order", "key"]
    fieldsets = [
        (None, {"fields": ["key", "name", "name_en", "active", "sort_order"]}),
        (
            "适用范围与期限 / Applies to, period",
            {"fields": ["problems", "goods", "purchase_kinds", "days", "hours", "counted_from"]},
        ),
        ("京东规则原文 / JD's text", {"fields": ["text", "text_en"]}),
        ("来源 / Source", {"fields": ["source_name", "source_url", "last_checked"]}),
    ]
