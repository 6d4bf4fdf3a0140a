"""Evidence uploads: screenshots and photos, cleaned before anything is stored.

Every upload is decoded and re-encoded from its pixels, so the stored file carries no EXIF
(GPS, camera serial numbers), no XMP, no ICC profile and nothing appended after the image
data (a PNG with HTML glued on its end is stored as a plain PNG). The shopper's file name
is kept for display only; stored names are random.

Seed, 技巧 2 “保留证据，必要时提交”: the shopper screenshots the order, the chat records and
photos of the problem before calling. Those screenshots hold private data, hence the care.
"""

from __future__ import annotations

import io
import logging
import secrets
import struct
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

import pillow_heif
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.db.models import Count, Sum
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps

from cases.models import Case, Evidence

logger = logging.getLogger(__name__)

# iPhones save HEIC by default; the plugin teaches Pillow to read it (format name "HEIF").
pillow_heif.register_heif_opener()

# Only what phones and screenshot tools produce. GIF, TIFF, BMP, SVG, PDF… are refused:
# fewer decoders reachable from the internet, and none of them is what a shopper sends.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "HEIF")
THUMBNAIL_MAX_SIDE = 320
PHOTO_QUALITY = 85
# zlib's fast levels: on screenshots they are 3-4x quicker than Pillow's default (6) and
# no bigger (bench/evidence_pipeline.py), and the shopper is waiting for the upload.
PNG_COMPRESS_LEVEL = 3
THUMBNAIL_QUALITY = 80
ORIGINAL_NAME_MAX = 255
# Modes a PNG can hold as they are; anything else (16-bit, float…) becomes 8-bit RGB(A).
_PNG_MODES = frozenset({"1", "L", "LA", "P", "RGB", "RGBA"})
# Whatever goes wrong inside a decoder: truncated data, bad checksums, libheif errors.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, RuntimeError, struct.error)

NOT_AN_IMAGE = _("这个文件不是图片。请上传 JPG、PNG、WebP 或 HEIC 格式的截图或照片。")
EMPTY_FILE = _("文件是空的。请重新选择截图或照片。")
CORRUPT_IMAGE = _("图片已损坏或不完整，无法打开。请重新截图或拍照后再上传。")


class EvidenceRefused(Exception):
    """An upload we do not store; `message` speaks to the shopper, in their language."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(message)
        self.message = message


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


def clean_image(upload: IO[bytes]) -> CleanImage:
    """Refuse anything but a sane JPEG/PNG/WebP/HEIC; re-encode the rest from its pixels."""
    data = read_capped(upload)
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
            raise EvidenceRefused(NOT_AN_IMAGE) from None
        except _DECODE_ERRORS:
            raise EvidenceRefused(CORRUPT_IMAGE) from None
        with image:
            # The header's claim, before a single pixel is decoded: a 30000×30000 PNG of a
            # few kilobytes is refused here, not after allocating gigabytes.
            _check_pixels(image.size)
            lossless = image.format == "PNG" or (image.format == "WEBP" and _is_lossless_webp(data))
            try:
                image.load()
            except (Image.DecompressionBombError, Image.DecompressionBombWarning):
                raise _too_many_pixels() from None
            except _DECODE_ERRORS:
                raise EvidenceRefused(CORRUPT_IMAGE) from None
            # Some decoders only know the real size once they have decoded.
            _check_pixels(image.size)
            _apply_orientation(image)
            if lossless:
                return _encode_lossless(image)
            return _encode_photo(image)


def _apply_orientation(image: Image.Image) -> None:
    """Phones store portrait photos sideways plus an EXIF note; we store them upright,
    because the note is dropped with the rest of the EXIF."""
    try:
        ImageOps.exif_transpose(image, in_place=True)
    except (*_DECODE_ERRORS, KeyError, TypeError):
        # Broken EXIF: keep the pixels as they are rather than refuse a usable photo.
        logger.info("evidence: unreadable EXIF orientation ignored")


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


def _to_srgb(image: Image.Image, icc: bytes | None) -> None:
    """iPhone photos are Display P3: convert to sRGB before the profile is dropped, or the
    stored photo looks duller than the real goods (it matters for 货不对板 colour claims)."""
    if not icc or image.mode != "RGB":
        return
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" in ImageCms.getProfileDescription(profile).lower().replace(" ", ""):
            return
        ImageCms.profileToProfile(
            image, profile, ImageCms.createProfile("sRGB"), outputMode="RGB", inPlace=True
        )
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        logger.info("evidence: unusable ICC profile dropped without conversion")


def _thumbnail(image: Image.Image) -> bytes:
    source = image
    if source.mode not in ("RGB", "RGBA", "L", "LA"):
        source = source.convert("RGBA" if _has_alpha(source) else "RGB")
    width, height = source.size
    scale = min(1.0, THUMBNAIL_MAX_SIDE / max(width, height))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    # reducing_gap: a cheap box reduction first, then a good filter on the small image.
    small = source.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    out = io.BytesIO()
    _to_rgb(small).save(out, "JPEG", quality=THUMBNAIL_QUALITY)
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


def _encode_photo(image: Image.Image) -> CleanImage:
    icc = image.info.get("icc_profile")
    rgb = _to_rgb(image)
    _to_srgb(rgb, icc)
    _fresh_info(rgb)
    thumbnail = _thumbnail(rgb)
    out = io.BytesIO()
    rgb.save(out, "JPEG", quality=PHOTO_QUALITY)
    return CleanImage(out.getvalue(), "image/jpeg", ".jpg", *rgb.size, thumbnail=thumbnail)


# --- Storing --------------------------------------------------------------------------


def _random_name(extension: str) -> str:
    # 144 random bits: stored names say nothing about the shopper, the case or the file.
    return f"{secrets.token_urlsafe(18)}{extension}"


def display_name(name: str | None) -> str:
    """The shopper's own file name, for display only (never used to store anything)."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in base if ch.isprintable())[:ORIGINAL_NAME_MAX]


