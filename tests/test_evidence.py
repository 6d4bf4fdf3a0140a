"""cases/evidence.py without HTTP: storing rows and files, the per-case caps, deleting,
the sweep, and the race for the last slot."""

from __future__ import annotations

import io
import threading
import time

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.db import close_old_connections, connection
from django.test import override_settings

from cases import evidence
from cases.evidence import add_evidence, add_evidence_batch, ensure_room, stored_names
from cases.images import EvidenceRefused
from cases.models import Evidence
from tests import evidence_images as images
from tests.factories import make_case

# --- Stored -------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_stores_the_file_under_a_random_name():
    case = make_case("want")
    name = "订单截图 " + "长" * 300 + ".png"
    evidence = add_evidence(
        case, images.upload(images.png_bytes()), kind="order_page", original_name=name
    )
    assert default_storage.exists(evidence.image.name)
    assert default_storage.exists(evidence.thumbnail.name)
    assert "订单" not in evidence.image.name
    assert evidence.image.name != evidence.thumbnail.name
    assert evidence.original_name == name[:255]
    assert (evidence.width, evidence.height, evidence.content_type) == (120, 80, "image/png")
    assert evidence.size_bytes == default_storage.size(evidence.image.name)


@pytest.mark.django_db
def test_it_keeps_a_unicode_name_for_display():
    case = make_case("want")
    evidence = add_evidence(
        case, images.upload(images.png_bytes()), kind="other", original_name="聊天记录😀.png"
    )
    assert evidence.original_name == "聊天记录😀.png"
    assert evidence.image.name.isascii()


@pytest.mark.django_db
@override_settings(EVIDENCE_MAX_FILES_PER_CASE=2)
def test_it_refuses_a_file_over_the_per_case_count():
    case = make_case("want")
    for _ in range(2):
        add_evidence(case, images.upload(images.png_bytes()), kind="other")
    with pytest.raises(EvidenceRefused) as raised:
        add_evidence(case, images.upload(images.png_bytes()), kind="other")
    assert "最多可以上传 2 个文件" in str(raised.value.message)
    assert case.evidence.count() == 2
    assert len(list(stored_names(default_storage))) == 4


@pytest.mark.django_db
def test_it_refuses_a_file_over_the_per_case_bytes_and_leaves_no_file(settings):
    case = make_case("want")
    first = add_evidence(case, images.upload(images.png_bytes()), kind="other")
    settings.EVIDENCE_MAX_BYTES_PER_CASE = first.size_bytes + 10
    with pytest.raises(EvidenceRefused) as raised:
        add_evidence(case, images.upload(images.png_bytes()), kind="other")
    assert "总共最多" in str(raised.value.message)
    assert sorted(stored_names(default_storage)) == sorted([first.image.name, first.thumbnail.name])


@pytest.mark.django_db
def test_it_removes_the_files_when_the_row_fails(monkeypatch):
    case = make_case("want")

    def broken_create(**fields):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Evidence.objects, "create", broken_create)
    with pytest.raises(RuntimeError):
        add_evidence(case, images.upload(images.png_bytes()), kind="other")
    assert list(stored_names(default_storage)) == []


@pytest.mark.django_db
def test_it_leaves_no_row_when_the_file_fails(monkeypatch):
    case = make_case("want")

    def full_disk(self, name, content, max_length=None):
        raise OSError("No space left on device")

    monkeypatch.setattr(FileSystemStorage, "save", full_disk)
    with pytest.raises(OSError):
        add_evidence(case, images.upload(images.png_bytes()), kind="other")
    assert not Evidence.objects.exists()


