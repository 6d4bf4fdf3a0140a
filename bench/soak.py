"""`make soak`: a bounded load run against jd400 under gunicorn, then a check that nothing
was lost.

100 shoppers start at once; each creates a case, answers every step, uploads two images,
opens the card and logs a call. Every tenth case is then edited from two devices at the
same moment (one changes the order step, the other the wish step). Afterwards the database
and the evidence storage are read directly: every answer, every file and every call must
be there, no response may be a 5xx and nothing may mention "database is locked".

Two set-ups, each in a process of its own (Django is configured once per process):
- sqlite: one gunicorn (gunicorn.conf.py as is) on a SQLite file and local files;
- scaled: two gunicorn instances sharing PostgreSQL, moto's S3 server and Redis, the
  shopper's requests alternating between them as a load balancer would send them.
  PostgreSQL is SOAK_DATABASE_URL if set, else a throwaway cluster started as .ci/run
  does (root and Debian's postgresql needed).

Loopback only; a fixed number of shoppers; each request times out, and the whole run stops
at --time-limit. Not a timed test: it prints figures for a human and exits non-zero when
anything was lost or failed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import evidence_images as images  # noqa: E402
from tests.servers import (  # noqa: E402
    app_environment,
    create_bucket,
    gunicorn,
    postgres_cluster,
    prepare_instance,
    redis_server,
    s3_environment,
    s3_server,
)
from tests.shopper import Hit, Shopper, call_defaults, case_path  # noqa: E402

SHOPPERS = 100
PAIR_EVERY = 10  # every tenth case is edited from two devices at once
TIME_LIMIT = 600

# tests.factories reads the models, so it is imported once Django is set up (in soak()).

# One phone screenshot (lossless PNG) and one photo (JPEG) per shopper, made once.
SCREENSHOT = images.encode(images.screenshot((720, 1280)), "PNG")
PHOTO = images.encode(images.screenshot((1200, 900)), "JPEG", quality=90)


@dataclass
class Expected:
    """What one shopper's case must hold afterwards."""

    path: str = ""
    order_number: str = ""
    item: str = ""
    outcome_detail: str = ""
    ticket_number: str = ""
    failure: str = ""
    # What the server confirmed (a redirect onwards, an upload message, the call on the
    # card): only that counts as lost if it is missing afterwards.
    confirmed: set[str] = field(default_factory=set)
    files_confirmed: int = 0


@dataclass
class Run:
    bases: list[str]
    deadline: float
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, shopper: Shopper) -> None:
        with self.lock:
            self.hits.extend(shopper.hits)


def _check(response, expected_end: str, what: str) -> None:
    if response.status_code >= 400 or not response.url.split("?")[0].endswith(expected_end):
        raise RuntimeError(f"{what}: {response.status_code} at {response.url}")


def one_shopper(number: int, run: Run, start: threading.Barrier) -> Expected:
    """A shopper whose requests alternate between the instances (one instance: all there)."""
    bases = run.bases
    first = Shopper(bases[0], timeout=120)
    devices = [first, *(first.on(base) for base in bases[1:])]
    turn = iter(range(1_000_000))

    def device() -> Shopper:
        return devices[next(turn) % len(devices)]

    expected = Expected(
        order_number=f"{8_000_000_000 + number}",
        item=f"洗衣机 {number}",
        outcome_detail="",
        ticket_number=f"SOAK{number:04d}",
    )
    from tests.factories import ORDER, WANT, problem_data, tried_data

    def answer(slug: str, data: dict[str, str], leads_to: str) -> None:
        response = device().submit(case + f"{slug}/", data, step=slug)
        _check(response, leads_to, slug)
        expected.confirmed.add(slug)

    try:
        start.wait(60)
        started = device().submit("/c/new/", page="/", step="new case")
        case = expected.path = case_path(started)
        order = {**ORDER, "order_number": expected.order_number, "item": expected.item}
        answer("order", order, "/problem/")
        answer("problem", problem_data(), "/tried/")
        answer("tried", tried_data(), "/want/")
        answer("want", WANT, "/evidence/")
        for name, data, kind in (
            ("order.png", SCREENSHOT, "image/png"),
            ("photo.jpg", PHOTO, "image/jpeg"),
        ):
            response = device().submit(
                case + "evidence/upload/",
                {"kind": "order_page", "caption": ""},
                files=[("files", (name, data, kind))],
                page=case + "evidence/",
                step="upload",
            )
            if "已上传 1 张图片。" not in response.text:
                raise RuntimeError(f"upload: {response.status_code}")
            expected.files_confirmed += 1
        answer("evidence", {}, "/check/")
        answer("check", {}, "/card/")
        card = device().open(case + "card/", step="card")
        if card.status_code != 200 or expected.order_number not in card.text:
            raise RuntimeError(f"card: {card.status_code}")
        called = device().submit(
            case + "calls/new/",
            {"ticket_number": expected.ticket_number},
            fill=call_defaults,
            step="call",
        )
        if expected.ticket_number not in called.text:
            raise RuntimeError(f"call: {called.status_code}")
        expected.confirmed.add("call")
        if number % PAIR_EVERY == 0:
            two_devices(first, case, expected, number)
    except Exception as error:  # noqa: BLE001 — every failure is counted and reported
        expected.failure = f"{type(error).__name__}: {error}"
    finally:
        run.add(first)
    return expected


