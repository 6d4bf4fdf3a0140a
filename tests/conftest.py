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


@pytest.fixture(scope="session")
def s3_endpoint():
    """moto's standalone S3 server on 127.0.0.1, shared by the tests that need a bucket."""
    from tests.servers import s3_server

    with s3_server() as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """Debian's redis-server on 127.0.0.1, shared by the tests that need one."""
    from tests.servers import redis_server

    with redis_server(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture
def s3_bucket(settings, s3_endpoint, monkeypatch) -> str:
    """Evidence goes to a fresh bucket on the S3 server, configured as the README says."""
    import uuid

    from jd400site.settings import s3_evidence_storage
    from tests.servers import create_bucket, s3_environment

    bucket = f"jd400-{uuid.uuid4().hex[:12]}"
    create_bucket(s3_endpoint, bucket)
    for key, value in s3_environment(s3_endpoint, bucket).items():
        monkeypatch.setenv(key, value)
    settings.STORAGES = {**settings.STORAGES, "default": s3_evidence_storage(bucket)}
    return bucket


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counts live in the cache: each test starts with none spent."""
    from django.core.cache import cache

    cache.clear()
