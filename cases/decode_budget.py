"""What an upload may cost the server, judged before its pixels are decoded.

Anyone can upload without an account, so a file that is cheap to send must not be costly
to open: a 300 KB progressive JPEG with thousands of scans once took ~20 s of CPU, a 100 KB
WebP declaring 16,000 × 2,400 pixels ~600 MB of memory. The rules here read only the
header (and, for JPEG, the scan markers) and either plan a cheap decode or refuse
(EvidenceRefused) with a message that says what is wrong with the file.

Figures below were measured with tests/decode_cost.py (Pillow 13): peak memory of the
whole pipeline — decoder buffers, the RGB copy, the thumbnail — per decoded pixel.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from PIL import Image

# libwebp and libheif decode into a buffer of their own that Pillow then copies; PNG keeps
# its 8-bit RGBA; a progressive JPEG holds every DCT coefficient until its last scan.
PIPELINE_BYTES_PER_PIXEL = {"JPEG": 6, "PNG": 8, "WEBP": 16, "HEIF": 9}
# Two bytes per coefficient, a luma and two quarter-size chroma planes.
PROGRESSIVE_COEFFICIENT_BYTES = 3
JPEG_SCALES = (1, 2, 4, 8)

BUSY = _("服务器正忙，这张图片没有上传。请过一分钟再试一次。")


class EvidenceRefused(Exception):
    """An upload we do not store; `message` speaks to the shopper, in their language.
    Raised by every step of the pipeline (cases/images.py); defined here, its first step,
    so that the pipeline imports the budget and not the other way round."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(message)
        self.message = message


_slots_lock = threading.Lock()
_slots: threading.BoundedSemaphore | None = None
_slots_size = 0


def _refuse_size(fmt: str, pixels: int, limit_pixels: int) -> EvidenceRefused:
    return EvidenceRefused(
        _(
            "这张图片像素太多（%(pixels)s 百万像素），服务器处理这种格式（%(format)s）"
            "最多 %(limit)s 百万像素。请截图，或缩小、另存为 JPG 后再上传。"
        )
        % {
            "pixels": f"{pixels / 1_000_000:.1f}",
            "format": fmt,
            "limit": f"{limit_pixels / 1_000_000:.1f}",
        }
    )


def jpeg_scan_count(data: bytes) -> int:
    """How many scans (SOS markers) a JPEG holds: each one is a pass over the whole image.

    Markers are walked by their lengths up to the first scan, so EXIF thumbnails and ICC
    data are not counted; after it, a 0xFF 0xDA pair can only be a marker (the encoder
    stuffs a 0x00 after every 0xFF inside the compressed data)."""
    offset = 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            return 0
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        if marker == 0xDA:
            return data.count(b"\xff\xda", offset)
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            offset += 2
            continue
        offset += 2 + int.from_bytes(data[offset + 2 : offset + 4], "big")
    return 0


def _frame_count(image: Image.Image) -> int:
    try:
        return int(getattr(image, "n_frames", 1))
    except (OSError, ValueError, EOFError, SyntaxError):
        return 1


def fit_to_budget(image: Image.Image, data: bytes) -> None:
    """Check an opened (not yet decoded) image against the budget and raise EvidenceRefused
    if it does not fit; a JPEG too large to decode whole is set to decode at a reduced size
    (`image.draft`), the one change made to `image`."""
    frames = _frame_count(image)
    if frames > settings.EVIDENCE_MAX_FRAMES:
        raise EvidenceRefused(
            _("这是一个有 %(count)d 帧的动图，无法作为证据保存。请截取需要的画面（截图）后再上传。")
            % {"count": frames}
        )

    fmt = image.format or ""
    if fmt == "JPEG":
        scans = jpeg_scan_count(data)
        if scans > settings.EVIDENCE_MAX_JPEG_SCANS:
            raise EvidenceRefused(
                _(
                    "这张 JPG 图片的结构异常（%(scans)d 次扫描，正常照片约 10 次），"
                    "处理它会占满服务器。请重新截图或拍照后再上传。"
                )
                % {"scans": scans}
            )

    width, height = image.size
    budget = settings.EVIDENCE_DECODE_MEMORY_BYTES
    if fmt == "JPEG":
        _fit_jpeg(image, budget)
        return
    per_pixel = PIPELINE_BYTES_PER_PIXEL.get(fmt, max(PIPELINE_BYTES_PER_PIXEL.values()))
    if width * height * per_pixel > budget:
        raise _refuse_size(fmt, width * height, budget // per_pixel)


def _fit_jpeg(image: Image.Image, budget: int) -> None:
    """libjpeg decodes a JPEG at 1/2, 1/4 or 1/8 of its size for almost nothing: a photo
    too big to decode whole is stored smaller, still showing every detail that matters.
    A progressive JPEG keeps every coefficient of the full size until its last scan."""
    width, height = image.size
    held = PROGRESSIVE_COEFFICIENT_BYTES * width * height if image.info.get("progressive") else 0
    for scale in JPEG_SCALES:
        size = (math.ceil(width / scale), math.ceil(height / scale))
        if held + size[0] * size[1] * PIPELINE_BYTES_PER_PIXEL["JPEG"] <= budget:
            if scale > 1:
                image.draft(image.mode, size)
            return
    raise _refuse_size("JPEG", width * height, budget // (PROGRESSIVE_COEFFICIENT_BYTES + 1))


def storage_limit(sent_bytes: int) -> int:
    """How big the stored file may be: a few times what was sent, with a floor so that a
    small screenshot re-encoded a little bigger is never refused."""
    return max(
        settings.EVIDENCE_STORED_FLOOR_BYTES, sent_bytes * settings.EVIDENCE_MAX_STORED_GROWTH
    )


TOO_COSTLY_TO_STORE = _(
    "这张图片保存后会比原文件大很多倍（文件很小，画面却极大），无法保存。"
    "请截图或另存为 JPG 后再上传。"
)


def _semaphore() -> threading.BoundedSemaphore:
    # Re-made when the setting changes, which only tests do (override_settings).
    global _slots, _slots_size
    with _slots_lock:
        size = settings.EVIDENCE_MAX_CONCURRENT_DECODES
        if _slots is None or _slots_size != size:
            _slots = threading.BoundedSemaphore(size)
            _slots_size = size
        return _slots


class DecoderBusy(Exception):
    """Every decode slot of this process stayed taken for the whole wait."""


@contextmanager
def decode_slot() -> Iterator[None]:
    """At most EVIDENCE_MAX_CONCURRENT_DECODES images decode at once in a process, so six
    uploads at the same moment cost two budgets, not six; the others wait a little."""
    slots = _semaphore()
    if not slots.acquire(timeout=settings.EVIDENCE_DECODE_WAIT_SECONDS):
        raise DecoderBusy
    try:
        yield
    finally:
        slots.release()