def two_devices(first: Shopper, case: str, expected: Expected, number: int) -> None:
    """The phone changes the order step while the desktop changes the wish, at once."""
    from tests.factories import ORDER, WANT

    phone = first
    # The desktop has a session of its own: it opens the case by its private link.
    desktop = Shopper(first.base, hits=first.hits)
    desktop.open(case + "card/", step="card (second device)")
    both_ready = threading.Barrier(2, timeout=120)  # a device that fails early frees the other
    item = f"滚筒洗衣机 {number}"
    detail = f"三天内上门维修 {number}"
    results: dict[str, object] = {}

    def edit(who: Shopper, path: str, data: dict[str, str], key: str) -> None:
        try:
            results[key] = who.submit(path, data, step="two devices", before_post=both_ready.wait)
        except Exception as error:  # noqa: BLE001
            results[key] = error

    order = {**ORDER, "order_number": expected.order_number, "item": item}
    want = {**WANT, "outcome_detail": detail}
    threads = [
        threading.Thread(target=edit, args=(phone, case + "order/?return=check", order, "order")),
        threading.Thread(target=edit, args=(desktop, case + "want/?return=check", want, "want")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for key, result in results.items():
        if isinstance(result, Exception) or result.status_code >= 400:
            raise RuntimeError(f"two devices, {key}: {result}")
    expected.item = item
    expected.outcome_detail = detail


def verify(expected: list[Expected]) -> dict[str, int]:
    """Read the database and the storage directly: is everything there?"""
    from django.core.files.storage import default_storage

    from cases.models import Case
    from tests.factories import PROBLEM, WANT

    lost = {"answers": 0, "files": 0, "calls": 0, "cases": 0}
    tokens = {e.path.split("/")[2]: e for e in expected if e.path}
    cases = {
        case.token: case
        for case in Case.objects.filter(token__in=tokens).prefetch_related("evidence", "calls")
    }
    for token, want in tokens.items():
        case = cases.get(token)
        if case is None:
            lost["cases"] += 1
            continue
        answers = {  # step: (stored, answered)
            "order": [(case.order_number, want.order_number), (case.item, want.item)],
            "problem": [
                (case.problem, PROBLEM["problem"]),
                (case.happened_on is not None, True),
            ],
            "tried": [(case.tried_answered, True)],
            "want": [
                (case.desired_outcome, WANT["desired_outcome"]),
                (case.outcome_detail, want.outcome_detail),
            ],
            "evidence": [(case.evidence_answered, True)],
            "check": [(case.card_ready_at is not None, True)],
        }
        lost["answers"] += sum(
            1
            for step, pairs in answers.items()
            if step in want.confirmed
            for stored, answered in pairs
            if stored != answered
        )
        files = [name for e in case.evidence.all() for name in (e.image.name, e.thumbnail.name)]
        lost["files"] += max(0, 2 * want.files_confirmed - len(files))
        lost["files"] += sum(1 for name in files if not default_storage.exists(name))
        tickets = [call.ticket_number for call in case.calls.all()]
        if "call" in want.confirmed and tickets != [want.ticket_number]:
            lost["calls"] += 1
    return lost


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def report(title: str, run: Run, expected: list[Expected], wall: float, logs: list[Path]) -> bool:
    by_step: dict[str, list[float]] = defaultdict(list)
    for hit in run.hits:
        by_step[hit.step].append(hit.seconds)
    server_errors = sum(1 for hit in run.hits if hit.status >= 500)
    locked = sum(1 for hit in run.hits if hit.locked) + sum(
        log.read_text(errors="replace").count("database is locked") for log in logs
    )
    failures = [e.failure for e in expected if e.failure]
    server_log = "\n".join(log.read_text(errors="replace") for log in logs)
    lost = verify(expected)
    print(f"\n== {title}")
    print(
        f"{SHOPPERS} shoppers at once; {len([e for e in expected if e.path])} cases; "
        f"{SHOPPERS // PAIR_EVERY} cases edited from two devices at once"
    )
    print(f"{'step':<24}{'requests':>9}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for step, seconds in sorted(by_step.items(), key=lambda item: -len(item[1])):
        print(
            f"{step:<24}{len(seconds):>9}{statistics.median(seconds) * 1000:>9.0f}"
            f"{percentile(seconds, 0.99) * 1000:>9.0f}{max(seconds) * 1000:>9.0f}"
        )
    print(f"requests: {len(run.hits)}; wall time: {wall:.1f} s")
    print(f"5xx: {server_errors}; 'database is locked': {locked}; failed shoppers: {len(failures)}")
    for failure in failures[:5]:
        print(f"  failure: {failure}")
    print(
        "gunicorn: {} worker timeouts, {} workers booted, {} tracebacks".format(
            server_log.count("WORKER TIMEOUT"),
            server_log.count("Booting worker"),
            server_log.count("Traceback"),
        )
    )
    print(
        f"lost: {lost['answers']} answers, {lost['files']} files, {lost['calls']} calls, "
        f"{lost['cases']} cases"
    )
    return not (server_errors or locked or failures or any(lost.values()))


def load(bases: list[str], time_limit: float) -> tuple[Run, list[Expected], float]:
    run = Run(bases, time.monotonic() + time_limit)
    start = threading.Barrier(SHOPPERS)
    began = time.perf_counter()
    with ThreadPoolExecutor(max_workers=SHOPPERS) as pool:
        futures = [pool.submit(one_shopper, n, run, start) for n in range(SHOPPERS)]
        expected = [f.result(timeout=max(1, run.deadline - time.monotonic())) for f in futures]
    return run, expected, time.perf_counter() - began


def soak(setup: str, time_limit: float) -> bool:
    with ExitStack() as stack:
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="jd400-soak-")))
        var = folder / "var"
        logs: list[Path] = []
        if setup == "sqlite":
            # A hundred shoppers from 127.0.0.1 are one client to the rate limits: off.
            env = app_environment(
                var, f"sqlite:///{var / 'jd400.sqlite3'}", JD400_RATE_LIMITS="false"
            )
            instances = 1
            title = "sqlite: one gunicorn (gunicorn.conf.py), SQLite file, local files"
        else:
            database = os.environ.get("SOAK_DATABASE_URL") or stack.enter_context(
                postgres_cluster(folder / "pg")
            )
            endpoint = stack.enter_context(s3_server())
            bucket = f"jd400-soak-{uuid.uuid4().hex[:8]}"
            create_bucket(endpoint, bucket)
            env = app_environment(
                var,
                database,
                REDIS_URL=stack.enter_context(redis_server(folder / "redis")),
                JD400_RATE_LIMITS="false",
                **s3_environment(endpoint, bucket),
            )
            instances = 2
            title = "scaled: two gunicorn instances, PostgreSQL + S3 (moto) + Redis"
        var.mkdir(parents=True, exist_ok=True)
        prepare_instance(env)
        # One instance runs as gunicorn.conf.py says (cores + 1 processes). Two instances on
        # these same 2 cores get two processes each: in production each has a machine.
        workers = None if instances == 1 else 2
        bases = []
        for n in range(instances):
            log = folder / f"gunicorn-{n}.log"
            logs.append(log)
            bases.append(stack.enter_context(gunicorn(env, workers=workers, threads=None, log=log)))
        # The checks read the same database and storage the instances wrote.
        os.environ.update(env)
        import django

        django.setup()
        run, expected, wall = load(bases, time_limit)
        return report(title, run, expected, wall, logs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--setup", choices=["sqlite", "scaled", "both"], default="both")
    parser.add_argument("--time-limit", type=float, default=TIME_LIMIT)
    options = parser.parse_args()
    if options.setup != "both":
        return 0 if soak(options.setup, options.time_limit) else 1
    ok = True
    for setup in ("sqlite", "scaled"):
        result = subprocess.run(
            [sys.executable, __file__, "--setup", setup, "--time-limit", str(options.time_limit)],
            cwd=ROOT,
            timeout=options.time_limit + 300,
        )
        ok &= result.returncode == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
