"""Benchmark: the evidence pipeline against Pillow's bare decode + encode of the same file.

Not a timed test: it prints figures for a human. Each measurement runs in a fresh
subprocess, so each peak RSS is that measurement's own (ru_maxrss never goes down).

Targets (issues 4 and 12): pipeline ≤ 1.3× bare Pillow, peak RSS < 200 MB, a bomb header
refused in < 50 ms. The phone photo is what an iPhone sends: stored sideways with an EXIF
orientation flag, a Display P3 colour profile, camera EXIF with GPS (bench/photos.py).
"""

from __future__ import annotations

import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WIDTH, HEIGHT = 4000, 3000  # 12 MP, a phone camera's photo or a large screenshot
REPEAT = 5
TARGET_RATIO = 1.3
TARGET_RSS_MB = 200
TARGET_BOMB_MS = 50


def _setup_django() -> None:
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jd400site.settings")
    # The pipeline reads only the upload limits from settings; run as `make bench` does
    # (debug on, no secret needed) however it was started.
    os.environ.setdefault("DJANGO_DEBUG", "true")
    import django

    django.setup()


CJK_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
CHAT = "您好，我的订单已经三天没有发货了，请问什么时候能发？客服一直没有回复，麻烦尽快处理。"


def make_screenshot(path: Path) -> None:
    """A chat screenshot as an encoder sees it: flat colours, anti-aliased CJK text in
    bubbles, and two product photos inside the chat (the part that costs bytes)."""
    from PIL import Image, ImageDraw, ImageFont

    rng = random.Random(4)
    image = Image.new("RGB", (WIDTH, HEIGHT), "#f4f5f6")
    draw = ImageDraw.Draw(image)
    font = (
        ImageFont.truetype(str(CJK_FONT), 52)
        if CJK_FONT.exists()
        else ImageFont.load_default(size=52)
    )
    draw.rectangle((0, 0, WIDTH, 220), fill="#c81623")
    draw.text((80, 70), "京东客服 · 店铺在线咨询 12:30", font=font, fill="white")
    y = 300
    while y < HEIGHT - 250:
        left = rng.choice((80, 1400))
        draw.rounded_rectangle(
            (left, y, left + 2500, y + 230), 30, fill="#ffffff" if left == 80 else "#d2f1c4"
        )
        start = rng.randrange(len(CHAT) - 24)
        for line in range(3):
            text = CHAT[(start + line * 8) % len(CHAT) :][:40]
            draw.text((left + 40, y + 20 + line * 66), text, font=font, fill="#222222")
        y += 280
    for left in (300, 2300):
        image.paste(_photo((1400, 1000), seed=left), (left, 1400))
    image.save(path, "PNG")


def _photo(size: tuple[int, int], seed: int = 0):
    from PIL import Image

    gradient = Image.linear_gradient("L").resize(size)
    radial = Image.radial_gradient("L").resize(size)
    noise = Image.effect_noise(size, 24 + seed % 7)
    mirrored = gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    base = Image.merge("RGB", (gradient, radial, mirrored))
    return Image.blend(base, Image.merge("RGB", (noise, noise, noise)), 0.25)


def make_photo(path: Path) -> None:
    """Smooth gradients plus sensor noise: what a phone photo is to an encoder."""
    _photo((WIDTH, HEIGHT)).save(path, "JPEG", quality=90)


def peak_rss_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss
    over from the parent across fork+exec, so a child would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _runners(data: bytes):
    from PIL import Image

    from cases.images import PHOTO_QUALITY, PNG_COMPRESS_LEVEL, clean_image

    def bare(**png: object) -> None:
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            out = io.BytesIO()
            if image.format == "PNG":
                image.save(out, "PNG", **png)
            else:
                image.save(out, "JPEG", quality=PHOTO_QUALITY)

    def pipeline() -> None:
        clean_image(io.BytesIO(data))

    return {
        # Decode, encode with the pipeline's own encoder settings: the pipeline's overhead.
        "bare": lambda: bare(compress_level=PNG_COMPRESS_LEVEL),
        # The same with Pillow's default PNG level (6), for comparison.
        "bare_default": lambda: bare(),
        "pipeline": pipeline,
    }


def measure_time(path: Path, repeat: int) -> dict[str, list[float]]:
    """In a child: bare and pipeline runs interleaved, so a busy machine slows both alike."""
    _setup_django()
    runners = _runners(path.read_bytes())
    if path.suffix != ".png":
        del runners["bare_default"]  # the same as "bare" for a JPEG
    times: dict[str, list[float]] = {kind: [] for kind in runners}
    for _ in range(repeat):
        for kind, run in runners.items():
            started = time.perf_counter()
            run()
            times[kind].append(time.perf_counter() - started)
    return times


