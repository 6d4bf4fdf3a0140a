"""Two app processes (gunicorn, gunicorn.conf.py) on two ports, sharing one database (the
suite's PostgreSQL server when it runs on PostgreSQL, else one SQLite file), one S3 bucket
and one Redis: a shopper moves between them as a load balancer would send them."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

from tests import evidence_images as images
from tests.factories import ORDER, WANT, problem_data, tried_data
from tests.servers import (
    app_environment,
    bucket_keys,
    create_bucket,
    gunicorn,
    prepare_instance,
    s3_environment,
)
from tests.shopper import Shopper, call_defaults, case_path

# Starts servers or subprocesses: left out of `make test-fast`.
pytestmark = pytest.mark.slow


@pytest.fixture
def shared_database(tmp_path: Path) -> Iterator[str]:
    """A database of their own on the suite's server (PostgreSQL), or one SQLite file."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.postgresql":
        yield f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        return
    name = f"jd400_two_{uuid.uuid4().hex[:8]}"
    server = {
        "host": database["HOST"] or "127.0.0.1",
        "port": database["PORT"] or 5432,
        "user": database["USER"],
        "password": database["PASSWORD"] or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{server['password']}" if server["password"] else ""
    try:
        yield f"postgres://{server['user']}{password}@{server['host']}:{server['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def instances(tmp_path, shared_database, s3_endpoint, redis_url) -> Iterator[tuple]:
    bucket = f"jd400-{uuid.uuid4().hex[:12]}"
    create_bucket(s3_endpoint, bucket)
    env = app_environment(
        tmp_path / "var",
        shared_database,
        REDIS_URL=redis_url,
        **s3_environment(s3_endpoint, bucket),
    )
    prepare_instance(env)
    log = tmp_path / "gunicorn.log"
    with gunicorn(env, log=log) as a, gunicorn(env, log=log) as b:
        yield a, b, bucket, log


def test_it_serves_one_shopper_from_two_instances(instances, s3_endpoint):
    a, b, bucket, log = instances
    on_a = Shopper(a)
    on_b = on_a.on(b)

    # Instance A: a new case and the first four steps.
    started = on_a.submit("/c/new/", page="/")
    assert started.status_code == 200
    case = case_path(started)
    assert on_a.submit(case + "order/", ORDER).url.endswith(case + "problem/")
    assert on_a.submit(case + "problem/", problem_data()).url.endswith(case + "tried/")
    assert on_a.submit(case + "tried/", tried_data()).url.endswith(case + "want/")
    assert on_a.submit(case + "want/", WANT).url.endswith(case + "evidence/")

    # Instance B: two screenshots, then on to the card.
    uploaded = on_b.submit(
        case + "evidence/upload/",
        {"kind": "order_page", "caption": ""},
        files=[
            ("files", ("order.png", images.png_bytes(), "image/png")),
            ("files", ("box.jpg", images.jpeg_bytes(), "image/jpeg")),
        ],
        page=case + "evidence/",
    )
    assert "已上传 2 张图片。" in uploaded.text
    assert len(bucket_keys(s3_endpoint, bucket)) == 4
    assert on_b.submit(case + "evidence/", {}).url.endswith(case + "check/")
    assert on_b.submit(case + "check/", {}).url.endswith(case + "card/")

    # Instance A shows the card, with B's files served from the bucket.
    card = on_a.open(case + "card/")
    assert card.status_code == 200
    assert ORDER["order_number"] in card.text
    thumbnails = sorted(set(images_on(card.text, case)))
    assert len(thumbnails) == 2
    for path in thumbnails:
        served = on_a.open(path)
        assert served.status_code == 200
        assert served.content.startswith(b"\xff\xd8")

    # Instance B logs the call; A's card shows it.
    called = on_b.submit(case + "calls/new/", {"ticket_number": "TK-2026-0001"}, fill=call_defaults)
    assert called.status_code == 200
    assert "TK-2026-0001" in on_a.open(case + "card/").text

    # Instance A deletes the case; B no longer knows it, the bucket is empty.
    deleted = on_a.submit(case + "delete/", {})
    assert "案例和它的所有文件已删除。" in deleted.text
    assert on_b.open(case + "card/").status_code == 404
    assert bucket_keys(s3_endpoint, bucket) == set()

    assert all(hit.status < 500 for hit in on_a.hits)
    token = case.split("/")[2]
    assert token not in log.read_text()  # gunicorn's access log redacts the private link


def images_on(html: str, case: str) -> list[str]:
    return re.findall(rf'src="({re.escape(case)}evidence/\d+/thumbnail/)"', html)


def test_it_counts_case_creation_against_one_limit_across_both_instances(instances):
    """Rate limits live in the shared cache (Redis): a client switching instances gets
    no second allowance. The default is 10 new cases a minute per client address, so
    twelve alternating between two instances (six each) hit it only if the count is one."""
    a, b, _bucket, _log = instances
    on_a = Shopper(a)
    on_b = on_a.on(b)
    statuses = [
        (on_a if number % 2 == 0 else on_b).submit("/c/new/", page="/") for number in range(12)
    ]
    refused = [response for response in statuses if response.status_code == 429]
    assert refused
    assert "操作太频繁，这一次没有完成" in refused[0].text
    assert int(refused[0].headers["Retry-After"]) > 0
