"""`make bench`'s second table: one URL asked for again and again, every page type against
a bare Django page, served side by side.

This is NOT what a shopper costs (bench/journey.py is): wrk asks for the same URL thousands
of times, which no shopper does. Nothing is kept between requests any more, so each of
these is a full render too, but of a case that stays the same (5 photos, calls, a returning
browser), with the server's caches (compiled templates, translations, connections) warm.
Useful to compare page types with each other, and to count queries and bytes.

Both run under gunicorn with the same settings (bench/gunicorn_bench.py: 2 sync workers,
DEBUG off) on 127.0.0.1. wrk loads one at a time, alternating: baseline, page, baseline,
page…, for ROUNDS rounds; each page's ratio is its req/s over the baseline run right before
it, and the table shows the medians. Not a timed test: it prints figures for a human.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV_BIN = Path(sys.executable).parent
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "3"))
CONNECTIONS = 16
FIRST_PORT = int(os.environ.get("BENCH_PORT", "18100"))
CARD_P99_MS = 25
CARD_FIRST_LOAD_KB = 60
BROWSER_ENCODINGS = "gzip, deflate, br"


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    target: float  # share of the baseline's req/s
    p99_ms: float | None = None


def pages(token: str) -> list[Page]:
    steps = [
        Page(f"step GET {slug}", f"/c/{token}/{slug}/", 0.35)
        for slug in ("order", "problem", "tried", "want", "evidence", "check")
    ]
    return [
        Page("card (5 photos)", f"/c/{token}/card/", 0.35, CARD_P99_MS),
        *steps,
        Page("start, returning", "/", 0.5),
        Page("/hotlines/", "/hotlines/", 0.5),
    ]


def environment(folder: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "JD400_", "DATABASE_"))
    }
    env.update(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SESSION_COOKIE_SECURE": "false",
            "DJANGO_CSRF_COOKIE_SECURE": "false",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "JD400_VAR_DIR": str(folder / "var"),
            # Every simulated shopper comes from 127.0.0.1: one client to the rate limits.
            "JD400_RATE_LIMITS": "false",
            "DATABASE_URL": os.environ.get(
                "BENCH_DATABASE_URL", f"sqlite:///{folder / 'var' / 'bench.sqlite3'}"
            ),
            "BENCH_BASELINE_DB": str(folder / "baseline.sqlite3"),
            "PYTHONPATH": str(ROOT),
        }
    )
    return env


def _python(env: dict[str, str], *args: str) -> str:
    return subprocess.run(
        [sys.executable, *args], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def _child_json(env: dict[str, str], command: str, *args: str) -> dict[str, Any]:
    out = _python(env, str(Path(__file__)), command, *args)
    return json.loads(out.strip().splitlines()[-1])


# --- Inside Django (children) ----------------------------------------------------------


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jd400site.settings")
    import django

    django.setup()


def child_seed() -> dict[str, Any]:
    _django()
    from bench.seed import seed

    return seed()


def child_queries(seeded: dict[str, Any]) -> dict[str, Any]:
    """SQL queries per page as a returning shopper's browser sends them, and per save."""
    _django()
    import io

    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from PIL import Image

    client = Client()
    client.cookies[seeded["cookie_name"]] = seeded["remembered"]
    client.cookies["csrftoken"] = seeded["csrf"]

    def count(method: str, path: str, data: dict[str, Any] | None = None) -> int:
        with CaptureQueriesContext(connection) as queries:
            response = getattr(client, method)(path, data or {})
        assert response.status_code in (200, 302), (path, response.status_code)
        return len(queries)

    result: dict[str, Any] = {}
    for page in pages(seeded["token"]):
        # The worse of a first and a second view: whatever is cached must not hide a query.
        result[page.name] = max(count("get", page.path), count("get", page.path))
    # The shopper's current case (first in the browser's list), saved with the answer it has.
    result["step save (want)"] = count(
        "post",
        f"/c/{seeded['token']}/want/",
        {"desired_outcome": "repair", "outcome_detail": "", "deadline_days": ""},
    )
    other = seeded["other_token"]

    def png(number: int) -> io.BytesIO:
        buffer = io.BytesIO()
        Image.new("RGB", (64, 48), (number * 40, 90, 200)).save(buffer, "PNG")
        buffer.seek(0)
        buffer.name = f"shot-{number}.png"
        return buffer

    upload = f"/c/{other}/evidence/upload/"
    one = count("post", upload, {"files": [png(1)], "kind": "chat_record", "caption": ""})
    three = count(
        "post", upload, {"files": [png(2), png(3), png(4)], "kind": "chat_record", "caption": ""}
    )
    result["upload, 1 file"] = one
    result["upload, 3 files"] = three
    result["upload per extra file"] = (three - one) / 2
    return result


