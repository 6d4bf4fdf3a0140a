from pathlib import Path

from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_delete
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "cases"
    verbose_name = _("售后案例")

    def ready(self) -> None:
        from cases.models import Evidence
        from cases.signals import remove_evidence_files

        post_delete.connect(
            remove_evidence_files, sender=Evidence, dispatch_uid="cases.remove_evidence_files"
        )
        # Django streams big uploads into this folder and expects it to exist.
        Path(settings.FILE_UPLOAD_TEMP_DIR).mkdir(parents=True, exist_ok=True)
