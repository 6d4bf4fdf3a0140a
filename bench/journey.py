"""`make bench`'s headline: whole journeys of new shoppers, as a browser makes them.

Each shopper opens the start page, starts a case, answers the five steps with the forms as
the pages give them (CSRF token and defaults read from the page), uploads one small
screenshot with 继续, confirms the answers and opens the card with its thumbnail. Redirects
are followed as a browser follows them, so no URL is asked for twice and nearly every page
is a first render (a save changes the case just before). SHOPPERS shoppers at once, JOURNEYS
in all, against the production server (gunicorn with the project's gunicorn.conf.py, DEBUG
off); then the same number of requests to a bare Django page (a template with a CSRF form)
under the same server, in the same run.

The figure that matters is the server's CPU per request, read from /proc for the master and
its workers: wall time on this shared 2-core machine mostly measures the neighbours.
"""

from __future__ import annotations

import io
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.html import form_values  # noqa: E402 (an HTML parser, no Django)

VENV_BIN = Path(sys.executable).parent
JOURNEYS = int(os.environ.get("BENCH_JOURNEYS", "24"))
SHOPPERS = int(os.environ.get("BENCH_SHOPPERS", "4"))
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
THUMBNAIL = re.compile(r'src="(/c/[^"]+/thumbnail/)"')
TARGET_RATIO = 0.3