# --- Servers and load -------------------------------------------------------------------


class Server:
    def __init__(self, name: str, app: str, port: int, env: dict[str, str]) -> None:
        self.name, self.port = name, port
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "-c",
                str(BENCH / "gunicorn_bench.py"),
                "--bind",
                f"127.0.0.1:{port}",
                app,
            ],
            env=env,
            cwd=ROOT,
        )

    def wait(self, path: str = "/") -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                status, _headers, _body = fetch(self.port, path)
                if status < 500:
                    return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(f"{self.name} did not start on port {self.port}")

    def cpu_seconds(self) -> float:
        """CPU used so far by the master and its workers (user + system)."""
        ticks = os.sysconf("SC_CLK_TCK")
        pids = [self.process.pid]
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        if children.exists():
            pids += [int(pid) for pid in children.read_text().split()]
        total = 0
        for pid in pids:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def fetch(
    port: int, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        body = response.read()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, body
    finally:
        connection.close()


def wrk(server: Server, path: str, cookie: str, seconds: int) -> dict[str, float]:
    before = server.cpu_seconds()
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "5s",
            "-s",
            str(BENCH / "report.lua"),
            "-H",
            f"Cookie: {cookie}",
            f"http://127.0.0.1:{server.port}{path}",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    cpu = server.cpu_seconds() - before
    summary = json.loads(out.strip().splitlines()[-1])
    if summary["non_2xx"] or summary["socket_errors"]:
        raise RuntimeError(f"{server.name} {path}: errors under load: {summary}")
    requests = summary["requests"]
    return {
        "rps": requests / (summary["duration_us"] / 1e6),
        "p50_ms": summary["p50_us"] / 1000,
        "p99_ms": summary["p99_us"] / 1000,
        "cpu_ms": cpu * 1000 / requests if requests else float("nan"),
        "bytes": summary["bytes"] / requests if requests else 0,
    }


def card_first_load(port: int, path: str, cookie: str) -> dict[str, Any]:
    """Bytes a browser receives on a first visit to the card: the page, every stylesheet,
    script, icon and image it links (all thumbnails, lazy or not), as served with the
    encodings a browser accepts. Headers count too."""
    headers = {"Accept-Encoding": BROWSER_ENCODINGS, "Cookie": cookie}
    status, response_headers, body = fetch(port, path, headers)
    assert status == 200, status
    html = body
    if response_headers.get("content-encoding") == "gzip":
        import gzip

        html = gzip.decompress(body)
    elif response_headers.get("content-encoding") == "br":
        import brotli

        html = brotli.decompress(body)
    text = html.decode()
    links = re.findall(r'<(?:link|script|img)\b[^>]*?(?:href|src)="([^"]+)"', text)
    parts: dict[str, int] = {"page": len(body) + _header_bytes(response_headers)}
    for link in dict.fromkeys(links):
        if not link.startswith("/"):
            continue
        status, response_headers, body = fetch(port, link, headers)
        assert status == 200, (link, status)
        kind = "thumbnails" if "/thumbnail/" in link else "css/js/icon"
        parts[kind] = parts.get(kind, 0) + len(body) + _header_bytes(response_headers)
        parts[f"{kind} files"] = parts.get(f"{kind} files", 0) + 1
    parts["total"] = sum(v for k, v in parts.items() if not k.endswith("files"))
    return parts


def _header_bytes(headers: dict[str, str]) -> int:
    return len("HTTP/1.1 200 OK\r\n\r\n") + sum(len(k) + len(v) + 4 for k, v in headers.items())


# --- The run ------------------------------------------------------------------------------


def main() -> int:
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 2
    folder = Path(tempfile.mkdtemp(prefix="jd400-bench-pages-"))
    env = environment(folder)
    servers: list[Server] = []
    try:
        (folder / "var").mkdir()
        started = time.monotonic()
        _python(env, "manage.py", "migrate", "--noinput")
        _python(env, "manage.py", "collectstatic", "--noinput")
        seeded = _child_json(env, "seed")
        queries = _child_json(env, "queries", json.dumps(seeded))
        print(
            f"Seeded {seeded['cases']} cases, {seeded['contacts']} contacts, "
            f"{seeded['calls']} calls, {seeded['evidence']} evidence rows "
            f"(the measured card: 5 phone photos, 12 MP) in {time.monotonic() - started:.0f} s."
        )
        baseline = Server("baseline", "bench.baseline.wsgi:application", FIRST_PORT, env)
        jd400 = Server("jd400", "jd400site.wsgi:application", FIRST_PORT + 1, env)
        servers = [baseline, jd400]
        baseline.wait()
        jd400.wait("/hotlines/")
        base_cookie = f"csrftoken={seeded['csrf']}"
        cookie = f"{seeded['cookie_name']}={seeded['remembered']}; csrftoken={seeded['csrf']}"
        measured = pages(seeded["token"])
        for page in measured:  # warm both: templates, translations, first connections
            wrk(jd400, page.path, cookie, 1)
        wrk(baseline, "/", base_cookie, 1)

        runs: dict[str, list[dict[str, float]]] = {page.name: [] for page in measured}
        base_runs: list[dict[str, float]] = []
        for _round in range(ROUNDS):
            for page in measured:
                base = wrk(baseline, "/", base_cookie, SECONDS)
                run = wrk(jd400, page.path, cookie, SECONDS)
                run["ratio"] = run["rps"] / base["rps"]
                base_runs.append(base)
                runs[page.name].append(run)
        first_load = card_first_load(jd400.port, measured[0].path, cookie)
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)

    print("\nSecond table — the same URL served again and again (wrk), not a shopper's journey:")
    print(
        f"Pages: gunicorn {CONNECTIONS} connections (wrk -t2 -c{CONNECTIONS} -d{SECONDS}s), "
        f"{ROUNDS} rounds, medians; baseline = bare Django page with a CSRF form, "
        "run right before each page."
    )
    header = (
        f"{'page':<20}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'CPU ms/req':>11}"
        f"{'KB/resp':>8}{'queries':>8}{'ratio':>7}{'target':>14}  met"
    )
    print(header)
    print("-" * len(header))
    ok = True
    med = {k: statistics.median(r[k] for r in base_runs) for k in base_runs[0]}
    print(
        f"{'baseline':<20}{med['rps']:>8.0f}{med['p50_ms']:>8.1f}{med['p99_ms']:>8.1f}"
        f"{med['cpu_ms']:>11.2f}{med['bytes'] / 1024:>8.1f}{0:>8}{1:>7.2f}{'':>14}"
    )
    for page in measured:
        med = {k: statistics.median(r[k] for r in runs[page.name]) for k in runs[page.name][0]}
        # The ratio and p99 are for reading only: the journey's CPU is the target now.
        target = f">= {page.target:.2f}x"
        met = med["ratio"] >= page.target
        if page.p99_ms is not None:
            target += f", p99<{page.p99_ms:.0f}"
            met = met and med["p99_ms"] < page.p99_ms
        ok &= queries[page.name] <= 6
        print(
            f"{page.name:<20}{med['rps']:>8.0f}{med['p50_ms']:>8.1f}{med['p99_ms']:>8.1f}"
            f"{med['cpu_ms']:>11.2f}{med['bytes'] / 1024:>8.1f}{queries[page.name]:>8}"
            f"{med['ratio']:>7.2f}{target:>14}  {'yes' if met else 'NO'}"
        )
    print(
        "(queries: the worse of a first and a second view; target <= 6 on every page. "
        "ratio/p99: for reading, no longer a target)"
    )

    save_ok = queries["step save (want)"] <= 6
    upload_ok = queries["upload per extra file"] <= 3
    ok &= save_ok and upload_ok
    print(
        f"\nQueries: step save {queries['step save (want)']} (target <= 6: "
        f"{'yes' if save_ok else 'NO'}); upload of 1 file {queries['upload, 1 file']}, "
        f"of 3 files {queries['upload, 3 files']}: {queries['upload per extra file']:.1f} per "
        f"file (target <= 3 per file plus a constant: {'yes' if upload_ok else 'NO'})"
    )
    load_ok = first_load["total"] <= CARD_FIRST_LOAD_KB * 1024
    ok &= load_ok
    print(
        f"Card first load ({BROWSER_ENCODINGS}): page {first_load['page'] / 1024:.1f} KB, "
        f"{first_load.get('css/js/icon files', 0)} css/js/icon "
        f"{first_load.get('css/js/icon', 0) / 1024:.1f} KB, "
        f"{first_load.get('thumbnails files', 0)} thumbnails "
        f"{first_load.get('thumbnails', 0) / 1024:.1f} KB; total "
        f"{first_load['total'] / 1024:.1f} KB (target <= {CARD_FIRST_LOAD_KB} KB: "
        f"{'yes' if load_ok else 'NO'})"
    )
    print(f"\nPage targets: {'all met' if ok else 'NOT MET'}")
    return 0 if ok else 1


if __name__ == "__main__":
    command = sys.argv[1:]
    if not command:
        sys.exit(main())
    elif command[0] == "seed":
        print(json.dumps(child_seed()))
    elif command[0] == "queries":
        print(json.dumps(child_queries(json.loads(command[1]))))
    else:
        sys.exit(f"unknown command {command[0]!r}")
