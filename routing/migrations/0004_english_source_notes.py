"""English source notes for the seeded lines (the directory reads them in the English UI)."""

from django.db import migrations

NOTES_EN = {
    "self_operated": "public pages also list it as JD's national customer-service line",
    "third_party": "not confirmed anywhere else",
    "plus": "other public pages name a different PLUS line",
    "general": "public pages say 24 hours; the guide article does not mention it",
}


def add_notes(apps, schema_editor):
    Hotline = apps.get_model("routing", "Hotline")
    for key, note in NOTES_EN.items():
        Hotline.objects.filter(key=key, source_note_en="").update(source_note_en=note)


class Migration(migrations.Migration):
    dependencies = [("routing", "0003_hotline_source_note_en")]
    operations = [migrations.RunPython(add_notes, migrations.RunPython.noop)]
