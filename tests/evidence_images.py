"""Images for the evidence tests, made in memory with Pillow: no binary fixtures."""

from __future__ import annotations

import io
import struct
import zlib

import pillow_heif
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

pillow_heif.register_heif_opener()

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def screenshot(size: tuple[int, int] = (120, 80), mode: str = "RGB") -> Image.Image:
    """Flat colours and a dark bar: what a chat screenshot looks like to an encoder."""
    image = Image.new(mode, size, "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0], size[1] // 5), fill="#c81623")
    draw.rectangle((10, size[1] // 2, size[0] - 10, size[1] // 2 + 8), fill="#333333")
    return image


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def png_bytes(size: tuple[int, int] = (120, 80)) -> bytes:
    return encode(screenshot(size), "PNG")


def jpeg_bytes(size: tuple[int, int] = (120, 80), **options: object) -> bytes:
    return encode(screenshot(size), "JPEG", **options)


# Adobe RGB (1998)'s primaries, adapted to D50: a wide profile that is neither sRGB nor P3.
ADOBE_RGB_COLORANTS = ((0.6097, 0.3111, 0.0195), (0.2053, 0.6257, 0.0609), (0.1492, 0.0632, 0.7446))


def display_p3_profile(description: str = "Display P3") -> bytes:
    """A Display P3 profile as a phone embeds it, under any name it likes."""
    from cases.colour import _P3_COLORANTS, matrix_profile

    return matrix_profile(description, _P3_COLORANTS)


def adobe_rgb_profile() -> bytes:
    from cases.colour import matrix_profile

    return matrix_profile("Adobe RGB (1998)", ADOBE_RGB_COLORANTS)


def flat_photo(colour: tuple[int, int, int], **options: object) -> bytes:
    """A JPEG of one flat colour, 64×48, with the given save options (a profile, EXIF)."""
    return encode(Image.new("RGB", (64, 48), colour), "JPEG", quality=95, **options)


def gps_exif() -> Image.Exif:
    """EXIF saying where the photo was taken (Beijing) and which phone took it."""
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[GPS_IFD] = {
        1: "N",
        2: (39.0, 54.0, 27.0),
        3: "E",
        4: (116.0, 23.0, 50.0),
    }
    return exif


def jpeg_with_gps() -> bytes:
    return jpeg_bytes(exif=gps_exif().tobytes())


def heic_with_gps() -> bytes:
    return encode(screenshot(), "HEIF", quality=90, exif=gps_exif().tobytes())


def rotated_jpeg() -> bytes:
    """A landscape 60×40 JPEG whose EXIF says "rotate 90° clockwise to view" (orientation 6),
    as phones save portrait photos. Its top-left quarter is red, the rest blue: upright,
    the red corner is top-right, and the image is 40×60."""
    image = Image.new("RGB", (60, 40), "blue")
    ImageDraw.Draw(image).rectangle((0, 0, 29, 19), fill="red")
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    return encode(image, "JPEG", quality=95, exif=exif.tobytes())


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width × height pixels (a decompression bomb's
    calling card): valid signature, IHDR with a correct CRC, a token IDAT, IEND."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", ihdr)
        + png_chunk(b"IDAT", idat)
        + png_chunk(b"IEND", b"")
    )


def gif_bytes() -> bytes:
    return encode(screenshot(), "GIF")


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)
HTML_TAIL = b"<html><body><script>alert('xss')</script></body></html>"


def use_temporary_storage(settings, folder) -> None:
    """Evidence files go to a temporary folder for the test, never to var/evidence."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder / "evidence"), "base_url": None},
        },
    }


def upload(
    data: bytes, name: str = "screenshot.png", content_type: str = "image/png"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)
