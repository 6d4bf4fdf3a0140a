"""Where an upload waits while it is read: a folder of ours, never the system temp folder,
and `sweep_evidence` removes what a killed server left there."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent

# A server process that reads a 3 MB upload (bigger than what Django keeps in memory, so it
# streams to a file) and is then killed before the request ends: nothing closes the file.
KILLED_MID_UPLOAD = textwrap.dedent(
    """
    import io, os, signal
    import django
    django.setup()
    from django.core.handlers.wsgi import WSGIRequest

    boundary = "jd400boundary"
    body = (
        f"--{boundary}\\r\\n"
        'Content-Disposition: form-data; name="files"; filename="IMG_0001.jpg"\\r\\n'
        "Content-Type: image/jpeg\\r\\n\\r\\n"
    ).encode() + b"GPS-EXIF-ORIGINAL" * 200_000 + f"\\r\\n--{boundary}--\\r\\n".encode()
    request = WSGIRequest({
        "REQUEST_METHOD": "POST",
        "PATH_INFO": "/c/x/evidence/upload/",
        "CONTENT_TYPE": f"multipart/form-data; boundary={boundary}",
        "CONTENT_LENGTH": str(len(body)),
        "wsgi.input": io.BytesIO(body),
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "wsgi.url_scheme": "http",
    })
    print(request.FILES["files"].temporary_file_path(), flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


def _run_killed_upload(tmp_path: Path) -> tuple[Path, Path]:
    system_tmp = tmp_path / "system-tmp"
    var = tmp_path / "var"
    system_tmp.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(system_tmp),
        "JD400_VAR_DIR": str(var),
        "DJANGO_SETTINGS_MODULE": "jd400site.settings",
    }
    run = subprocess.run(
        [sys.executable, "-c", KILLED_MID_UPLOAD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == -9, run.stderr
    return system_tmp, var


@pytest.mark.slow
def test_it_never_leaves_a_killed_upload_in_the_system_temp_folder(tmp_path):
    system_tmp, var = _run_killed_upload(tmp_path)
    assert list(system_tmp.iterdir()) == []
    # It is under JD400_VAR_DIR, where the sweep looks.
    leftovers = list((var / "uploads").iterdir())
    assert len(leftovers) == 1
    assert b"GPS-EXIF-ORIGINAL" in leftovers[0].read_bytes()


@pytest.mark.slow
@pytest.mark.django_db
def test_it_sweeps_what_a_killed_upload_left_behind(tmp_path, settings):
    _system_tmp, var = _run_killed_upload(tmp_path)
    settings.FILE_UPLOAD_TEMP_DIR = str(var / "uploads")
    leftover = next((var / "uploads").iterdir())

    # A young file may be an upload still being read: left alone.
    call_command("sweep_evidence", stdout=io.StringIO())
    assert leftover.exists()

    old = time.time() - 2 * 60 * 60
    os.utime(leftover, (old, old))
    out = io.StringIO()
    call_command("sweep_evidence", stdout=out)
    assert not leftover.exists()
    assert "1 unfinished upload" in out.getvalue()


def test_it_streams_uploads_into_a_folder_under_the_var_dir():
    from django.conf import settings

    assert Path(settings.FILE_UPLOAD_TEMP_DIR).parent == Path(settings.VAR_DIR)
    assert Path(settings.FILE_UPLOAD_TEMP_DIR).is_dir()
