"""Fixtures only: the cases and answers tests build are in tests/factories.py, the
reading of pages in tests/html.py."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests run on a file of their own, not on the shared-cache memory database:
    there, a thread waiting for the write lock fails at once ("database table is locked")
    instead of waiting as it does on a real file, and the evidence cap race tests that."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "jd400-test.sqlite3")


@pytest.fixture(autouse=True)
def _evidence_in_a_temporary_folder(settings, tmp_path):
    """No test writes evidence into var/evidence, the development server's folder."""
    from tests.evidence_images import use_temporary_storage

    use_temporary_storage(settings, tmp_path)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language (zh-hans), whatever the last
    request activated: LocaleMiddleware leaves its language active in the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)
