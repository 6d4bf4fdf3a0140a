"""gunicorn's settings for jd400: `make serve`, the two-instance test, `make soak` and
docs/deploy.md all start gunicorn with this file (`gunicorn --config gunicorn.conf.py`).

The few values an operator changes per machine come from the environment.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

wsgi_app = "jd400site.wsgi:application"

# Behind nginx on the same machine (docs/deploy.md): never listen on a public address.
bind = os.environ.get("JD400_BIND", "127.0.0.1:8000")

# Threads, chosen by measurement (bench/mixed.py, bench/journey.py; figures in
# docs/deploy.md and docs/benchmarks.md). Against 5 sync workers on this 2-core machine,
# 3 processes × 4 threads served the card at 19–54 req/s against 8–19, at a similar CPU
# cost per page (11–15 ms), and kept an upload's median within 1.5× of its time alone
# while readers hammered the card (sync: 2.2–7×): Pillow lets go of the GIL while it
# decodes and encodes, so a page and an upload share a process well. Decoding in a thread
# of lower CPU priority was tried and dropped: under load the uploads starved (11 s, and
# "busy" refusals). gevent/eventlet buy nothing for CPU work and patch the DB driver.
worker_class = "gthread"

# One process per core, plus one: two uploads can re-encode on the two cores at once and a
# third process still answers pages meanwhile.
workers = int(os.environ.get("JD400_WORKERS", (os.cpu_count() or 1) + 1))

# Four threads per process: enough to cover database and S3 waits. Memory: each process
# decodes one image at a time (JD400_EVIDENCE_MAX_CONCURRENT_DECODES, 1), so a worker
# peaks near 250 MB while it decodes a 10 MP photo, whatever arrives at once.
threads = int(os.environ.get("JD400_THREADS", 4))

# A worker that stops answering the arbiter for this long is killed and replaced. The
# slowest legitimate request (a maximal upload re-encoded) takes a few seconds here; 60 s
# leaves room for a slow bucket without letting a stuck worker linger for minutes.
timeout = 60
graceful_timeout = 30
# nginx keeps connections to us open between requests.
keepalive = 5
# Recycle each process now and then: big image decodes leave the heap fragmented.
max_requests = 2000
max_requests_jitter = 200


# Give a big image's memory back to the system when it is freed. glibc serves large
# allocations from mmap until the first one is freed, then raises that threshold (up to
# 32 MB) and keeps later ones in its heap, so a worker that decoded a 10 MP photo stayed at
# ~260 MB after the flood (bench/mixed.py). A fixed threshold (which also turns off the
# raising) hands each decode buffer back on free. Set here, in the master, before the app
# is imported: every forked worker inherits it.
def _return_big_allocations() -> None:
    import ctypes
    import ctypes.util

    M_MMAP_THRESHOLD = -3
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, 256 * 1024)
    except (OSError, AttributeError):
        pass  # not glibc: its allocator decides


_return_big_allocations()

# Import the app once in the master: a missing secret or a broken setting stops the
# start-up instead of every worker failing in turn, and workers share the memory.
preload_app = True

# The request body. gunicorn has no body-size setting of its own: the app refuses any
# request whose declared Content-Length exceeds JD400_MAX_REQUEST_BYTES (60 MB by
# default) before reading a byte of it (jd400site.middleware.RequestSizeLimitMiddleware),
# and Django reads nothing of a body that declares no length. nginx's
# client_max_body_size is set to the same number (docs/deploy.md). Header limits stay
# at gunicorn's defaults (8 KB request line and per header, 100 headers).
limit_request_line = 8190
limit_request_fields = 100

# gunicorn ≥ 24 opens a control socket at one fixed path per user: several instances on
# one machine would share it. Restarts go through systemd and signals instead.
control_socket_disable = True

# X-Forwarded-Proto is believed only from the proxy on this machine.
forwarded_allow_ips = "127.0.0.1,::1"

# Access log on stdout, error log on stderr, both without case tokens: a private link in
# a log line outlives the case it opens (jd400site.log_filters).
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms'
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_case_tokens": {"()": "jd400site.log_filters.RedactCaseTokens"}},
    "formatters": {
        "plain": {"format": "%(asctime)s [%(process)d] %(levelname)s %(message)s"},
        "access": {"format": "%(message)s"},
    },
    "handlers": {
        "error_console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stderr",
            "formatter": "plain",
            "filters": ["redact_case_tokens"],
        },
        "access_console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "access",
            "filters": ["redact_case_tokens"],
        },
    },
    "root": {"level": "WARNING", "handlers": ["error_console"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["error_console"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["access_console"], "propagate": False},
    },
}


# --- A worker's unfinished uploads go with it ---------------------------------------------
# An upload bigger than Django keeps in memory streams into a file: the shopper's raw
# original, EXIF and GPS included. A worker killed mid-upload (kill -9, the OOM killer, the
# timeout above) never closes it. So each worker streams into a folder named after its pid
# (uploads/worker-<pid>/), and the master deletes that folder as soon as it sees the
# worker gone, and at start any folder whose worker no longer runs. The daily
# `sweep_evidence` stays as the last net.


def _uploads() -> Path | None:
    from django.conf import settings

    folder = settings.FILE_UPLOAD_TEMP_DIR  # None for an app that keeps no upload folder
    return Path(folder) if folder else None


def _worker_uploads(pid: int) -> Path | None:
    uploads = _uploads()
    return uploads / f"worker-{pid}" if uploads else None


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def when_ready(server: object) -> None:
    uploads = _uploads()
    for folder in uploads.glob("worker-*") if uploads else []:
        pid = folder.name.removeprefix("worker-")
        if not pid.isdigit() or not _running(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def post_fork(server: object, worker: object) -> None:
    from django.conf import settings

    folder = _worker_uploads(os.getpid())
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    # Read by Django each time an upload starts streaming to disk (TemporaryUploadedFile).
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)


def child_exit(server: object, worker: object) -> None:
    folder = _worker_uploads(worker.pid)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
