from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

BASE_DIR = Path(__file__).resolve().parent.parent
PAGES = ["/", "/hotlines/"]

IMPORT_SETTINGS = "import django; from django.conf import settings; django.setup(); print('ok')"


def csp(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, _space, value = part.strip().partition(" ")
        if name:
            directives[name] = value.strip()
    return directives


def import_settings(code: str = IMPORT_SETTINGS, **env: str) -> subprocess.CompletedProcess:
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key != "DATABASE_URL"
    }
    environ.update(DJANGO_SETTINGS_MODULE="jd400site.settings", **env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_it_sends_a_content_security_policy(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert csp(response)["script-src"] == "'self'"
    assert csp(response)["default-src"] == "'self'"


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_it_forbids_inline_script_and_style(client, path):
    header = client.get(path).headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in header
    assert "'unsafe-eval'" not in header
    assert csp(client.get(path))["style-src"] == "'self'"


@pytest.mark.django_db
def test_it_sends_the_policy_on_a_404_page(client):
    response = client.get("/c/no-such-case/")
    assert response.status_code == 404
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]
    assert csp(response)["script-src"] == "'self'"


@pytest.mark.django_db
def test_it_forbids_framing(client):
    response = client.get("/")
    assert csp(response)["frame-ancestors"] == "'none'"
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_it_sends_nosniff(client, path):
    assert client.get(path).headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_it_sends_a_same_origin_referrer_policy(client):
    assert client.get("/").headers["Referrer-Policy"] == "same-origin"


def test_it_keeps_china_time():
    assert settings.TIME_ZONE == "Asia/Shanghai"
    assert settings.USE_TZ is True


def test_it_speaks_chinese_first():
    assert settings.LANGUAGE_CODE == "zh-hans"
    assert [code for code, _name in settings.LANGUAGES] == ["zh-hans", "en"]


@pytest.mark.slow
def test_it_refuses_to_start_in_production_without_a_secret_key():
    result = import_settings(DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


@pytest.mark.slow
def test_it_starts_in_production_with_a_secret_key():
    result = import_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def manage(*args: str) -> subprocess.CompletedProcess:
    """manage.py as an operator or a pre-commit check runs it: no DJANGO_ variables."""
    environ = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.slow
def test_it_checks_for_missing_migrations_without_a_secret_key():
    result = manage("makemigrations", "--check", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "No changes detected" in result.stdout


@pytest.mark.slow
def test_it_still_refuses_to_check_without_a_secret_key():
    result = manage("check", "--deploy")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


@pytest.mark.slow
def test_it_still_refuses_to_run_the_server_without_a_secret_key():
    # The settings as `manage.py runserver` loads them (without starting a server).
    code = "import sys; sys.argv = ['manage.py', 'runserver']; " + IMPORT_SETTINGS
    result = import_settings(code, DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


@pytest.mark.slow
def test_it_starts_in_development_without_a_secret_key():
    result = import_settings(DJANGO_DEBUG="true")
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_it_keeps_database_connections_with_health_checks_by_default():
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "db = settings.DATABASES['default']; print(db['CONN_MAX_AGE'], db['CONN_HEALTH_CHECKS'])"
    )
    assert import_settings(code, DJANGO_DEBUG="true").stdout.split() == ["600", "True"]
    off = import_settings(
        code,
        DJANGO_DEBUG="true",
        DATABASE_CONN_MAX_AGE="0",
        DATABASE_CONN_HEALTH_CHECKS="false",
    )
    assert off.stdout.split() == ["0", "False"]


@pytest.mark.slow
def test_it_keeps_debug_off_unless_the_environment_turns_it_on():
    result = import_settings(
        "import django; from django.conf import settings; print(settings.DEBUG)",
        DJANGO_SECRET_KEY="x" * 50,
    )
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.slow
def test_it_refuses_to_start_unconfigured_rather_than_in_debug():
    result = import_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


@pytest.mark.slow
def test_it_turns_debug_on_explicitly_in_make_run():
    dry_run = subprocess.run(
        ["make", "-n", "run"], cwd=BASE_DIR, capture_output=True, text=True, timeout=60
    )
    server = [line for line in dry_run.stdout.splitlines() if "runserver" in line]
    assert server, dry_run.stdout
    assert "DJANGO_DEBUG=true" in server[0]


@pytest.mark.slow
def test_it_refuses_to_start_on_a_misspelt_switch():
    result = import_settings(DJANGO_DEBUG="true", DJANGO_SECURE_SSL_REDIRECT="ture")
    assert result.returncode != 0
    assert "DJANGO_SECURE_SSL_REDIRECT='ture' is neither true" in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize(
    ("spelling", "value"),
    [
        ("1", "True"),
        ("Yes", "True"),
        (" on ", "True"),
        ("0", "False"),
        ("OFF", "False"),
        ("", "True"),
    ],
)
def test_it_reads_the_spellings_of_a_switch(spelling, value):
    """Production (DEBUG off) redirects to HTTPS unless told not to; empty is the default."""
    code = "from jd400site import settings; print(settings.SECURE_SSL_REDIRECT)"
    result = import_settings(
        code, DJANGO_DEBUG="no", DJANGO_SECRET_KEY="x" * 50, DJANGO_SECURE_SSL_REDIRECT=spelling
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == value


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_it_renders_only_external_scripts(client, path):
    html = client.get(path).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html, re.I)
    assert scripts
    assert [tag for tag in scripts if " src=" not in tag] == []
