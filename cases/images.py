"""Bytes to a clean image: screenshots and photos, decoded and re-encoded before anything
is stored. Pillow only: no models, no storage (storing is cases/evidence.py).

Every upload is decoded and re-encoded from its pixels, so the stored file carries no EXIF
(GPS, camera serial numbers), no XMP, none of the shopper's own profile bytes and nothing
appended after the image data (a PNG with HTML glued on its end is stored as a plain PNG).
What a stored photo may carry is written by us: the orientation flag alone, and our own
Display P3 profile for a P3 photo (cases/colour.py). Neither says anything about the
shopper, and they spare the slow part of the work: turning and colour-converting 12
million pixels. The shopper's file name is kept for display only; stored names are random.

Seed, 技巧 2 “保留证据，必要时提交”: the shopper screenshots the order, the chat records and
photos of the problem before calling. Those screenshots hold private data, hence the care.
"""

from __future__ import annotations

import io
import logging
import struct
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import IO

import pillow_heif
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

from cases import decode_budget
from cases.colour import display_p3_icc, p3_to_srgb, profile_kind
from cases.decode_budget import EvidenceRefused

logger = logging.getLogger(__name__)

# iPhones save HEIC by default; the plugin teaches Pillow to read it (format name "HEIF").
pillow_heif.register_heif_opener()

# Only what phones and screenshot tools produce. GIF, TIFF, BMP, SVG, PDF… are refused:
# fewer decoders reachable from the internet, and none of them is what a shopper sends.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
# Thumbnails fill a 96 px square slot (object-fit: cover): the same square, centred, at
# twice that for high-density screens, and nothing the slot would crop away.
THUMBNAIL_SIDE = 192
PHOTO_QUALITY = 85
# zlib's fast levels: on screenshots they are 3-4x quicker than Pillow's default (6) and
# no bigger (bench/evidence_pipeline.py), and the shopper is waiting for the upload.
PNG_COMPRESS_LEVEL = 3
THUMBNAIL_QUALITY = 80
# Modes a PNG can hold as they are; anything else (16-bit, float…) becomes 8-bit RGB(A).
_PNG_MODES = frozenset({"1", "L", "LA", "P", "RGB", "RGBA"})
ORIENTATION = 0x0112
# EXIF orientation → the transpose that shows the photo upright (as ImageOps.exif_transpose).
_UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
# Whatever goes wrong inside a decoder: truncated data, bad checksums, libheif errors.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, RuntimeError, struct.error)

NOT_AN_IMAGE = _("这个文件不是图片。请上传 JPG、PNG、WebP 或 HEIC 格式的截图或照片。")
EMPTY_FILE = _("文件是空的。请重新选择截图或照片。")
CORRUPT_IMAGE = _("图片已损坏或不完整，无法打开。请重新截图或拍照后再上传。")
UNACCEPTED_FORMAT = _(
    "不接受 %(format)s 格式的图片。请把它另存为 PNG 或 JPG（或直接截图）后再上传。"
)
# Real images in formats we do not decode, told apart by their first bytes only: the
# shopper learns what to do instead of being told the picture is not a picture.
_OTHER_IMAGE_SIGNATURES = (
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)


def size_text(size: int) -> str:
    mib = 1024 * 1024
    return f"{size // mib} MB" if size % mib == 0 else str(filesizeformat(size))


def _too_big() -> EvidenceRefused:
    return EvidenceRefused(
        _("图片太大：每个文件最多 %(size)s。请压缩或截图后再上传。")
        % {"size": size_text(settings.EVIDENCE_MAX_FILE_BYTES)}
    )


