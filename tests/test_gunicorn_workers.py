"""jd400 under real gunicorn with several workers (gunicorn.conf.py): the admin login's limit
counts across every worker, and a worker killed mid-upload leaves no shopper's original
behind."""

from __future__ import annotations

import os
import re
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tests.servers import app_environment, gunicorn, prepare_instance

# Starts servers or subprocesses: left out of `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("workers") / "var"


@pytest.fixture(scope="module")
def server(var_dir) -> Iterator[str]:
    env = app_environment(var_dir, f"sqlite:///{var_dir / 'jd400.sqlite3'}")
    var_dir.mkdir(parents=True)
    prepare_instance(env)
    # What a whole server killed earlier (master and all) left: a worker that is gone.
    left = var_dir / "uploads" / "worker-4194303"
    left.mkdir(parents=True)
    (left / "tmp0001.upload.jpg").write_bytes(b"GPS-EXIF-ORIGINAL")
    with gunicorn(env, workers=3, threads=2) as base:
        yield base


def test_it_removes_what_a_server_killed_before_it_started_left(server, var_dir):
    assert not (var_dir / "uploads" / "worker-4194303").exists()


def test_it_lets_at_most_five_admin_logins_a_minute_through_across_workers(server):
    # 30 attempts, each on a new connection: gunicorn hands them to whichever worker is
    # free, so per-process counting would let 5 through per worker.
    answered = []
    for _ in range(30):
        session = requests.Session()
        page = session.get(server + "/admin/login/", timeout=30)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)[1]
        response = session.post(
            server + "/admin/login/",
            {"username": "admin", "password": "guess", "csrfmiddlewaretoken": token},
            headers={"Origin": server, "Referer": server + "/admin/login/", "Connection": "close"},
            timeout=30,
        )
        answered.append(response.status_code)
    assert answered.count(200) <= 5
    assert answered.count(429) >= 25


def _start_upload_and_stall(base: str) -> socket.socket:
    """An upload whose body stops arriving halfway: 3 MB of a 6 MB photo sent, the rest
    never. Django streams it into a file once it passes 2.5 MB."""
    host, port = base.removeprefix("http://").split(":")
    boundary = "jd400boundary"
    head = (
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="files"; filename="IMG_0001.jpg"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode()
    total = len(head) + 6_000_000
    connection = socket.create_connection((host, int(port)))
    connection.sendall(
        (
            "POST /c/new/ HTTP/1.1\r\n"
            f"Host: {host}:{port}\r\n"
            f"Origin: {base}\r\n"
            f"Cookie: csrftoken={'a' * 32}\r\n"
            f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
            f"Content-Length: {total}\r\n\r\n"
        ).encode()
        + head
    )
    connection.sendall(b"GPS-EXIF-ORIGINAL" * (3_000_000 // 17))
    return connection


def _wait_for(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_it_removes_a_killed_workers_unfinished_upload(server, var_dir):
    uploads = var_dir / "uploads"
    connection = _start_upload_and_stall(server)
    try:
        assert _wait_for(lambda: any(p.is_file() for p in uploads.rglob("*")))
        partial = next(p for p in uploads.rglob("*") if p.is_file())
        assert b"GPS-EXIF-ORIGINAL" in partial.read_bytes()[:1000]
        folder = partial.parent
        pid = int(folder.name.removeprefix("worker-"))
        os.kill(pid, signal.SIGKILL)
        # The master sees its worker die and deletes what that worker was writing.
        assert _wait_for(lambda: not folder.exists())
    finally:
        connection.close()
    # The new worker answers, with a folder of its own.
    assert requests.get(server + "/", timeout=30).status_code == 200
    assert not partial.exists()
