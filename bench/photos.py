"""Phone photos as a shopper's phone saves them: 12 MP JPEG, stored sideways with an EXIF
orientation flag, a Display P3 colour profile, and the EXIF a camera writes (maker, model,
time, GPS). Made with Pillow, so the bench needs no binary fixtures."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 4000, 3000  # 12 MP, as the sensor delivers it (landscape)
ORIENTATION = 0x0112
GPS_IFD = 0x8825


def scene(size: tuple[int, int], seed: int = 0) -> Image.Image:
    """Smooth gradients, a few objects with edges, and sensor noise: what a photo of a
    damaged parcel is to an encoder."""
    gradient = Image.linear_gradient("L").resize(size)
    radial = Image.radial_gradient("L").resize(size)
    mirrored = gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    base = Image.merge("RGB", (gradient, radial, mirrored))
    draw = ImageDraw.Draw(base)
    width, height = size
    for n in range(6):
        left = (seed * 37 + n * 611) % max(1, width - width // 4)
        top = (seed * 53 + n * 397) % max(1, height - height // 4)
        colour = ((seed * 40 + n * 70) % 256, (n * 90) % 256, (seed * 20 + 128) % 256)
        draw.rectangle((left, top, left + width // 5, top + height // 6), fill=colour)
    noise = Image.effect_noise(size, 24 + seed % 7)
    return Image.blend(base, Image.merge("RGB", (noise, noise, noise)), 0.25)


def camera_exif(orientation: int = 6) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "Model X"  # Model
    exif[0x0132] = "2025:05:01 14:03:22"  # DateTime
    exif[ORIENTATION] = orientation  # "rotate 90° clockwise to view": a portrait shot
    exif[GPS_IFD] = {1: "N", 2: (39.0, 54.0, 27.0), 3: "E", 4: (116.0, 23.0, 50.0)}
    return exif


def phone_photo(seed: int = 0, size: tuple[int, int] = (WIDTH, HEIGHT)) -> bytes:
    from cases.colour import display_p3_icc

    out = io.BytesIO()
    scene(size, seed).save(
        out,
        "JPEG",
        quality=90,
        exif=camera_exif().tobytes(),
        icc_profile=display_p3_icc(),
    )
    return out.getvalue()


def write_phone_photo(path: Path, seed: int = 0) -> None:
    path.write_bytes(phone_photo(seed))
