from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from routing.models import Hotline


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
