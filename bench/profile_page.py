"""Where one page's time goes: seeds the bench database, then calls jd400's WSGI app in
this process for one path N times under cProfile and prints the costliest functions.

    .venv/bin/python bench/profile_page.py /c/{token}/card/ [N]

`{token}` is the measured case's token. DEBUG off, the bench's settings; a companion to
`make bench` for finding what to make cheaper, not a measurement of its own.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.pages import _child_json, _python, environment  # noqa: E402


def main() -> int:
    path_template = sys.argv[1] if len(sys.argv) > 1 else "/c/{token}/card/"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    folder = Path(tempfile.mkdtemp(prefix="jd400-profile-"))
    try:
        env = environment(folder)
        (folder / "var").mkdir()
        _python(env, "manage.py", "migrate", "--noinput")
        _python(env, "manage.py", "collectstatic", "--noinput")
        seeded = _child_json(env, "seed")
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "jd400site.settings"
        from django.core.wsgi import get_wsgi_application

        app = get_wsgi_application()
        path = path_template.format(token=seeded["token"])
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": "",
            "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "8000",
            "HTTP_HOST": "127.0.0.1",
            "HTTP_COOKIE": (
                f"{seeded['cookie_name']}={seeded['remembered']}; csrftoken={seeded['csrf']}"
            ),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": sys.stderr,
        }

        def one() -> None:
            status: list[str] = []
            body = b"".join(app(dict(environ), lambda s, h, e=None: status.append(s)))
            assert status[0].startswith("200"), (status, body[:200])

        for _ in range(50):
            one()
        batches = []
        for _ in range(5):  # the best of five: the machine is shared
            started = time.perf_counter()
            for _ in range(count // 5):
                one()
            batches.append((time.perf_counter() - started) / (count // 5))
        plain = min(batches)
        profile = cProfile.Profile()
        profile.enable()
        for _ in range(count):
            one()
        profile.disable()
        print(f"{path}: {plain * 1000:.3f} ms per request without the profiler")
        stats = pstats.Stats(profile)
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(30)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