def screenshot_png() -> bytes:
    """A small phone screenshot: 360 × 640, a few flat areas and lines, ~10 KB."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (360, 640), (245, 245, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 360, 56), fill=(226, 35, 26))
    for row in range(8):
        draw.rectangle((16, 80 + row * 64, 344, 128 + row * 64), outline=(200, 200, 200))
        draw.text((24, 92 + row * 64), f"order 1234567890 item {row}", fill=(30, 30, 30))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@dataclass
class Timings:
    by_kind: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    requests: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.by_kind[kind].append(seconds)
            self.requests += 1


class Browser:
    """One shopper's browser: its cookies, one connection per request (as tests/shopper.py
    does), redirects followed and each request of a redirect chain timed on its own."""

    def __init__(self, base: str, timings: Timings) -> None:
        self.base, self.timings = base, timings
        self.session = requests.Session()
        self.session.headers["Connection"] = "close"
        self.seen: set[str] = set()
        self.page = ""
        self.url = ""

    def _count(self, response: requests.Response, kind: str, method: str) -> None:
        chain = [*response.history, response]
        for number, hop in enumerate(chain):
            request_kind = kind if number == 0 else _kind_of(hop.url)
            key = f"{hop.request.method} {hop.url}"
            if key in self.seen:
                raise RuntimeError(f"asked twice: {key}")
            self.seen.add(key)
            self.timings.add(request_kind, hop.elapsed.total_seconds())
            if hop.status_code >= 400:
                raise RuntimeError(f"{method} {hop.url}: {hop.status_code}")

    def get(self, path: str, kind: str) -> None:
        response = self.session.get(self.base + path, timeout=60)
        self._count(response, kind, "GET")
        self.page, self.url = response.text, response.url

    def submit(
        self,
        action: str,
        kind: str,
        answers: dict[str, str] | None = None,
        files: list[tuple[str, tuple[str, bytes, str]]] | None = None,
    ) -> None:
        """Post the form of the page in hand: its values, the answers typed on top."""
        csrf = CSRF.search(self.page)
        if csrf is None:
            raise RuntimeError(f"no form on {self.url}")
        data = {**form_values(self.page), **(answers or {}), "csrfmiddlewaretoken": csrf[1]}
        response = self.session.post(
            self.base + action,
            data=data,
            files=files,
            headers={"Origin": self.base, "Referer": self.url},
            timeout=60,
        )
        self._count(response, kind, "POST")
        self.page, self.url = response.text, response.url


def _kind_of(url: str) -> str:
    path = url.split("?")[0]
    if path.endswith("/card/"):
        return "card"
    return "step GET"


def journey(base: str, timings: Timings, screenshot: bytes) -> None:
    browser = Browser(base, timings)
    browser.get("/", "start")
    browser.submit("/c/new/", "new case POST")  # → the order step
    case = re.search(r"(/c/[A-Za-z0-9_\-]{32}/)", browser.url)
    if case is None:
        raise RuntimeError(f"no case at {browser.url}")
    path = case[1]
    happened = (date.today() - timedelta(days=8)).isoformat()
    steps: list[tuple[str, dict[str, str]]] = [
        (
            "order",
            {"order_number": "1234567890", "purchase_kind": "self_operated", "item": "洗衣机"},
        ),
        (
            "problem",
            {"problem": "quality_fault", "description": "到货后无法启动", "happened_on": happened},
        ),
        ("tried", {}),
        ("want", {"desired_outcome": "repair", "outcome_detail": "", "deadline_days": "3"}),
    ]
    for slug, answers in steps:
        browser.submit(path + f"{slug}/", "step POST", answers)
    if "/evidence/" not in browser.url:
        raise RuntimeError(f"expected the evidence step, at {browser.url}")
    # The upload form with its 继续 button: upload, then on to "check answers".
    browser.submit(
        path + "evidence/upload/",
        "upload POST",
        {"kind": "order_page", "caption": "", "and_continue": ""},
        files=[("files", ("order.png", screenshot, "image/png"))],
    )
    if "/check/" not in browser.url:
        raise RuntimeError(f"expected the check step, at {browser.url}")
    browser.submit(path + "check/", "step POST")
    if not browser.url.endswith("/card/"):
        raise RuntimeError(f"expected the card, at {browser.url}")
    for thumbnail in THUMBNAIL.findall(browser.page):
        browser.get(thumbnail, "thumbnail")


def bare_requests(base: str, timings: Timings, count: int) -> None:
    session = requests.Session()
    session.headers["Connection"] = "close"
    for _ in range(count):
        response = session.get(base + "/", timeout=60)
        if response.status_code != 200:
            raise RuntimeError(f"bare page: {response.status_code}")
        timings.add("bare page", response.elapsed.total_seconds())


def run_parallel(work, count: int, parallel: int) -> float:
    """`work()` `count` times over `parallel` threads; the wall time."""
    todo = iter(range(count))
    lock = threading.Lock()
    errors: list[BaseException] = []

    def worker() -> None:
        while True:
            with lock:
                if next(todo, None) is None:
                    return
            try:
                work()
            except BaseException as error:  # noqa: BLE001 — reported after the run
                errors.append(error)
                return

    started = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(parallel)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise RuntimeError(f"{len(errors)} failed: {errors[0]}")
    return time.perf_counter() - started


# --- The production server --------------------------------------------------------------


class Gunicorn:
    """gunicorn started as production starts it (gunicorn.conf.py), `app` on `port`."""

    def __init__(self, app: str, port: int, env: dict[str, str], config: str = "") -> None:
        self.port = port
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "--config",
                config or str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                app,
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.base = f"http://127.0.0.1:{port}"

    def wait(self, path: str = "/") -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(self.base + path, timeout=5).status_code < 500:
                    return
            except requests.ConnectionError:
                time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not start on {self.port}")

    def pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        found = [self.process.pid]
        if children.exists():
            found += [int(pid) for pid in children.read_text().split()]
        return found

    def workers(self) -> list[int]:
        return self.pids()[1:]

    def cpu_seconds(self) -> float:
        """User + system CPU of the master and its workers so far."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.pids():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
        return total / ticks

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def measure(env: dict[str, str], port: int) -> dict[str, object]:
    """The journeys against jd400, then the bare page for as many requests."""
    screenshot = screenshot_png()
    jd400 = Gunicorn("jd400site.wsgi:application", port, env)
    bare = Gunicorn("bench.baseline.wsgi:application", port + 1, env)
    try:
        jd400.wait("/hotlines/")
        bare.wait()
        # Warm every worker: imports, templates, translations, connections.
        warm = Timings()
        run_parallel(lambda: journey(jd400.base, warm, screenshot), SHOPPERS * 2, SHOPPERS)
        run_parallel(lambda: bare_requests(bare.base, Timings(), 20), SHOPPERS, SHOPPERS)

        timings = Timings()
        before = jd400.cpu_seconds()
        wall = run_parallel(lambda: journey(jd400.base, timings, screenshot), JOURNEYS, SHOPPERS)
        cpu = jd400.cpu_seconds() - before

        per_journey = timings.requests / JOURNEYS
        bare_timings = Timings()
        count = int(per_journey * JOURNEYS / SHOPPERS) + 1
        bare_before = bare.cpu_seconds()
        run_parallel(lambda: bare_requests(bare.base, bare_timings, count), SHOPPERS, SHOPPERS)
        bare_cpu = bare.cpu_seconds() - bare_before
    finally:
        jd400.stop()
        bare.stop()
    return {
        "timings": timings,
        "bare": bare_timings,
        "cpu": cpu,
        "bare_cpu": bare_cpu,
        "wall": wall,
        "per_journey": per_journey,
    }