def _too_many_pixels() -> EvidenceRefused:
    return EvidenceRefused(
        _("图片尺寸过大：最多 %(limit)s 百万像素。请把图片缩小或截图后再上传。")
        % {"limit": settings.EVIDENCE_MAX_PIXELS // 1_000_000}
    )


@dataclass(frozen=True)
class CleanImage:
    """An upload after the pipeline: fresh bytes made from pixels, and a thumbnail."""

    content: bytes
    content_type: str
    extension: str
    width: int
    height: int
    thumbnail: bytes
    thumbnail_content_type: str = "image/jpeg"
    thumbnail_extension: str = ".jpg"


def read_capped(upload: IO[bytes]) -> bytes:
    """Read at most the cap plus one byte: one byte more than allowed is enough to refuse."""
    cap = settings.EVIDENCE_MAX_FILE_BYTES
    data = upload.read(cap + 1)
    if not data:
        raise EvidenceRefused(EMPTY_FILE)
    if len(data) > cap:
        raise _too_big()
    return data


def _check_pixels(size: tuple[int, int]) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise EvidenceRefused(CORRUPT_IMAGE)
    if width * height > settings.EVIDENCE_MAX_PIXELS:
        raise _too_many_pixels()


def _is_lossless_webp(data: bytes) -> bool:
    """True for a VP8L (lossless) WebP: those are screenshots and stay lossless."""
    offset = 12
    while offset + 8 <= len(data):
        fourcc = data[offset : offset + 4]
        size = int.from_bytes(data[offset + 4 : offset + 8], "little")
        if fourcc == b"VP8L":
            return True
        if fourcc == b"VP8 ":
            return False
        if fourcc == b"ANMF":
            # An animation frame: 16 bytes of frame header, then the frame's own chunks.
            return b"VP8L" in data[offset + 24 : offset + 24 + 24]
        offset += 8 + size + (size & 1)
    return False


def _not_accepted(data: bytes) -> EvidenceRefused:
    for signature, name in _OTHER_IMAGE_SIGNATURES:
        if data.startswith(signature):
            return EvidenceRefused(UNACCEPTED_FORMAT % {"format": name})
    return EvidenceRefused(NOT_AN_IMAGE)


def clean_image(upload: IO[bytes]) -> CleanImage:
    """Refuse anything but a sane JPEG/PNG/WebP/HEIC; re-encode the rest from its pixels,
    within the decode and storage budgets (cases/decode_budget.py)."""
    data = read_capped(upload)
    try:
        with decode_budget.decode_slot():
            clean = _decode_and_encode(data)
        limit = decode_budget.storage_limit(len(data))
        # zlib's best level shrinks a flat picture about fourfold; beyond that, no try.
        if limit < len(clean.content) <= 4 * limit and clean.content_type == "image/png":
            clean = _recompressed(clean)
    except decode_budget.DecoderBusy:
        raise EvidenceRefused(decode_budget.BUSY) from None
    if len(clean.content) > limit:
        raise EvidenceRefused(decode_budget.TOO_COSTLY_TO_STORE)
    return clean


def _recompressed(clean: CleanImage) -> CleanImage:
    """A tiny file of a huge flat picture (a few hundred bytes of lossless WebP) grows
    hundreds of times as a quickly compressed PNG; zlib's best level brings most back."""
    with Image.open(io.BytesIO(clean.content), formats=("PNG",)) as image:
        image.load()
        out = io.BytesIO()
        image.save(out, "PNG", optimize=False, compress_level=9)
    return replace(clean, content=out.getvalue())


def _decode_and_encode(data: bytes) -> CleanImage:
    # Pillow only warns between its own limit and twice that; for this code path a
    # decompression bomb is an error, whatever the global warning filters say. (On
    # Python < 3.14 catch_warnings is process-wide, so threads may see each other's
    # filter; that only ever adds this error. Our own pixel cap, below Pillow's limit and
    # checked before decoding, is the real guard; this is the second one.)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise _too_many_pixels() from None
        except Image.UnidentifiedImageError:
            raise _not_accepted(data) from None
        except _DECODE_ERRORS:
            raise EvidenceRefused(CORRUPT_IMAGE) from None
        with image:
            # The header's claim, before a single pixel is decoded: a 30000×30000 PNG of a
            # few kilobytes is refused here, not after allocating gigabytes.
            _check_pixels(image.size)
            decode_budget.fit_to_budget(image, data)
            lossless = image.format == "PNG" or (image.format == "WEBP" and _is_lossless_webp(data))
            try:
                image.load()
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise _too_many_pixels() from None
            except _DECODE_ERRORS:
                raise EvidenceRefused(CORRUPT_IMAGE) from None
            # Some decoders only know the real size once they have decoded.
            _check_pixels(image.size)
            if lossless:
                _apply_orientation(image)
                return _encode_lossless(image)
            return _encode_photo(image, _orientation(image))


def _apply_orientation(image: Image.Image) -> None:
    """Phones store portrait photos sideways plus an EXIF note; we store them upright,
    because the note is dropped with the rest of the EXIF."""
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except (*_DECODE_ERRORS, KeyError, TypeError):
        # Broken EXIF: keep the pixels as they are rather than refuse a usable photo.
        logger.info("evidence: unreadable EXIF orientation ignored")


def _orientation(image: Image.Image) -> int:
    """The EXIF orientation flag (1 = upright as stored); 1 when the EXIF is unreadable."""
    try:
        value = image.getexif().get(ORIENTATION, 1)
    except (*_DECODE_ERRORS, KeyError, TypeError):
        logger.info("evidence: unreadable EXIF orientation ignored")
        return 1
    return value if value in _UPRIGHT else 1


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode in ("P", "L", "RGB", "1") and "transparency" in image.info
    )


