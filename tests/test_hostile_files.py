"""Hostile uploads: each is refused with a message that says what is wrong, or stored
cheaply, and none costs the server more than a second of CPU or 200 MB of memory.

The files are made in code (tests/hostile_files.py) and measured in a forked child of one
subprocess (tests/decode_cost.py): CPU with time.process_time(), peak memory as the rise of
the child's resident high-water mark. The budgets are the issue's own limits; before the
decode budget, the many-scan JPEG cost ~6 s and the huge WebP ~590 MB.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests import hostile_files as hostile

# Starts servers or subprocesses: left out of `make test-fast`.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
CPU_SECONDS = 1.0
PEAK_MB = 200

# name → (maker, words the refusal must contain, or None when the file is stored)
CASES: dict[str, tuple[Callable[[], bytes], str | None]] = {
    "progressive JPEG, 3000 scans": (hostile.jpeg_with_many_scans, "扫描"),
    "WebP declaring 16000x2400": (hostile.webp_huge_canvas, "像素太多"),
    "1-bit PNG declaring 6000x6000": (hostile.png_huge_canvas, "像素太多"),
    "RGBA PNG declaring 6000x6000": (hostile.png_rgba_huge_canvas, "像素太多"),
    "lossless WebP, 1 KB for 30 MP": (hostile.tiny_file_huge_image, "像素太多"),
    "WebP tiles stored 40 times bigger": (hostile.webp_repeating_tile, "大很多倍"),
    "GIF declaring 6000x6000": (hostile.gif_huge_canvas, "GIF"),
    "GIF with 500 frames": (hostile.gif_many_frames, "GIF"),
    "animated WebP": (hostile.webp_many_frames, "帧"),
    "animated PNG": (hostile.apng_many_frames, "帧"),
    "GIF header that is JavaScript": (hostile.gif_with_script, "GIF"),
    "BMP": (hostile.bmp_image, "BMP"),
    "TIFF": (hostile.tiff_image, "TIFF"),
    "truncated JPEG": (hostile.truncated(hostile.photo_jpeg), "损坏"),
    "truncated PNG": (hostile.truncated(hostile.screenshot_png), "损坏"),
    "truncated WebP": (hostile.truncated(hostile.photo_webp), "损坏"),
    "truncated HEIC": (hostile.truncated(hostile.photo_heic), "损坏"),
    # Stored, cheaply: a 40 MP baseline JPEG decodes at half size, a progressive one at a
    # quarter; a flat picture in 450 bytes is stored, but small.
    "40 MP flat JPEG": (hostile.jpeg_huge_canvas, None),
    "40 MP progressive JPEG": (hostile.jpeg_progressive_huge_canvas, None),
    "lossless WebP, 450 bytes for 9.6 MP": (hostile.tiny_file_flat_image, None),
    "PNG with HTML appended": (hostile.png_with_html_appended, None),
    "JPEG that is also a ZIP": (hostile.jpeg_zip_polyglot, None),
}


@pytest.fixture(scope="module")
def costs(tmp_path_factory) -> dict[str, dict]:
    folder = tmp_path_factory.mktemp("hostile")
    paths = {}
    for index, (name, (maker, _expected)) in enumerate(CASES.items()):
        path = folder / f"{index:02d}.bin"
        path.write_bytes(maker())
        paths[path.name] = name
    run = subprocess.run(
        [sys.executable, "-m", "tests.decode_cost", *map(str, sorted(folder.iterdir()))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    results = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
    return {paths[result["file"]]: result for result in results}


@pytest.mark.parametrize("name", list(CASES))
def test_it_refuses_or_stores_a_hostile_file_cheaply(costs, name):
    _maker, expected = CASES[name]
    result = costs[name]
    assert "error" not in result, result
    if expected is None:
        assert "stored" in result, result
        # The storage budget: never wildly more than was sent.
        assert result["stored"] <= max(256 * 1024, 10 * result["sent"])
    else:
        assert expected in result.get("refused", ""), result
    assert result["cpu"] < CPU_SECONDS, result
    assert result["peak_mb"] < PEAK_MB, result


def test_it_stores_a_40_megapixel_jpeg_smaller_instead_of_decoding_it_whole(costs):
    width, height = costs["40 MP flat JPEG"]["size"]
    assert width * height <= 10_000_000
