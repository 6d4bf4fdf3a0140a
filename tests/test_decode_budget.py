"""cases/decode_budget.py: scans counted, decodes planned, uploads queued (no HTTP except
where the shopper's message is what matters)."""

from __future__ import annotations

import threading
import time

import pytest

from cases import decode_budget
from cases.decode_budget import decode_slot, jpeg_scan_count
from tests import evidence_images as images
from tests import hostile_files as hostile
from tests.factories import make_case


def test_it_counts_the_scans_of_a_progressive_jpeg():
    assert 5 <= jpeg_scan_count(images.jpeg_bytes((800, 600), progressive=True)) <= 12
    assert jpeg_scan_count(hostile.jpeg_with_many_scans(scans=200)) == 201


def test_it_does_not_count_an_exif_thumbnail_as_a_scan():
    # GPS EXIF sits in an APP1 segment before the first scan: walked over, not counted.
    assert jpeg_scan_count(images.jpeg_with_gps()) == 1


def test_it_lets_at_most_the_configured_number_of_images_decode_at_once(settings):
    settings.EVIDENCE_MAX_CONCURRENT_DECODES = 2
    settings.EVIDENCE_DECODE_WAIT_SECONDS = 5
    inside = 0
    most = 0
    lock = threading.Lock()

    def decode() -> None:
        nonlocal inside, most
        with decode_slot():
            with lock:
                inside += 1
                most = max(most, inside)
            time.sleep(0.05)
            with lock:
                inside -= 1

    threads = [threading.Thread(target=decode) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most == 2


@pytest.mark.django_db
def test_it_tells_the_shopper_the_server_is_busy_when_no_decode_slot_frees_up(client, settings):
    settings.EVIDENCE_MAX_CONCURRENT_DECODES = 1
    settings.EVIDENCE_DECODE_WAIT_SECONDS = 0
    case = make_case("want")
    with decode_slot():  # another upload is decoding
        response = client.post(
            f"/c/{case.token}/evidence/upload/",
            {"files": [images.upload(images.png_bytes())], "kind": "other", "caption": ""},
        )
    assert response.status_code == 200
    assert "服务器正忙，这张图片没有上传。请过一分钟再试一次。" in response.content.decode()
    assert case.evidence.count() == 0


def test_it_gives_its_slot_back_when_a_decode_fails(settings):
    settings.EVIDENCE_MAX_CONCURRENT_DECODES = 1
    settings.EVIDENCE_DECODE_WAIT_SECONDS = 0
    with pytest.raises(ValueError), decode_slot():
        raise ValueError("a decoder error")
    with decode_slot():
        pass  # not DecoderBusy: the slot came back


def test_it_allows_a_stored_file_ten_times_what_was_sent_with_a_floor(settings):
    assert decode_budget.storage_limit(1_000_000) == 10_000_000
    assert decode_budget.storage_limit(500) == settings.EVIDENCE_STORED_FLOOR_BYTES