def measure_rss(kind: str, path: Path) -> dict[str, float]:
    """In a child of its own: one run, then the peak resident memory of the process."""
    _setup_django()
    run = _runners(path.read_bytes())[kind]
    baseline = peak_rss_mb()
    run()
    return {"baseline_mb": baseline, "peak_mb": peak_rss_mb()}


def measure_bomb(repeat: int = 50) -> dict[str, float]:
    _setup_django()
    from cases.images import EvidenceRefused, clean_image
    from tests.evidence_images import png_claiming

    bomb = png_claiming(30000, 30000)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        try:
            clean_image(io.BytesIO(bomb))
        except EvidenceRefused:
            pass
        else:
            raise AssertionError("the bomb was accepted")
        times.append(time.perf_counter() - started)
    return {
        "median_ms": statistics.median(times) * 1000,
        "worst_ms": max(times) * 1000,
        "bytes": len(bomb),
        "peak_rss_mb": peak_rss_mb(),
    }


def _child(*args: str) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def main(repeat: int = REPEAT) -> int:
    ok = True
    with tempfile.TemporaryDirectory(prefix="jd400-bench-") as folder:
        files = {
            "PNG screenshot": Path(folder) / "screenshot.png",
            "phone photo": Path(folder) / "phone.jpg",
            "plain JPEG": Path(folder) / "photo.jpg",
        }
        # Made in a child too: a big parent would inflate nothing (VmHWM is per process),
        # but it keeps this process small and the figures obviously independent.
        _child("make", folder)
        print(f"Evidence pipeline vs bare Pillow decode+encode, {WIDTH}x{HEIGHT} (12 MP).")
        print(f"Times: {repeat} runs each, interleaved in one process; best (median).")
        print("bare = Pillow decode + encode, same format and settings as the pipeline.")
        print("Peak RSS: one run in a fresh process each (VmHWM).\n")
        print(
            f"{'image':<15}{'file':>7} {'bare':>15} {'pipeline':>15} {'ratio':>12}"
            f" {'RSS bare':>9} {'RSS pipeline':>12}"
        )
        notes: list[str] = []
        for label, path in files.items():
            times = _child("time", str(path), str(repeat))
            bare_rss = _child("rss", "bare", str(path))
            pipe_rss = _child("rss", "pipeline", str(path))
            best = {kind: min(values) for kind, values in times.items()}
            median = {kind: statistics.median(values) for kind, values in times.items()}
            ratio = best["pipeline"] / best["bare"]
            ratio_median = median["pipeline"] / median["bare"]
            ok &= ratio <= TARGET_RATIO and pipe_rss["peak_mb"] < TARGET_RSS_MB
            print(
                f"{label:<15}{path.stat().st_size / 1e6:>5.1f}MB"
                f" {best['bare'] * 1000:>6.0f} ({median['bare'] * 1000:>4.0f}) ms"
                f" {best['pipeline'] * 1000:>6.0f} ({median['pipeline'] * 1000:>4.0f}) ms"
                f" {ratio:>5.2f}x ({ratio_median:.2f})"
                f" {bare_rss['peak_mb']:>7.0f}MB {pipe_rss['peak_mb']:>10.0f}MB"
            )
            if "bare_default" in best:
                notes.append(
                    f"{label}: bare with Pillow's default PNG level 6 takes "
                    f"{best['bare_default'] * 1000:.0f} ({median['bare_default'] * 1000:.0f}) ms;"
                    f" the pipeline is {best['pipeline'] / best['bare_default']:.2f}x that."
                )
        print(f"(RSS of the process before any image: {pipe_rss['baseline_mb']:.0f} MB)")
        for note in notes:
            print(note)
        bomb = _child("bomb")
        ok &= bomb["median_ms"] < TARGET_BOMB_MS
        print(
            f"\nBomb header (PNG claiming 30000x30000, {bomb['bytes']} bytes) refused in "
            f"{bomb['median_ms']:.2f} ms median, {bomb['worst_ms']:.2f} ms worst of 50."
        )
    print(
        f"\nTargets: ratio <= {TARGET_RATIO}x, peak RSS < {TARGET_RSS_MB} MB, bomb < "
        f"{TARGET_BOMB_MS} ms: {'all met' if ok else 'NOT MET'}"
    )
    return 0 if ok else 1


if __name__ == "__main__":
    command = sys.argv[1:]
    if not command:
        sys.exit(main())
    elif command[0] == "make":
        make_screenshot(Path(command[1]) / "screenshot.png")
        make_photo(Path(command[1]) / "photo.jpg")
        _setup_django()
        from bench.photos import write_phone_photo

        write_phone_photo(Path(command[1]) / "phone.jpg")
        print("{}")
    elif command[0] == "time":
        print(json.dumps(measure_time(Path(command[1]), int(command[2]))))
    elif command[0] == "rss":
        print(json.dumps(measure_rss(command[1], Path(command[2]))))
    elif command[0] == "bomb":
        print(json.dumps(measure_bomb()))
    else:
        sys.exit(f"unknown command {command[0]!r}")
