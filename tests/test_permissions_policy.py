"""Every response turns off every device feature a browser offers (camera, microphone,
location, payment, USB…): no page of ours asks for one, so no script could either."""

from __future__ import annotations

import pytest

from tests import evidence_images as images
from tests.factories import make_case

pytestmark = pytest.mark.django_db

OFF = ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "bluetooth=()")


def _assert_all_off(response) -> None:
    policy = [part.strip() for part in response.headers["Permissions-Policy"].split(",")]
    for feature in OFF:
        assert feature in policy


@pytest.mark.parametrize("path", ["/", "/hotlines/", "/admin/login/", "/no-such-page/", "/c/new/"])
def test_it_turns_every_device_feature_off_on_every_kind_of_page(client, path):
    _assert_all_off(client.get(path))


def test_it_turns_them_off_on_a_case_page_a_redirect_and_a_private_image(client):
    case = make_case("want")
    _assert_all_off(client.get(f"/c/{case.token}/card/"))
    _assert_all_off(client.get(f"/c/{case.token}/"))
    client.post(
        f"/c/{case.token}/evidence/upload/",
        {"files": [images.upload(images.png_bytes())], "kind": "other"},
    )
    evidence = case.evidence.get()
    _assert_all_off(client.get(f"/c/{case.token}/evidence/{evidence.pk}/image/"))
