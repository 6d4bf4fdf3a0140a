"""`make serve`: the app as production runs it on this machine (gunicorn, DEBUG off,
compiled static files, migrations, `check --deploy` clean)."""

from __future__ import annotations

import http.client
import os
import re
import signal
import ssl
import stat
import subprocess
import time
from pathlib import Path

import pytest

from tests.servers import ROOT, free_port, stop

# Starts servers or subprocesses: left out of `make test-fast`.
pytestmark = pytest.mark.slow

TOKEN = "XNanuA3kZj3fPdT0nHNbjh3dnKgV49vv"


def https(port: int) -> http.client.HTTPSConnection:
    # The certificate is the self-signed one make serve made for 127.0.0.1.
    return http.client.HTTPSConnection(
        "127.0.0.1", port, timeout=30, context=ssl._create_unverified_context()
    )


def get(port: int, path: str) -> http.client.HTTPResponse:
    connection = https(port)
    connection.request("GET", path)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`make serve` with its state (database, secret, certificate) in a temporary folder."""
    var = tmp_path_factory.mktemp("serve-var")
    port = free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "JD400_", "PYTEST")) and key != "DATABASE_URL"
    }
    env.update(
        JD400_VAR_DIR=str(var),
        JD400_STATIC_ROOT=str(var / "static"),
        JD400_BIND=f"127.0.0.1:{port}",
        JD400_WORKERS="1",
        JD400_THREADS="2",
    )
    output = var / "serve.log"
    with open(output, "wb") as out:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "serve"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            deadline = time.monotonic() + 120
            while True:
                assert process.poll() is None, output.read_text()
                try:
                    get(port, "/")
                    break
                except OSError:
                    assert time.monotonic() < deadline, output.read_text()
                    time.sleep(0.2)
            yield port, var, output
        finally:
            # Ctrl+C as in a terminal: to make and gunicorn (its own process group).
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)
            stop(process, signal.SIGINT, seconds=30)


def test_it_passes_the_deployment_checks_before_serving(served):
    _port, _var, output = served
    log = output.read_text()
    assert "System check identified no issues" in log
    assert log.index("System check identified no issues") < log.index("Listening at: https://")


def test_it_serves_the_start_page_with_production_headers(served):
    port, _var, _output = served
    response = get(port, "/")
    assert response.status == 200
    assert response.getheader("Server") == "gunicorn"
    assert "max-age=31536000" in response.getheader("Strict-Transport-Security")
    cookie = response.getheader("Set-Cookie")
    assert "csrftoken=" in cookie
    assert "Secure" in cookie


def test_it_serves_compiled_static_files(served):
    port, _var, _output = served
    page = get(port, "/").body.decode()
    stylesheet = re.search(r'href="(/static/css/[^"]+\.[0-9a-f]{12}\.css)"', page)
    assert stylesheet, "no hashed stylesheet: collectstatic did not run"
    response = get(port, stylesheet.group(1))
    assert response.status == 200
    assert "immutable" in response.getheader("Cache-Control")


def test_it_runs_with_debug_off(served):
    port, _var, _output = served
    response = get(port, "/no-such-page/")
    assert response.status == 404
    assert b"Traceback" not in response.body
    assert b"URLconf" not in response.body


def test_it_generates_the_secret_once_and_keeps_it_private(served):
    _port, var, _output = served
    secret = var / "secret_key"
    assert len(secret.read_text().strip()) >= 50
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600


def test_it_refuses_a_body_over_the_cap_before_reading_it(served):
    port, _var, _output = served
    connection = https(port)
    connection.putrequest("POST", "/c/new/")
    connection.putheader("Content-Length", str(61 * 1024 * 1024))
    connection.putheader("Content-Type", "application/octet-stream")
    connection.endheaders()  # no body follows: the answer must not wait for one
    response = connection.getresponse()
    assert response.status == 413
    connection.close()


def test_it_keeps_case_links_out_of_the_access_log(served):
    port, _var, output = served
    assert get(port, f"/c/{TOKEN}/card/").status == 404
    time.sleep(0.5)
    log = output.read_text()
    assert "/c/<token>/card/" in log
    assert TOKEN not in log


def test_it_keeps_the_served_files_out_of_the_repository(served):
    _port, var, _output = served
    assert (var / "jd400.sqlite3").exists()
    assert (var / "static" / "staticfiles.json").exists()
    assert Path(var / "tls" / "cert.pem").exists()
