"""Colour profiles for evidence photos.

iPhones (and many Android phones) shoot in Display P3, a wider gamut than sRGB. The stored
photo keeps its P3 pixels and carries this module's own Display P3 profile, written from
the published primaries: the shopper's profile bytes are never stored (a profile's text tags
could carry anything), and converting 12 million pixels to sRGB on every upload, the slow
part of the pipeline, is not needed for a browser to show the true colours.
"""

from __future__ import annotations

import io
import struct
from functools import cache, lru_cache
from typing import Literal

from PIL import Image, ImageCms

# Display P3 (SMPTE EG 432-1: DCI-P3 primaries, D65 white, the sRGB transfer curve), as
# ICC v4 stores it: colorants adapted to the D50 connection space (Bradford), the same
# numbers as the profile phones embed.
_P3_COLORANTS = (
    (0.515121, 0.241196, -0.001053),
    (0.291977, 0.692245, 0.041885),
    (0.157104, 0.066574, 0.784073),
)
_D50 = (0.964203, 1.0, 0.824905)
_D65_TO_D50 = (
    (1.047882, 0.022919, -0.050217),
    (0.029587, 0.990479, -0.017075),
    (-0.009232, 0.015076, 0.751678),
)
# The sRGB curve as ICC parametric curve type 3: Y = (aX + b)^g for X >= d, else cX.
_SRGB_CURVE = (2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045)


def _s15f16(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _xyz(values: tuple[float, float, float]) -> bytes:
    return b"XYZ \0\0\0\0" + b"".join(_s15f16(v) for v in values)


def _text(text: str) -> bytes:
    """A one-record multiLocalizedUnicode tag (en-US), as ICC v4 wants for text."""
    encoded = text.encode("utf-16-be")
    return (
        b"mluc\0\0\0\0"
        + struct.pack(">II2s2sII", 1, 12, b"en", b"US", len(encoded), 28)
        + (encoded)
    )


def _curve() -> bytes:
    return b"para\0\0\0\0" + struct.pack(">HH", 3, 0) + b"".join(_s15f16(v) for v in _SRGB_CURVE)


def _pad(data: bytes) -> bytes:
    return data + b"\0" * (-len(data) % 4)


@cache
def display_p3_icc() -> bytes:
    """A complete ICC v4 Display P3 profile (about 500 bytes)."""
    return matrix_profile("Display P3", _P3_COLORANTS)


def matrix_profile(description: str, colorants: tuple[tuple[float, float, float], ...]) -> bytes:
    """An RGB matrix/curve profile: D50-adapted colorants, the sRGB curve, D65 white."""
    curve = _curve()
    tags = [
        (b"desc", _text(description)),
        (b"cprt", _text("No copyright, use freely")),
        (b"wtpt", _xyz(_D50)),
        (b"rXYZ", _xyz(colorants[0])),
        (b"gXYZ", _xyz(colorants[1])),
        (b"bXYZ", _xyz(colorants[2])),
        (b"rTRC", curve),
        (b"gTRC", curve),
        (b"bTRC", curve),
        (b"chad", b"sf32\0\0\0\0" + b"".join(_s15f16(v) for row in _D65_TO_D50 for v in row)),
    ]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    table = struct.pack(">I", len(tags))
    body = b""
    written: dict[bytes, int] = {}  # the three curves share one copy
    for signature, data in tags:
        if data not in written:
            written[data] = offset + len(body)
            body += _pad(data)
        table += signature + struct.pack(">II", written[data], len(data))
    size = offset + len(body)
    header = (
        struct.pack(">I", size)
        + b"\0\0\0\0"  # preferred CMM: none
        + bytes((4, 0x30, 0, 0))  # version 4.3
        + b"mntrRGB XYZ "
        + struct.pack(">6H", 2024, 1, 1, 0, 0, 0)
        + b"acsp"
        + b"\0" * 4  # platform
        + b"\0" * 4  # flags
        + b"\0" * 8  # device manufacturer, model
        + b"\0" * 8  # attributes
        + struct.pack(">I", 0)  # rendering intent: perceptual
        + b"".join(_s15f16(v) for v in _D50)
        + b"\0" * 4  # creator
        + b"\0" * 16  # profile ID (optional)
        + b"\0" * 28
    )
    assert len(header) == 128
    return header + table + body


# --- Recognising a photo's profile -----------------------------------------------------

ProfileKind = Literal["srgb", "display_p3", "other", "unusable"]

# Primaries, greys and in-between colours: two profiles that map all of these onto each
# other within a rounding step describe the same colours, whatever their text says.
_SAMPLES = Image.frombytes(
    "RGB",
    (45, 1),
    bytes(
        channel
        for colour in [
            (r, g, b) for r in (0, 128, 255) for g in (0, 128, 255) for b in (0, 128, 255)
        ]
        + [(v, v, v) for v in (16, 48, 96, 160, 208, 240)]
        + [(200, 100, 60), (60, 180, 90), (70, 90, 220), (230, 210, 40), (250, 120, 180)]
        + [(30, 30, 60), (90, 40, 20), (180, 220, 250), (120, 90, 160), (10, 250, 250)]
        + [(140, 140, 20), (250, 250, 200)]
        for channel in colour
    ),
)


def _profile(icc: bytes) -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(io.BytesIO(icc))


@cache
def _reference(kind: str) -> ImageCms.ImageCmsProfile:
    if kind == "srgb":
        return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    return _profile(display_p3_icc())


def _same_colours(profile: ImageCms.ImageCmsProfile, kind: str) -> bool:
    transform = ImageCms.buildTransform(
        profile,
        _reference(kind),
        "RGB",
        "RGB",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
    )
    mapped = ImageCms.applyTransform(_SAMPLES, transform).tobytes()
    return all(abs(a - b) <= 2 for a, b in zip(mapped, _SAMPLES.tobytes(), strict=True))


@lru_cache(maxsize=32)
def profile_kind(icc: bytes) -> ProfileKind:
    """What a photo's embedded profile describes, judged by the colours it maps, never by
    its name. Phones embed the same few profiles, so the answer is cached by their bytes."""
    try:
        profile = _profile(icc)
        if _same_colours(profile, "srgb"):
            return "srgb"
        if _same_colours(profile, "display_p3"):
            return "display_p3"
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return "unusable"
    return "other"


@cache
def _p3_to_srgb() -> ImageCms.ImageCmsTransform:
    return ImageCms.buildTransform(_reference("display_p3"), _reference("srgb"), "RGB", "RGB")


def p3_to_srgb(image: Image.Image) -> Image.Image:
    """A small Display P3 image (a thumbnail) in sRGB, to be shown without a profile."""
    return ImageCms.applyTransform(image, _p3_to_srgb())
