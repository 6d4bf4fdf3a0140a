from __future__ import annotations

import io

from PIL import ImageCms

from cases.colour import display_p3_icc, matrix_profile, profile_kind
from tests import evidence_images as images


def test_it_writes_a_display_p3_profile_that_littlecms_reads():
    profile = ImageCms.ImageCmsProfile(io.BytesIO(display_p3_icc()))
    assert ImageCms.getProfileDescription(profile).strip() == "Display P3"
    assert profile_kind(display_p3_icc()) == "display_p3"


def test_it_knows_a_p3_profile_by_its_colours_whatever_its_name():
    assert profile_kind(images.display_p3_profile("iPhone of 张三")) == "display_p3"


def test_it_knows_an_srgb_profile_even_under_a_p3_name():
    srgb_colorants = ((0.4361, 0.2225, 0.0139), (0.3851, 0.7169, 0.0971), (0.1431, 0.0606, 0.7141))
    assert profile_kind(matrix_profile("Display P3", srgb_colorants)) == "srgb"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    assert profile_kind(srgb) == "srgb"


def test_it_tells_another_wide_profile_and_garbage_apart():
    assert profile_kind(images.adobe_rgb_profile()) == "other"
    assert profile_kind(b"not a profile at all") == "unusable"
