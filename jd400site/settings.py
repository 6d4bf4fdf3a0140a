"""Settings for jd400: one file, read from the environment with safe development defaults."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


TRUE_SPELLINGS = {"1", "true", "yes", "on"}
FALSE_SPELLINGS = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool = False) -> bool:
    """Unset or empty: the default. A typo refuses to start: read as "off" it would
    silently switch hardening such as DJANGO_SECURE_SSL_REDIRECT off."""
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value in TRUE_SPELLINGS:
        return True
    if value in FALSE_SPELLINGS:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is neither true ({', '.join(sorted(TRUE_SPELLINGS))}) "
        f"nor false ({', '.join(sorted(FALSE_SPELLINGS))})."
    )


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


# Off unless asked for: a server started without configuration shows no tracebacks and,
# without DJANGO_SECRET_KEY, does not start at all. `make run` turns it on explicitly.
DEBUG = env_bool("DJANGO_DEBUG", default=False)

# A management command that serves and signs nothing (makemigrations --check, migrate,
# the daily commands) runs without the secret on a throwaway key; serving (gunicorn through
# wsgi.py, runserver) and `check` (so `check --deploy` still says what is missing) refuse.
_NEEDS_NO_SECRET = Path(sys.argv[0]).name == "manage.py" and sys.argv[1:2] not in (
    [],
    ["runserver"],
    ["check"],
    ["shell"],
)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY and not DEBUG and _NEEDS_NO_SECRET:
    SECRET_KEY = os.urandom(32).hex()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))')."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "routing",
    "cases",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "jd400site.middleware.CompressPagesMiddleware",
    "jd400site.middleware.ContentSecurityPolicyMiddleware",
    "jd400site.middleware.PermissionsPolicyMiddleware",
    "jd400site.middleware.PrivatePagesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cases.middleware.RememberedCasesMiddleware",
    "jd400site.middleware.ShopperLanguageMiddleware",
    "jd400site.middleware.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "jd400site.middleware.DatabaseBusyMiddleware",
]

ROOT_URLCONF = "jd400site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jd400site.context_processors.page_frame",
            ],
            # The site frame's tags (base.html): jd400site is a project package, not an app.
            "libraries": {"site": "jd400site.templatetags.site"},
        },
    },
]

# Our own field template (label, hint, error, counter) for every form field; the common
# widgets drawn in Python with the markup of Django's templates (jd400site/form_renderer.py).
FORM_RENDERER = "jd400site.form_renderer.FormRenderer"

WSGI_APPLICATION = "jd400site.wsgi.application"

# Local state (SQLite file, evidence files) lives in one git-ignored folder.
VAR_DIR = Path(env_str("JD400_VAR_DIR", str(BASE_DIR / "var")))

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'jd400.sqlite3'}"),
        # Each worker keeps its connection between requests (a new one costs ~5 ms on
        # PostgreSQL before the first query), checked before reuse after an idle spell.
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600),
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", default=True),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers (two tabs, two uploads) wait for the lock instead of failing with
    # "database is locked": IMMEDIATE takes the write lock at BEGIN, WAL lets readers go on.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Shoppers are in mainland China: every time is China time, whatever the browser says.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("JD400_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # Evidence is private: kept outside STATIC_ROOT, no MEDIA_URL serves it.
        "OPTIONS": {"location": str(VAR_DIR / "evidence"), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        ),
    },
}

# Several instances keep evidence in one S3-compatible bucket instead of var/evidence
# (`pip install 'jd400[s3]'`). Credentials come the usual boto3 way (AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or an instance role), never from this file.


def s3_evidence_storage(bucket: str) -> dict[str, object]:
    """The bucket as Django's default storage (django-storages), from the environment."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "location": env_str("JD400_S3_PREFIX", "evidence"),
            "endpoint_url": env_str("JD400_S3_ENDPOINT_URL") or None,
            "region_name": env_str("JD400_S3_REGION") or None,
            # "path" for MinIO, moto and other stores on one host name; "auto" lets boto3
            # choose (virtual-hosted on AWS).
            "addressing_style": env_str("JD400_S3_ADDRESSING_STYLE", "auto"),
            "signature_version": "s3v4",
            # No ACL on upload: the bucket stays private (its own policy and Block Public
            # Access decide), and buckets with ACLs disabled refuse any ACL we would send.
            "default_acl": None,
            # Files are only ever streamed by our views after the link check. Should
            # anything still ask for a URL, it gets a signed one valid for a minute, never
            # a public one.
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
        },
    }


S3_BUCKET = env_str("JD400_S3_BUCKET")
if S3_BUCKET:
    STORAGES["default"] = s3_evidence_storage(S3_BUCKET)

# Development serves from the source folders; production from `collectstatic`'s output.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# No view serves this prefix: evidence is only streamed by the case views after the link
# check. (It must still be a string: Django's test live server parses it when it starts.)
MEDIA_URL = "/no-public-media/"

# Django's cache: the rate-limit counts and the daily upload quota (jd400site/limits.py). Every
# process must see the same counts, or `make serve`'s workers each let the limit through
# (5/min on the admin login let 15 of 30 attempts in with per-process memory). Without
# REDIS_URL: files under JD400_VAR_DIR, shared by every process on this machine, with no
# table to create and no write on the database. Several machines share one Redis.
# Sessions (the operators' admin logins) stay in the database, which is shared already: a
# Redis restart logs no one out. Shoppers' browsers keep their list of cases themselves.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
        "KEY_PREFIX": "jd400",
        # Django's default of 300 entries is soon reached by the rate-limit counts (one a
        # client and scope a window), and culling drops a third at random. Every set lists
        # the directory: about 8 ms with 10,000 files here, so not far above this.
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "jd400",
            # A Redis that hangs must not hang every page with it.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }

LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Sessions (database) are the operators' admin logins. A shopper's browser remembers its
# cases in a signed cookie of its own (cases/access.py) with the same age and flags.
SESSION_COOKIE_AGE = 60 * 60 * 24 * 90
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False  # htmx reads no cookie: the token travels in hx-headers

# Production hardening, switchable by environment for a TLS-terminating proxy.
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("DJANGO_CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
if env_bool("DJANGO_SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No page asks for a device feature: every one a browser offers is off for us and for any
# frame (jd400site.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "web-share",
        "xr-spatial-tracking",
    )
)

# The strict policy every page is written for: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'; worker-src 'self'; manifest-src 'self'"
)

# Cases are private and short-lived: purged this many days after their last change.
CASE_RETENTION_DAYS = env_int("JD400_CASE_RETENTION_DAYS", 180)

# Evidence limits: per file, per image, per case.
EVIDENCE_MAX_FILE_BYTES = env_int("JD400_EVIDENCE_MAX_FILE_BYTES", 10 * 1024 * 1024)
EVIDENCE_MAX_PIXELS = env_int("JD400_EVIDENCE_MAX_PIXELS", 40_000_000)
EVIDENCE_MAX_FILES_PER_CASE = env_int("JD400_EVIDENCE_MAX_FILES_PER_CASE", 20)
EVIDENCE_MAX_BYTES_PER_CASE = env_int("JD400_EVIDENCE_MAX_BYTES_PER_CASE", 100 * 1024 * 1024)
# What decoding one image may cost (cases/decode_budget.py): peak memory of the pipeline,
# progressive JPEG scans (cameras write ~10), frames of an animation, and how many images
# one process decodes at once (the others wait this long, then hear "busy, try again").
EVIDENCE_DECODE_MEMORY_BYTES = env_int("JD400_EVIDENCE_DECODE_MEMORY_BYTES", 160 * 1024 * 1024)
EVIDENCE_MAX_JPEG_SCANS = env_int("JD400_EVIDENCE_MAX_JPEG_SCANS", 50)
EVIDENCE_MAX_FRAMES = env_int("JD400_EVIDENCE_MAX_FRAMES", 10)
EVIDENCE_MAX_CONCURRENT_DECODES = env_int("JD400_EVIDENCE_MAX_CONCURRENT_DECODES", 1)
EVIDENCE_DECODE_WAIT_SECONDS = env_int("JD400_EVIDENCE_DECODE_WAIT_SECONDS", 30)
# A stored file may be this many times what was sent, or this floor, whichever is larger.
EVIDENCE_MAX_STORED_GROWTH = env_int("JD400_EVIDENCE_MAX_STORED_GROWTH", 10)
EVIDENCE_STORED_FLOOR_BYTES = env_int("JD400_EVIDENCE_STORED_FLOOR_BYTES", 256 * 1024)
# Stored evidence per client address and day (China time), on top of the per-case caps.
EVIDENCE_MAX_BYTES_PER_CLIENT_PER_DAY = env_int(
    "JD400_EVIDENCE_MAX_BYTES_PER_CLIENT_PER_DAY", 500 * 1024 * 1024
)
# Abuse limits per client address (jd400site/limits.py), as "count/period" with period s,
# m, h or d. Counted in the default cache: shared by every process once it is Redis.
RATE_LIMITS_ENABLED = env_bool("JD400_RATE_LIMITS", default=True)
RATE_LIMITS = {
    "create_case": env_str("JD400_RATE_CREATE_CASE", "10/m"),
    "upload": env_str("JD400_RATE_UPLOAD", "30/m"),
    "save_step": env_str("JD400_RATE_SAVE_STEP", "60/m"),
    "call_log": env_str("JD400_RATE_CALL_LOG", "30/m"),
    "admin_login": env_str("JD400_RATE_ADMIN_LOGIN", "5/m"),
}
# How many reverse proxies in front of the app add to X-Forwarded-For (0: trust none and
# count REMOTE_ADDR). Set it to the real number, or every client looks like the proxy.
TRUSTED_PROXY_COUNT = env_int("JD400_TRUSTED_PROXY_COUNT", 0)
# A database still locked after its own timeout: the shopper sees "try again" in this long.
DATABASE_BUSY_RETRY_SECONDS = env_int("JD400_DATABASE_BUSY_RETRY_SECONDS", 30)
# One request may carry several evidence files; anything declared larger is refused before
# it is read (jd400site.middleware.RequestSizeLimitMiddleware).
MAX_REQUEST_BYTES = env_int("JD400_MAX_REQUEST_BYTES", 60 * 1024 * 1024)
# A bigger upload streams into a file while it is read: the shopper's raw original, EXIF
# and GPS included. It waits in a folder of ours, never the system temp folder, so that
# `sweep_evidence` finds what a killed server process left behind.
FILE_UPLOAD_TEMP_DIR = str(VAR_DIR / "uploads")
# More files than this in one request is refused before they are read, with a page that
# says so (jd400site.errors.bad_request): a case holds no more than that anyway.
DATA_UPLOAD_MAX_NUMBER_FILES = EVIDENCE_MAX_FILES_PER_CASE

# Tokens are redacted on every handler a line can reach: the app's, Django's own
# "Not Found: /c/<token>/…" (django.request) and the dev server's access line
# (django.server, which Django sends to a handler of its own, not to the root logger).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_case_tokens": {"()": "jd400site.log_filters.RedactCaseTokens"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        }
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_case_tokens"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_case_tokens"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", "WARNING")},
    "loggers": {
        # Django's defaults also send these to handlers without the filter: replace them.
        "django": {
            "handlers": ["console"],
            "level": env_str("DJANGO_LOG_LEVEL", "WARNING"),
            "propagate": False,
        },
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
    },
}
