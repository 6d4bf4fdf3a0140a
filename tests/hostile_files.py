"""Hostile uploads, made in code: files that are cheap to send and costly to decode.

Each maker returns bytes. They are built the way an attacker builds them (a hand-written
JPEG whose scans each cost a pass over the whole image, a tiny WebP declaring a huge
canvas), not downloaded: nothing binary is committed.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable

from PIL import Image

from tests import evidence_images as images

# --- A progressive JPEG with thousands of scans -------------------------------------------


def _segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


class _Bits:
    """Entropy-coded data: MSB first, 0xFF stuffed with 0x00, padded with 1-bits."""

    def __init__(self) -> None:
        self.value = 0
        self.count = 0
        self.out = bytearray()

    def put(self, code: int, length: int) -> None:
        for shift in range(length - 1, -1, -1):
            self.value = (self.value << 1) | ((code >> shift) & 1)
            self.count += 1
            if self.count == 8:
                self.out.append(self.value)
                if self.value == 0xFF:
                    self.out.append(0)
                self.value = 0
                self.count = 0

    def flush(self) -> bytes:
        while self.count:
            self.put(1, 1)
        return bytes(self.out)


def jpeg_with_many_scans(scans: int = 3000, side: int = 4096) -> bytes:
    """A grey progressive JPEG whose every AC scan is a few bytes of "end of block" runs.

    Each scan is ~30 bytes on the wire, yet a decoder walks every block of the image for
    each one: the cost is scans × blocks, while real cameras write about ten scans.
    """
    blocks = (side // 8) ** 2
    quant = _segment(0xDB, b"\x00" + bytes([1] * 64))
    frame = _segment(0xC2, struct.pack(">BHHB", 8, side, side, 1) + b"\x01\x11\x00")
    # DC table: one symbol (category 0) coded "0". AC table: one symbol, EOB run of 2^14+.
    dc_table = _segment(0xC4, b"\x00" + bytes([1] + [0] * 15) + b"\x00")
    ac_table = _segment(0xC4, b"\x10" + bytes([1] + [0] * 15) + b"\xe0")

    dc = _Bits()
    for _ in range(blocks):
        dc.put(0, 1)
    dc_scan = _segment(0xDA, b"\x01\x01\x00\x00\x00\x00") + dc.flush()

    ac = _Bits()
    left = blocks
    while left > 0:
        run = min(left, 32767)
        ac.put(0, 1)  # the EOB14 symbol
        ac.put(run - 16384 if run >= 16384 else 0, 14)
        left -= max(run, 16384)
    ac_data = ac.flush()
    ac_scan = _segment(0xDA, b"\x01\x01\x00\x01\x3f\x00") + ac_data
    return (
        b"\xff\xd8" + quant + frame + dc_table + ac_table + dc_scan + ac_scan * scans + b"\xff\xd9"
    )


# --- Huge canvases in tiny files ----------------------------------------------------------


def webp_huge_canvas(size: tuple[int, int] = (16000, 2400)) -> bytes:
    """A lossy WebP of one flat colour: ~100 KB that decode to ~150 MB of pixels."""
    return images.encode(Image.new("RGB", size, (230, 230, 230)), "WEBP", quality=1, method=0)


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_huge_canvas(size: tuple[int, int] = (6000, 6000), mode_byte: int = 0) -> bytes:
    """A 1-bit (mode_byte 0) or RGBA (6) PNG of one flat colour, written row by row with
    maximum compression: a few kilobytes for 36 megapixels."""
    width, height = size
    bit_depth, bytes_per_row = (1, (width + 7) // 8) if mode_byte == 0 else (8, width * 4)
    compressor = zlib.compressobj(9 if mode_byte == 0 else 1)
    row = b"\x00" + b"\x00" * bytes_per_row
    body = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, bit_depth, mode_byte, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", body)
        + _png_chunk(b"IEND", b"")
    )


def jpeg_huge_canvas(size: tuple[int, int] = (7000, 5700)) -> bytes:
    """A flat grey JPEG just under the pixel cap (quality 1): a photo-sized decode."""
    return images.encode(Image.new("L", size, 200), "JPEG", quality=1)


def gif_huge_canvas() -> bytes:
    return images.encode(Image.new("P", (6000, 6000), 0), "GIF")


def gif_many_frames(frames: int = 500) -> bytes:
    first = Image.new("P", (400, 400), 0)
    rest = [Image.new("P", (400, 400), i % 200) for i in range(1, frames)]
    out = io.BytesIO()
    first.save(out, "GIF", save_all=True, append_images=rest, duration=10)
    return out.getvalue()


def webp_many_frames(frames: int = 300) -> bytes:
    first = Image.new("RGB", (200, 200), (0, 0, 0))
    rest = [Image.new("RGB", (200, 200), (i % 250, 0, 0)) for i in range(1, frames)]
    out = io.BytesIO()
    first.save(out, "WEBP", save_all=True, append_images=rest, quality=1, method=0)
    return out.getvalue()


def apng_many_frames(frames: int = 300) -> bytes:
    first = Image.new("RGB", (200, 200), (0, 0, 0))
    rest = [Image.new("RGB", (200, 200), (0, i % 250, 0)) for i in range(1, frames)]
    out = io.BytesIO()
    first.save(out, "PNG", save_all=True, append_images=rest, compress_level=1)
    return out.getvalue()


def tiny_file_huge_image() -> bytes:
    """A lossless WebP of one colour: a kilobyte for 30 MP, which a careless pipeline
    decodes into ~450 MB and stores as a PNG hundreds of times bigger than what was sent."""
    return images.encode(Image.new("RGB", (6000, 5000), (250, 250, 250)), "WEBP", lossless=True)


def tiny_file_flat_image() -> bytes:
    """The same trick at a size the decode budget allows (9.6 MP in ~460 bytes)."""
    return images.encode(Image.new("RGB", (2400, 4000), (250, 250, 250)), "WEBP", lossless=True)


def webp_repeating_tile() -> bytes:
    """Random 64 × 64 tiles repeated: WebP refers back across rows (~30 KB), a PNG's
    32 KB window cannot, so stored as PNG it grows by a factor of about fifty."""
    import random

    rng = random.Random(11)
    tile = Image.frombytes("RGB", (64, 64), bytes(rng.randrange(256) for _ in range(64 * 64 * 3)))
    canvas = Image.new("RGB", (1600, 2400))
    for top in range(0, 2400, 64):
        for left in range(0, 1600, 64):
            canvas.paste(tile, (left, top))
    return images.encode(canvas, "WEBP", lossless=True, method=0)


def jpeg_progressive_huge_canvas() -> bytes:
    return images.encode(Image.new("L", (7000, 5700), 90), "JPEG", quality=1, progressive=True)


def png_rgba_huge_canvas() -> bytes:
    return png_huge_canvas((6000, 6000), mode_byte=6)


# --- Truncated and polyglot files ---------------------------------------------------------


def truncated(maker: Callable[[], bytes], keep: float = 0.5) -> Callable[[], bytes]:
    def make() -> bytes:
        data = maker()
        return data[: max(16, int(len(data) * keep))]

    make.__name__ = f"truncated_{maker.__name__}"
    return make


def photo_jpeg() -> bytes:
    return images.jpeg_bytes((1200, 900), quality=90)


def photo_webp() -> bytes:
    return images.encode(images.screenshot((1200, 900)), "WEBP", quality=80)


def screenshot_png() -> bytes:
    return images.png_bytes((1200, 900))


def photo_heic() -> bytes:
    return images.encode(images.screenshot((640, 480)), "HEIF", quality=80)


def png_with_html_appended() -> bytes:
    return screenshot_png() + b"<html><script>alert(document.cookie)</script></html>"


def jpeg_zip_polyglot() -> bytes:
    """A JPEG that is also a ZIP archive (its central directory at the end)."""
    archive = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("payload.html", "<script>alert(1)</script>")
    return photo_jpeg() + archive.getvalue()


def gif_with_script() -> bytes:
    """GIF89a header that is also JavaScript (the classic GIFAR-style polyglot)."""
    return b"GIF89a=1;alert(document.domain);//" + images.gif_bytes()[35:]


def bmp_image() -> bytes:
    return images.encode(images.screenshot((200, 100)), "BMP")


def tiff_image() -> bytes:
    return images.encode(images.screenshot((200, 100)), "TIFF")


def gif_image() -> bytes:
    return images.encode(images.screenshot((200, 100)).convert("P"), "GIF")
