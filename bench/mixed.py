"""Mixed load: shoppers reading their card while two others upload 12 MP phone photos.

For each server configuration (worker class, processes, threads): two uploaders alone
(each posts photos one after another), then card readers alone (wrk, 8 connections), then
both at once. Prints the card's p50/p99 alone and during uploads, and an upload's median
alone and during the readers. The project's gunicorn.conf.py is the base; each row
overrides only what it names on gunicorn's command line. Then the memory of a flood: 12
images at the size limit, of every accepted format, sent at once; each worker's peak RSS
during it and its RSS a few seconds after.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.journey import Browser, Gunicorn, Timings, screenshot_png  # noqa: E402
from bench.pages import _python, environment  # noqa: E402

SECONDS = int(os.environ.get("BENCH_MIXED_SECONDS", "12"))
READERS = 8
CARD_P99_MS = 50
UPLOAD_SLOWDOWN = 1.5

# The first row is gunicorn.conf.py as shipped; the others override it on the command line
# and in the environment.
CONFIGS = [
    ("shipped: gthread 3x4", [], {}),
    (
        "gthread 3x4, 2 decodes/proc",
        [],
        {"JD400_EVIDENCE_MAX_CONCURRENT_DECODES": "2"},
    ),
    ("gthread 5x2", ["-w", "5", "--threads", "2"], {}),
    ("sync 5", ["--worker-class", "sync", "-w", "5", "--threads", "1"], {}),
]


class Server(Gunicorn):
    def __init__(self, port: int, env: dict[str, str], extra: list[str]) -> None:
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "gunicorn"),
                "--config",
                str(ROOT / "gunicorn.conf.py"),
                "--bind",
                f"127.0.0.1:{port}",
                *extra,
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


def case_at_evidence(base: str) -> Browser:
    """A new shopper's case answered up to the evidence step; the browser holds its page."""
    browser = Browser(base, Timings())
    browser.get("/", "start")
    browser.submit("/c/new/", "new")
    path = re.search(r"(/c/[A-Za-z0-9_\-]{32}/)", browser.url)[1]
    answers = [
        (
            "order",
            {"order_number": "1234567890", "purchase_kind": "self_operated", "item": "洗衣机"},
        ),
        (
            "problem",
            {"problem": "quality_fault", "description": "坏了", "happened_on": "2026-11-20"},
        ),
        ("tried", {}),
        ("want", {"desired_outcome": "repair", "outcome_detail": "", "deadline_days": "3"}),
    ]
    for slug, data in answers:
        browser.submit(path + f"{slug}/", "step", data)
    browser.case = path  # type: ignore[attr-defined]
    return browser


def a_card(base: str) -> str:
    browser = case_at_evidence(base)
    path = browser.case  # type: ignore[attr-defined]
    browser.submit(
        path + "evidence/upload/",
        "upload",
        {"kind": "order_page", "caption": "", "and_continue": ""},
        files=[("files", ("order.png", screenshot_png(), "image/png"))],
    )
    browser.submit(path + "check/", "check")
    return path + "card/"


def uploader(base: str, photo: bytes, until: float, seconds: list[float]) -> None:
    browser = case_at_evidence(base)
    path = browser.case  # type: ignore[attr-defined]
    session = browser.session
    while time.monotonic() < until:
        page = session.get(base + path + "evidence/", timeout=120).text
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        started = time.perf_counter()
        response = session.post(
            base + path + "evidence/upload/",
            data={"kind": "problem_photo", "caption": "", "csrfmiddlewaretoken": token},
            files=[("files", ("IMG_0001.jpg", photo, "image/jpeg"))],
            headers={"Origin": base, "Referer": base + path + "evidence/"},
            allow_redirects=False,
            timeout=120,
        )
        if response.status_code != 302:
            raise RuntimeError(f"upload: {response.status_code}")
        seconds.append(time.perf_counter() - started)


