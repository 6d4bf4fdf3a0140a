from django.contrib import admin

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
    fieldsets = [
        (None, {"fields": ["key", "name", "name_en", "number", "active", "sort_order"]}),
        ("服务时间 / Hours", {"fields": ["opens_at", "closes_at"]}),
        ("适用问题 / Purpose", {"fields": ["purpose", "purpose_en"]}),
        (
            "来源 / Source",
            {"fields": ["source", "source_note", "source_note_en", "confidence", "last_checked"]},
        ),
    ]
