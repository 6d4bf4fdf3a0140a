"""Django's cache in Redis (REDIS_URL), against Debian's redis-server on 127.0.0.1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis

ROOT = Path(__file__).resolve().parent.parent

# Starts servers or subprocesses: left out of `make test-fast`.
pytestmark = pytest.mark.slow

IN_ANOTHER_PROCESS = """
import sys
import django
django.setup()
from django.core.cache import cache
if sys.argv[1] == "add":
    print(cache.incr("shoppers", 1) if cache.get("shoppers") is not None else cache.add("shoppers", 1))
else:
    print(cache.get("shoppers"))
"""


def run_with(env: dict[str, str], *arguments: str) -> str:
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in ("DATABASE_URL", "REDIS_URL")
    }
    environ.update(DJANGO_SETTINGS_MODULE="jd400site.settings", DJANGO_DEBUG="true", **env)
    result = subprocess.run(
        [sys.executable, "-c", IN_ANOTHER_PROCESS, *arguments],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


@pytest.fixture
def empty_redis(redis_url):
    redis.Redis.from_url(redis_url).flushdb()
    return redis_url


def test_it_shares_the_cache_between_processes(empty_redis):
    env = {"REDIS_URL": empty_redis}
    run_with(env, "add")
    run_with(env, "add")
    # A third process, as a second app instance would be, sees both counts.
    assert run_with(env, "read") == "2"


def test_it_keeps_the_cache_in_redis_under_the_app_prefix(empty_redis):
    run_with({"REDIS_URL": empty_redis}, "add")
    assert redis.Redis.from_url(empty_redis).keys("*") == [b"jd400:1:shoppers"]


def test_it_shares_a_file_cache_between_local_processes_without_redis(empty_redis, tmp_path):
    # Without Redis, `make serve`'s workers still count the same limits (jd400site/limits.py).
    env = {"JD400_VAR_DIR": str(tmp_path)}
    run_with(env, "add")
    run_with(env, "add")
    assert run_with(env, "read") == "2"
    assert list((tmp_path / "cache").iterdir())
    assert redis.Redis.from_url(empty_redis).keys("*") == []