@pytest.mark.django_db
def test_it_stores_the_good_files_of_a_batch_and_lists_the_bad_ones():
    case = make_case("want")
    result = add_evidence_batch(
        case,
        [
            images.upload(images.png_bytes(), "good.png"),
            images.upload(images.PDF_BYTES, "invoice.pdf", "application/pdf"),
            images.upload(images.jpeg_bytes(), "photo.jpg", "image/jpeg"),
        ],
        kind="problem_photo",
        caption="破损处",
    )
    assert [e.original_name for e in result.stored] == ["good.png", "photo.jpg"]
    assert [name for name, _ in result.refused] == ["invoice.pdf"]
    assert "不是图片" in result.refused[0][1]
    assert {e.caption for e in case.evidence.all()} == {"破损处"}


# --- Deleted ------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_removes_the_files_when_the_evidence_is_deleted(django_capture_on_commit_callbacks):
    case = make_case("want")
    evidence = add_evidence(case, images.upload(images.png_bytes()), kind="other")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        evidence.delete()
    assert default_storage.exists(evidence.image.name)  # not before the commit
    for callback in callbacks:
        callback()
    assert list(stored_names(default_storage)) == []


@pytest.mark.django_db
def test_it_removes_every_file_when_the_case_is_deleted(django_capture_on_commit_callbacks):
    case = make_case("want")
    for _ in range(2):
        add_evidence(case, images.upload(images.png_bytes()), kind="other")
    other = add_evidence(make_case("want"), images.upload(images.png_bytes()), kind="other")
    with django_capture_on_commit_callbacks(execute=True):
        case.delete()
    assert sorted(stored_names(default_storage)) == sorted([other.image.name, other.thumbnail.name])


# --- Sweep --------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_sweeps_an_orphan_file_and_keeps_referenced_ones():
    kept = add_evidence(make_case("want"), images.upload(images.png_bytes()), kind="other")
    orphan = default_storage.save("orphan.png", io.BytesIO(images.png_bytes()))
    out = io.StringIO()
    call_command("sweep_evidence", "--min-age-minutes=0", stdout=out)
    assert not default_storage.exists(orphan)
    assert default_storage.exists(kept.image.name)
    assert default_storage.exists(kept.thumbnail.name)
    assert "deleted 1 orphan file(s)" in out.getvalue()


@pytest.mark.django_db
def test_it_only_lists_orphans_on_a_dry_run():
    orphan = default_storage.save("orphan.png", io.BytesIO(images.png_bytes()))
    out = io.StringIO()
    call_command("sweep_evidence", "--dry-run", "--min-age-minutes=0", stdout=out)
    assert default_storage.exists(orphan)
    assert "would delete 1 orphan file(s)" in out.getvalue()


@pytest.mark.django_db
def test_it_spares_an_orphan_younger_than_the_minimum_age():
    # It may be an upload whose row is about to commit.
    orphan = default_storage.save("orphan.png", io.BytesIO(images.png_bytes()))
    call_command("sweep_evidence", stdout=io.StringIO())
    assert default_storage.exists(orphan)


# --- The race for the last slot -----------------------------------------------------


@pytest.mark.postgres_guard
@pytest.mark.django_db(transaction=True)
@override_settings(EVIDENCE_MAX_FILES_PER_CASE=2)
def test_it_lets_one_of_two_racing_uploads_take_the_last_slot(monkeypatch):
    """Guards the row lock in add_evidence only on PostgreSQL (.ci/run's second pass): on
    SQLite, transaction_mode=IMMEDIATE serialises the two writers, so this passes even
    without select_for_update()."""
    case = make_case("want")
    add_evidence(case, images.upload(images.png_bytes()), kind="other")

    def slow_check(case, incoming_bytes=0):
        ensure_room(case, incoming_bytes)
        if connection.in_atomic_block:
            # Widen the window between the check and the insert: without the lock, both
            # threads would now see one free slot and both insert.
            time.sleep(0.3)

    monkeypatch.setattr(evidence, "ensure_room", slow_check)
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def race() -> None:
        try:
            start.wait()
            add_evidence(case, images.upload(images.png_bytes()), kind="other")
            outcomes.append("stored")
        except EvidenceRefused:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=race) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "stored"]
    assert case.evidence.count() == 2
    assert len(list(stored_names(default_storage))) == 4