def ensure_room(case: Case, incoming_bytes: int = 0) -> None:
    """Refuse when the case already holds the most files or bytes it may hold."""
    totals = Evidence.objects.filter(case_id=case.pk).aggregate(
        files=Count("id"), size=Sum("size_bytes")
    )
    if totals["files"] >= settings.EVIDENCE_MAX_FILES_PER_CASE:
        raise EvidenceRefused(
            _("这个案例最多可以上传 %(count)d 个文件，已经满了。请先删除不需要的再上传。")
            % {"count": settings.EVIDENCE_MAX_FILES_PER_CASE}
        )
    if (totals["size"] or 0) + incoming_bytes > settings.EVIDENCE_MAX_BYTES_PER_CASE:
        raise EvidenceRefused(
            _("这个案例的图片总共最多 %(size)s，已经不够放下这张。请先删除不需要的再上传。")
            % {"size": size_text(settings.EVIDENCE_MAX_BYTES_PER_CASE)}
        )


def delete_stored(names: Iterable[str], storage: Storage | None = None) -> None:
    storage = storage or default_storage
    for name in names:
        if not name:
            continue
        try:
            storage.delete(name)
        except OSError:
            # The sweep command collects what could not be removed now.
            logger.warning("evidence: could not delete %s", name, exc_info=True)


def add_evidence(
    case: Case, upload: IO[bytes], *, kind: str, caption: str = "", original_name: str = ""
) -> Evidence:
    """Clean one upload and store it with its row: both or neither.

    Decoding happens before any lock is taken (it is the slow part); the case row is
    locked only to check the caps and insert, so two uploads racing for the last slot
    are serialised and exactly one wins.
    """
    ensure_room(case)  # cheap early refusal: no decoding for a case that is already full
    clean = clean_image(upload)
    saved: list[str] = []
    try:
        image_name = default_storage.save(_random_name(clean.extension), ContentFile(clean.content))
        saved.append(image_name)
        thumbnail_name = default_storage.save(
            _random_name(clean.thumbnail_extension), ContentFile(clean.thumbnail)
        )
        saved.append(thumbnail_name)
        with transaction.atomic():
            locked = Case.objects.select_for_update().get(pk=case.pk)
            ensure_room(locked, len(clean.content))
            locked.touch()
            return Evidence.objects.create(
                case=locked,
                kind=kind,
                caption=caption,
                image=image_name,
                thumbnail=thumbnail_name,
                content_type=clean.content_type,
                original_name=display_name(original_name),
                size_bytes=len(clean.content),
                width=clean.width,
                height=clean.height,
            )
    except BaseException:
        # No row, no files: a refused or failed insert leaves nothing behind.
        delete_stored(saved)
        raise


@dataclass
class BatchResult:
    stored: list[Evidence] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)


def add_evidence_batch(
    case: Case, uploads: Iterable[IO[bytes]], *, kind: str, caption: str
) -> BatchResult:
    """Several files chosen at once: store each good one, list each refused one with why."""
    result = BatchResult()
    for upload in uploads:
        name = display_name(getattr(upload, "name", ""))
        try:
            result.stored.append(
                add_evidence(case, upload, kind=kind, caption=caption, original_name=name)
            )
        except EvidenceRefused as refusal:
            result.refused.append((name, str(refusal.message)))
    return result


def stored_names(storage: Storage | None = None, path: str = "") -> Iterator[str]:
    """Every file name in the evidence storage, sub-folders included."""
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(path)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{path}/{name}" if path else name
    for folder in folders:
        yield from stored_names(storage, f"{path}/{folder}" if path else folder)


def referenced_names() -> set[str]:
    names: set[str] = set()
    for image, thumbnail in Evidence.objects.values_list("image", "thumbnail").iterator():
        names.update((image, thumbnail))
    return names
