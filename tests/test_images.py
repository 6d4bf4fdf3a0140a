"""cases/images.py: bytes to a clean image, or a refusal the shopper can act on. Pillow
alone: no database, no storage."""

from __future__ import annotations

import io
import time

import pytest
from django.test import override_settings
from PIL import Image, ImageDraw, ImageOps

from cases.colour import display_p3_icc
from cases.images import EvidenceRefused, clean_image
from tests import evidence_images as images


def refusal(data: bytes) -> str:
    with pytest.raises(EvidenceRefused) as raised:
        clean_image(io.BytesIO(data))
    return str(raised.value.message)


def reopen(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


# --- Refused ------------------------------------------------------------------------


def test_it_tells_a_gif_named_jpg_to_be_saved_as_png_or_jpg():
    # A real picture in a format we do not decode: say which, and what to do instead.
    assert "不接受 GIF 格式的图片。请把它另存为 PNG 或 JPG" in refusal(images.gif_bytes())


def test_it_refuses_an_svg_with_a_script():
    assert "不是图片" in refusal(images.SVG_WITH_SCRIPT)


def test_it_refuses_a_pdf():
    assert "不是图片" in refusal(images.PDF_BYTES)


def test_it_refuses_a_truncated_png():
    data = images.png_bytes((400, 300))
    assert "损坏" in refusal(data[: len(data) // 2])


def test_it_refuses_an_empty_file():
    assert "文件是空的" in refusal(b"")


def test_it_refuses_a_header_claiming_30000_by_30000_before_decoding():
    bomb = images.png_claiming(30000, 30000)
    started = time.perf_counter()
    message = refusal(bomb)
    assert "尺寸过大" in message
    # Decoding 900 MP would take seconds and gigabytes; refusing the header takes nothing.
    assert time.perf_counter() - started < 0.5


@override_settings(EVIDENCE_MAX_PIXELS=10**12)
def test_it_turns_pillows_decompression_bomb_warning_into_a_refusal():
    # 100 MP is past Pillow's warning threshold (about 89 MP) but below its error (twice
    # that); with our own cap lifted, only the warning-as-error stops it.
    assert "尺寸过大" in refusal(images.png_claiming(10_000, 10_000))


@override_settings(EVIDENCE_MAX_PIXELS=100 * 100)
def test_it_refuses_more_pixels_than_the_cap_even_below_pillows_own_limit():
    assert "尺寸过大" in refusal(images.png_bytes((101, 100)))


@override_settings(EVIDENCE_MAX_FILE_BYTES=1000)
def test_it_refuses_a_file_over_the_size_cap():
    data = images.jpeg_bytes((400, 400), quality=95)
    assert len(data) > 1000
    assert "图片太大" in refusal(data)


@override_settings(EVIDENCE_MAX_FILE_BYTES=1000)
def test_it_reads_no_more_than_the_cap_plus_one_byte():
    class Endless(io.RawIOBase):
        requested: list[int] = []

        def read(self, size: int = -1) -> bytes:
            self.requested.append(size)
            return b"\x00" * size

    endless = Endless()
    with pytest.raises(EvidenceRefused):
        clean_image(endless)
    assert endless.requested == [1001]


# --- Cleaned ------------------------------------------------------------------------


def test_it_drops_html_appended_to_a_png():
    clean = clean_image(io.BytesIO(images.png_bytes() + images.HTML_TAIL))
    assert b"<script" not in clean.content
    assert b"<html" not in clean.content
    assert clean.content_type == "image/png"


def test_it_keeps_a_png_lossless():
    original = images.screenshot()
    clean = clean_image(io.BytesIO(images.encode(original, "PNG")))
    assert reopen(clean.content).convert("RGB").tobytes() == original.tobytes()


def test_it_keeps_a_lossless_webp_lossless_as_png():
    original = images.screenshot()
    clean = clean_image(io.BytesIO(images.encode(original, "WEBP", lossless=True)))
    assert clean.content_type == "image/png"
    assert reopen(clean.content).convert("RGB").tobytes() == original.tobytes()


def test_it_turns_a_lossy_webp_into_a_jpeg():
    clean = clean_image(io.BytesIO(images.encode(images.screenshot(), "WEBP", quality=80)))
    assert clean.content_type == "image/jpeg"
    assert reopen(clean.content).format == "JPEG"


def test_it_strips_gps_exif_from_a_jpeg():
    assert Image.open(io.BytesIO(images.jpeg_with_gps())).getexif()  # the input has it
    clean = clean_image(io.BytesIO(images.jpeg_with_gps()))
    stored = reopen(clean.content)
    assert dict(stored.getexif()) == {}
    assert b"PhoneMaker" not in clean.content
    assert "icc_profile" not in stored.info


def test_it_strips_gps_exif_from_a_heic():
    heic = images.heic_with_gps()
    assert Image.open(io.BytesIO(heic)).getexif()  # the input has it (HEIC encoding works)
    clean = clean_image(io.BytesIO(heic))
    assert clean.content_type == "image/jpeg"
    assert dict(reopen(clean.content).getexif()) == {}
    assert b"PhoneMaker" not in clean.content


def test_it_strips_an_icc_profile():
    from PIL import ImageCms

    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    clean = clean_image(io.BytesIO(images.jpeg_bytes(icc_profile=icc)))
    assert "icc_profile" not in reopen(clean.content).info


def test_it_keeps_a_display_p3_photo_in_p3_under_our_own_profile_not_the_phones():
    phone_profile = images.display_p3_profile("iPhone of 张三")
    clean = clean_image(io.BytesIO(images.flat_photo((200, 100, 60), icc_profile=phone_profile)))
    stored = reopen(clean.content)
    assert stored.info["icc_profile"] == display_p3_icc()
    assert "张三".encode("utf-16-be") not in clean.content
    red, green, blue = stored.getpixel((32, 24))  # the P3 numbers, unconverted
    assert abs(red - 200) <= 3 and abs(green - 100) <= 3 and abs(blue - 60) <= 3


def test_it_shows_a_display_p3_photos_thumbnail_in_srgb():
    photo = images.flat_photo((200, 100, 60), icc_profile=images.display_p3_profile())
    thumbnail = reopen(clean_image(io.BytesIO(photo)).thumbnail)
    assert "icc_profile" not in thumbnail.info
    red, green, blue = thumbnail.getpixel((20, 20))  # P3 (200, 100, 60) is sRGB (215, 93, 47)
    assert abs(red - 215) <= 3 and abs(green - 93) <= 3 and abs(blue - 47) <= 3


def test_it_converts_a_photo_in_another_wide_profile_to_srgb():
    photo = images.flat_photo((200, 100, 60), icc_profile=images.adobe_rgb_profile())
    clean = clean_image(io.BytesIO(photo))
    stored = reopen(clean.content)
    assert "icc_profile" not in stored.info
    red, green, blue = stored.getpixel((32, 24))  # Adobe RGB (200, 100, 60) is sRGB (226, 100, 58)
    assert abs(red - 226) <= 3 and abs(green - 100) <= 3 and abs(blue - 58) <= 3


def test_it_drops_an_unreadable_profile():
    clean = clean_image(io.BytesIO(images.flat_photo((200, 100, 60), icc_profile=b"not a profile")))
    assert "icc_profile" not in reopen(clean.content).info


def test_it_shows_a_rotated_photo_upright_with_the_orientation_flag_alone():
    clean = clean_image(io.BytesIO(images.rotated_jpeg()))
    stored = reopen(clean.content)
    # Stored as the camera saved it, with the flag every viewer turns it by, and nothing
    # else of the EXIF.
    assert dict(stored.getexif()) == {images.ORIENTATION: 6}
    upright = ImageOps.exif_transpose(stored)
    assert (clean.width, clean.height) == (40, 60)
    assert upright.size == (40, 60)
    # Orientation 6 turns the red top-left corner into the top-right one.
    red, green, blue = upright.getpixel((35, 5))
    assert red > 200 and green < 60 and blue < 60
    red, green, blue = upright.getpixel((5, 5))
    assert blue > 200 and red < 60


def test_it_makes_the_thumbnail_of_a_rotated_photo_upright():
    image = Image.new("RGB", (400, 200), "blue")
    ImageDraw.Draw(image).rectangle((100, 0, 199, 99), fill="red")  # top-left of the centre
    exif = Image.Exif()
    exif[images.ORIENTATION] = 6
    clean = clean_image(io.BytesIO(images.encode(image, "JPEG", quality=95, exif=exif.tobytes())))
    thumbnail = reopen(clean.thumbnail)
    assert dict(thumbnail.getexif()) == {}
    red, green, blue = thumbnail.getpixel((150, 40))  # upright: the red part is top-right
    assert red > 200 and blue < 60
    red, green, blue = thumbnail.getpixel((40, 40))
    assert blue > 200 and red < 60


def test_it_keeps_the_flag_out_of_a_photo_that_is_already_upright():
    clean = clean_image(io.BytesIO(images.jpeg_bytes()))
    assert dict(reopen(clean.content).getexif()) == {}


def test_it_flattens_transparency_onto_white_for_a_photo():
    image = Image.new("RGBA", (20, 20), (0, 0, 0, 0))
    clean = clean_image(io.BytesIO(images.encode(image, "WEBP", quality=80)))
    assert reopen(clean.content).getpixel((10, 10))[0] > 240


def test_it_makes_a_small_square_jpeg_thumbnail_for_the_96_px_slot_at_twice_its_size():
    clean = clean_image(io.BytesIO(images.png_bytes((1600, 900))))
    thumbnail = reopen(clean.thumbnail)
    assert thumbnail.format == "JPEG"
    assert thumbnail.size == (192, 192)


def test_it_never_enlarges_a_small_image_for_its_thumbnail():
    clean = clean_image(io.BytesIO(images.png_bytes((120, 80))))
    assert reopen(clean.thumbnail).size == (80, 80)