def uploads(base: str, photo: bytes, duration: float) -> list[float]:
    seconds: list[float] = []
    until = time.monotonic() + duration
    threads = [
        threading.Thread(target=uploader, args=(base, photo, until, seconds)) for _ in range(2)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return seconds


def readers(base: str, path: str, duration: float) -> dict[str, float]:
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{READERS}",
            f"-d{int(duration)}s",
            "--timeout",
            "10s",
            "-s",
            str(ROOT / "bench" / "report.lua"),
            base + path,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    summary = json.loads(out.strip().splitlines()[-1])
    return {
        "rps": summary["requests"] / (summary["duration_us"] / 1e6),
        "p50": summary["p50_us"] / 1000,
        "p99": summary["p99_us"] / 1000,
        "errors": summary["non_2xx"] + summary["socket_errors"],
    }


def one_config(
    env: dict[str, str], port: int, extra: list[str], photo: bytes, more_env: dict[str, str]
) -> dict:
    server = Server(port, {**env, **more_env}, extra)
    try:
        server.wait("/hotlines/")
        card = a_card(server.base)
        readers(server.base, card, 2)  # warm every worker
        alone_uploads = uploads(server.base, photo, SECONDS)
        before = server.cpu_seconds()
        alone_card = readers(server.base, card, SECONDS)
        alone_card["cpu_ms"] = (
            (server.cpu_seconds() - before) * 1000 / max(1, alone_card["rps"] * SECONDS)
        )
        during: list[float] = []
        thread = threading.Thread(
            target=lambda: during.extend(uploads(server.base, photo, SECONDS))
        )
        thread.start()
        time.sleep(1)  # both uploads under way
        mixed_card = readers(server.base, card, SECONDS - 2)
        thread.join()
    finally:
        server.stop()
    return {
        "card alone": alone_card,
        "card during": mixed_card,
        "upload alone": statistics.median(alone_uploads),
        "upload during": statistics.median(during),
        "uploads": (len(alone_uploads), len(during)),
    }


# --- Memory under a flood of at-limit images ---------------------------------------------


def flood_images() -> list[tuple[str, bytes, str]]:
    """12 images of 10.24 MP (3200 × 3200, the largest the decode budget lets through), three
    of each accepted format, each under the 10 MB file cap (the PNG a flat screenshot)."""
    import pillow_heif
    from PIL import Image

    pillow_heif.register_heif_opener()
    from bench.photos import scene

    size = (3200, 3200)  # 10.24 MP
    picture = scene(size, 3)
    images = []
    for fmt, mime, options in (
        ("JPEG", "image/jpeg", {"quality": 85}),
        ("WEBP", "image/webp", {"quality": 60}),
        ("PNG", "image/png", {}),
        ("HEIF", "image/heic", {"quality": 50}),
    ):
        buffer = io.BytesIO()
        source = picture if fmt != "PNG" else Image.new("RGB", size, (240, 240, 240))
        source.save(buffer, fmt, **options)
        images.append((f"flood.{fmt.lower()}", buffer.getvalue(), mime))
    return [images[n % len(images)] for n in range(12)]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def flood(env: dict[str, str], port: int, extra: list[str]) -> dict:
    server = Server(port, env, extra)
    try:
        server.wait("/hotlines/")
        images = flood_images()
        browsers = [case_at_evidence(server.base) for _ in range(len(images))]
        peak: dict[int, float] = {}
        done = threading.Event()

        def watch() -> None:
            while not done.is_set():
                for pid in server.workers():
                    peak[pid] = max(peak.get(pid, 0.0), rss_mb(pid))
                time.sleep(0.05)

        statuses: list[int] = []

        def send(browser: Browser, image: tuple[str, bytes, str]) -> None:
            path = browser.case  # type: ignore[attr-defined]
            page = browser.session.get(server.base + path + "evidence/", timeout=120).text
            token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
            response = browser.session.post(
                server.base + path + "evidence/upload/",
                data={"kind": "problem_photo", "caption": "", "csrfmiddlewaretoken": token},
                files=[("files", image)],
                headers={"Origin": server.base, "Referer": server.base + path},
                allow_redirects=False,
                timeout=300,
            )
            statuses.append(response.status_code)

        idle = {pid: rss_mb(pid) for pid in server.workers()}
        watcher = threading.Thread(target=watch)
        watcher.start()
        senders = [
            threading.Thread(target=send, args=pair) for pair in zip(browsers, images, strict=True)
        ]
        started = time.perf_counter()
        for thread in senders:
            thread.start()
        for thread in senders:
            thread.join()
        wall = time.perf_counter() - started
        time.sleep(3)
        done.set()
        watcher.join()
        after = {pid: rss_mb(pid) for pid in server.workers()}
    finally:
        server.stop()
    return {
        "idle": idle,
        "peak": peak,
        "after": after,
        "statuses": statuses,
        "wall": wall,
        "sizes": [len(image[1]) for image in images[:4]],
    }


def main() -> int:
    from bench.photos import phone_photo

    folder = Path(tempfile.mkdtemp(prefix="jd400-bench-mixed-"))
    port = int(os.environ.get("BENCH_PORT", "18100")) + 20
    ok = True
    try:
        env = environment(folder)
        (folder / "var").mkdir()
        _python(env, "manage.py", "migrate", "--noinput")
        _python(env, "manage.py", "collectstatic", "--noinput")
        photo = phone_photo(1)
        chosen = os.environ.get("BENCH_MIXED_CONFIGS")
        configs = [c for c in CONFIGS if not chosen or c[0] in chosen.split(";")]
        print(
            f"Mixed load: card readers (wrk, {READERS} connections) while 2 shoppers upload "
            f"12 MP phone photos ({len(photo) / 1e6:.1f} MB JPEG) one after another; "
            f"{SECONDS} s each; load average {os.getloadavg()[0]:.1f}"
        )
        header = (
            f"{'server':<28}{'card p50/p99 alone':>20}{'card p50/p99 uploads':>22}"
            f"{'card req/s':>11}{'card CPU ms':>12}{'upload alone':>13}{'upload mixed':>13}  met"
        )
        print(header)
        print("-" * len(header))
        for number, (name, extra, more_env) in enumerate(configs):
            result = one_config(env, port + number, extra, photo, more_env)
            alone, during = result["card alone"], result["card during"]
            met = (
                during["p99"] < CARD_P99_MS
                and result["upload during"] <= UPLOAD_SLOWDOWN * result["upload alone"]
            )
            if number == 0:
                ok = met  # the first row is gunicorn.conf.py as shipped
            print(
                f"{name:<28}{alone['p50']:>9.1f}/{alone['p99']:<8.1f}  "
                f"{during['p50']:>9.1f}/{during['p99']:<10.1f}{during['rps']:>11.0f}"
                f"{alone['cpu_ms']:>12.2f}"
                f"{result['upload alone'] * 1000:>11.0f}ms{result['upload during'] * 1000:>11.0f}ms"
                f"  {'yes' if met else 'NO'}"
            )
        print(
            f"(target: card p99 < {CARD_P99_MS} ms during uploads, upload median <= "
            f"{UPLOAD_SLOWDOWN}x alone; the first row is gunicorn.conf.py as shipped)"
        )
        if os.environ.get("BENCH_FLOOD", "1") == "1":
            result = flood(env, port + 10, [])
            peak = max(result["peak"].values())
            after = max(result["after"].values())
            print(
                f"\nMemory: 12 images of 10.24 MP (JPEG, WebP, PNG, HEIF: "
                f"{', '.join(f'{s / 1e6:.1f}' for s in result['sizes'])} MB) sent at once to "
                f"gunicorn.conf.py; answers {sorted(set(result['statuses']))} in "
                f"{result['wall']:.1f} s"
            )
            print(
                "worker RSS MB idle / peak / 3 s after: "
                + "; ".join(
                    f"{result['idle'].get(pid, 0):.0f} / {result['peak'][pid]:.0f} / "
                    f"{result['after'].get(pid, 0):.0f}"
                    for pid in result["peak"]
                )
            )
            print(f"(target: no worker above 300 MB: {'met' if peak <= 300 else 'NOT MET'})")
            ok &= peak <= 300
            del after
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
