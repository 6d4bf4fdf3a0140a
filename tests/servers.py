"""Throwaway servers on 127.0.0.1 for the tests and `make soak`: Redis, moto's S3 server,
a PostgreSQL cluster and gunicorn running jd400. Each one is a context manager that starts
the real program on a free loopback port and stops it (and only it) afterwards."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
LOOPBACK = "127.0.0.1"
# Credentials for moto: it accepts any, boto3 insists on some.
S3_KEYS = {"AWS_ACCESS_KEY_ID": "jd400-test", "AWS_SECRET_ACCESS_KEY": "jd400-test-secret"}
S3_REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode} before listening")
        try:
            with socket.create_connection((LOOPBACK, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{what} did not listen on port {port} within {seconds} s")


def stop(process: subprocess.Popen, sig: int = signal.SIGTERM, seconds: float = 15) -> None:
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """Debian's redis-server, in memory only; yields its REDIS_URL."""
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    process = subprocess.Popen(
        [
            shutil.which("redis-server") or "/usr/bin/redis-server",
            "--bind",
            LOOPBACK,
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process, 10, "redis-server")
        yield f"redis://{LOOPBACK}:{port}/0"
    finally:
        stop(process)


@contextmanager
def s3_server() -> Iterator[str]:
    """moto's standalone S3 server (moto[server]); yields its endpoint URL."""
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "moto.server", "-H", LOOPBACK, "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, **S3_KEYS},
    )
    try:
        wait_for_port(port, process, 30, "moto's S3 server")
        yield f"http://{LOOPBACK}:{port}"
    finally:
        stop(process)


def s3_client(endpoint: str):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=S3_REGION,
        aws_access_key_id=S3_KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=S3_KEYS["AWS_SECRET_ACCESS_KEY"],
    )


def create_bucket(endpoint: str, name: str) -> None:
    s3_client(endpoint).create_bucket(Bucket=name)


def bucket_keys(endpoint: str, name: str) -> set[str]:
    client = s3_client(endpoint)
    keys: set[str] = set()
    for page in client.get_paginator("list_objects_v2").paginate(Bucket=name):
        keys.update(item["Key"] for item in page.get("Contents", []))
    return keys


def s3_environment(endpoint: str, bucket: str) -> dict[str, str]:
    """The environment that points jd400 at a bucket (README: configuration)."""
    return {
        "JD400_S3_BUCKET": bucket,
        "JD400_S3_ENDPOINT_URL": endpoint,
        "JD400_S3_REGION": S3_REGION,
        "JD400_S3_ADDRESSING_STYLE": "path",
        **S3_KEYS,
    }


@contextmanager
def postgres_cluster(folder: Path) -> Iterator[str]:
    """A throwaway PostgreSQL cluster, started as .ci/run does (as the postgres user, trust
    authentication, loopback only); yields the URL of its `jd400` database."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not bins:
        raise RuntimeError("PostgreSQL is not installed (.ci/run installs Debian's postgresql)")
    pg_bin = bins[-1]
    folder.mkdir(parents=True, exist_ok=True)
    shutil.chown(folder, "postgres")
    data = folder / "data"
    port = free_port()

    def as_postgres(*command: str) -> None:
        subprocess.run(
            ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(command)],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    as_postgres(
        f"{pg_bin}/initdb",
        f"-D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8",
    )
    as_postgres(
        f"{pg_bin}/pg_ctl",
        f'-D {data} -l {folder}/log -w -o "-c listen_addresses={LOOPBACK} -p {port}',
        f'-k {folder} -c fsync=off -c max_connections=200" start',
    )
    try:
        subprocess.run(
            [f"{pg_bin}/createdb", "-h", LOOPBACK, "-p", str(port), "-U", "postgres", "jd400"],
            check=True,
        )
        yield f"postgres://postgres@{LOOPBACK}:{port}/jd400"
    finally:
        subprocess.run(
            ["su", "postgres", "-s", "/bin/sh", "-c", f"{pg_bin}/pg_ctl -D {data} -m fast stop"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        shutil.rmtree(folder, ignore_errors=True)


def app_environment(var_dir: Path, database_url: str, **extra: str) -> dict[str, str]:
    """jd400 as production runs it (DEBUG off, compiled static files), but over plain HTTP
    on the loopback: no proxy terminates TLS in front of these test servers."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "JD400_", "PYTEST", "REDIS_URL", "DATABASE_URL"))
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "jd400site.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "test-servers-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SESSION_COOKIE_SECURE": "false",
            "DJANGO_CSRF_COOKIE_SECURE": "false",
            "DJANGO_SECURE_HSTS_SECONDS": "0",
            "JD400_VAR_DIR": str(var_dir),
            "JD400_STATIC_ROOT": str(var_dir / "static"),
            "DATABASE_URL": database_url,
            **extra,
        }
    )
    return env


def manage(env: Mapping[str, str], *arguments: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *arguments],
        cwd=ROOT,
        env=dict(env),
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def prepare_instance(env: Mapping[str, str]) -> None:
    """What a deploy does before it starts the server: static files, then migrations."""
    manage(env, "collectstatic", "--noinput", "--verbosity", "0")
    manage(env, "migrate", "--noinput", "--verbosity", "0")


@contextmanager
def gunicorn(
    env: Mapping[str, str],
    *,
    workers: int | None = 1,
    threads: int | None = 2,
    log: Path | None = None,
) -> Iterator[str]:
    """jd400 under gunicorn with the repo's gunicorn.conf.py; yields its base URL. A count
    of None keeps the config's own default."""
    port = free_port()
    counts = {"JD400_WORKERS": workers, "JD400_THREADS": threads}
    out = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--config", str(ROOT / "gunicorn.conf.py")],
        cwd=ROOT,
        env={
            **{key: value for key, value in env.items() if key not in counts},
            "JD400_BIND": f"{LOOPBACK}:{port}",
            **{key: str(value) for key, value in counts.items() if value is not None},
        },
        stdout=out,
        stderr=out,
    )
    try:
        wait_for_port(port, process, 60, "gunicorn")
        base = f"http://{LOOPBACK}:{port}"
        _wait_until_answering(base, process)
        yield base
    finally:
        # Quick shutdown: every response has been read by now; a graceful one would wait
        # out the keep-alive connections.
        stop(process, signal.SIGINT, seconds=30)
        if log:
            out.close()


def _wait_until_answering(base: str, process: subprocess.Popen) -> None:
    # The port opens in the master before a worker can answer.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(base + "/", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not answer within 60 s")