def report(result: dict[str, object]) -> bool:
    timings: Timings = result["timings"]  # type: ignore[assignment]
    bare: Timings = result["bare"]  # type: ignore[assignment]
    cpu_per_request = result["cpu"] / timings.requests * 1000  # type: ignore[operator]
    bare_per_request = result["bare_cpu"] / bare.requests * 1000  # type: ignore[operator]
    ratio = bare_per_request / cpu_per_request
    load = os.getloadavg()[0]
    print(
        f"Journeys: {JOURNEYS} new shoppers, {SHOPPERS} at once, "
        f"{result['per_journey']:.0f} requests each (no URL twice), gunicorn with "
        f"gunicorn.conf.py {os.environ.get('BENCH_SERVER_ENV', 'as shipped')}, "
        f"DEBUG off, SQLite; load average {load:.1f}"
    )
    header = f"{'':<28}{'bare page':>12}{'jd400 journey':>16}"
    print(header)
    print("-" * len(header))
    print(f"{'server CPU per request, ms':<28}{bare_per_request:>12.2f}{cpu_per_request:>16.2f}")
    print(
        f"{'server CPU per journey, ms':<28}{'':>12}{result['cpu'] * 1000 / JOURNEYS:>16.1f}"  # type: ignore[operator]
    )
    print(f"{'ratio (bare / jd400)':<28}{1:>12.2f}{ratio:>15.2f}x")
    print(f"{'journeys per second':<28}{'':>12}{JOURNEYS / result['wall']:>16.2f}")  # type: ignore[operator]
    print(f"\n{'page type':<16}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}")
    for kind, values in [*timings.by_kind.items(), *bare.by_kind.items()]:
        print(
            f"{kind:<16}{len(values):>9}{statistics.median(values) * 1000:>9.1f}"
            f"{percentile(values, 0.99) * 1000:>9.1f}"
        )
    met = ratio >= TARGET_RATIO
    print(
        f"(p50/p99: wall time as the client saw it, neighbours' load included)\n"
        f"Journey target: CPU per request >= {TARGET_RATIO}x the bare page's: "
        f"{'met' if met else 'NOT MET'}"
    )
    return met


def main() -> int:
    import shutil
    import tempfile

    from bench.pages import _python, environment

    folder = Path(tempfile.mkdtemp(prefix="jd400-bench-journey-"))
    try:
        env = environment(folder)
        # e.g. BENCH_SERVER_ENV="JD400_THREADS=4 JD400_WORKERS=3": another server set-up.
        env.update(pair.split("=", 1) for pair in os.environ.get("BENCH_SERVER_ENV", "").split())
        (folder / "var").mkdir()
        _python(env, "manage.py", "migrate", "--noinput")
        _python(env, "manage.py", "collectstatic", "--noinput")
        met = report(measure(env, int(os.environ.get("BENCH_PORT", "18100")) + 10))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