def _to_rgb(image: Image.Image) -> Image.Image:
    """JPEG has no alpha: transparent parts become white, as a viewer would show them."""
    if _has_alpha(image):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image if image.mode == "RGB" else image.convert("RGB")


def _to_srgb(image: Image.Image, icc: bytes) -> None:
    """A photo in some other wide profile (Adobe RGB…): convert it to sRGB before the
    profile is dropped, or it looks duller than the real goods (it matters for 货不对板
    colour claims). Rare, and slow: Display P3 and sRGB photos never come here."""
    try:
        ImageCms.profileToProfile(
            image, io.BytesIO(icc), ImageCms.createProfile("sRGB"), outputMode="RGB", inPlace=True
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        logger.info("evidence: unusable ICC profile dropped without conversion")


def _thumbnail(image: Image.Image, orientation: int = 1, display_p3: bool = False) -> bytes:
    source = image
    if source.mode not in ("RGB", "RGBA", "L", "LA"):
        source = source.convert("RGBA" if _has_alpha(source) else "RGB")
    width, height = source.size
    crop = min(width, height)
    side = min(crop, THUMBNAIL_SIDE)
    left, top = (width - crop) // 2, (height - crop) // 2
    # reducing_gap: a cheap box reduction first, then a good filter on the small image.
    small = source.resize(
        (side, side),
        Image.Resampling.LANCZOS,
        box=(left, top, left + crop, top + crop),
        reducing_gap=3.0,
    )
    if orientation in _UPRIGHT:
        small = small.transpose(_UPRIGHT[orientation])
    small = _to_rgb(small)
    if display_p3:
        small = p3_to_srgb(small)  # shown without a profile: sRGB, as browsers assume
    out = io.BytesIO()
    small.save(out, "JPEG", quality=THUMBNAIL_QUALITY, optimize=True)
    return out.getvalue()


def _fresh_info(image: Image.Image, keep: Iterable[str] = ()) -> None:
    # Encoders read some metadata straight from .info (PNG copies the ICC profile):
    # empty it so nothing but pixels reaches the stored file.
    image.info = {key: image.info[key] for key in keep if key in image.info}


def _encode_lossless(image: Image.Image) -> CleanImage:
    """Screenshots stay PNG: text in chat records must not smear."""
    if image.mode not in _PNG_MODES:
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    _fresh_info(image, keep=("transparency",))
    thumbnail = _thumbnail(image)
    out = io.BytesIO()
    # optimize=False: its extra passes cost seconds on a 12 MP screenshot for a few percent.
    image.save(out, "PNG", optimize=False, compress_level=PNG_COMPRESS_LEVEL)
    return CleanImage(out.getvalue(), "image/png", ".png", *image.size, thumbnail=thumbnail)


def _encode_photo(image: Image.Image, orientation: int = 1) -> CleanImage:
    icc = image.info.get("icc_profile")
    rgb = _to_rgb(image)
    kind = profile_kind(icc) if icc and rgb.mode == "RGB" else None
    if kind == "other":
        _to_srgb(rgb, icc)
    _fresh_info(rgb)
    display_p3 = kind == "display_p3"
    thumbnail = _thumbnail(rgb, orientation, display_p3)
    written: dict[str, bytes] = {}
    if display_p3:
        written["icc_profile"] = display_p3_icc()
    if orientation != 1:
        # The photo is stored as the camera saved it, with the flag every browser and
        # viewer honours: turning 12 million pixels costs more than decoding them.
        exif = Image.Exif()
        exif[ORIENTATION] = orientation
        written["exif"] = exif.tobytes()
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=PHOTO_QUALITY, **written)
    width, height = rgb.size
    if orientation >= 5:  # a quarter turn: the shopper sees it the other way round
        width, height = height, width
    return CleanImage(out.getvalue(), "image/jpeg", ".jpg", width, height, thumbnail=thumbnail)
