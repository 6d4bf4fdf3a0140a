"""Evidence in an S3-compatible bucket (JD400_S3_BUCKET), against moto's S3 server on
127.0.0.1: upload, private serving, deletion, purge and sweep."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from cases.models import Case, Evidence
from tests import evidence_images as images
from tests.factories import make_case
from tests.servers import bucket_keys, s3_client

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture
def case(s3_bucket) -> Case:
    return make_case("want")


def upload(client, case: Case, *files):
    return client.post(
        f"/c/{case.token}/evidence/upload/", {"files": list(files), "kind": "problem_photo"}
    )


def keys(s3_endpoint: str, bucket: str) -> set[str]:
    return bucket_keys(s3_endpoint, bucket)


def test_it_stores_the_cleaned_image_and_thumbnail_in_the_bucket(
    client, case, s3_bucket, s3_endpoint
):
    response = upload(client, case, images.upload(images.jpeg_with_gps(), "fridge.jpg"))
    assert response.status_code == 302
    evidence = case.evidence.get()
    assert keys(s3_endpoint, s3_bucket) == {
        f"evidence/{evidence.image.name}",
        f"evidence/{evidence.thumbnail.name}",
    }
    stored = (
        s3_client(s3_endpoint)
        .get_object(Bucket=s3_bucket, Key=f"evidence/{evidence.image.name}")["Body"]
        .read()
    )
    assert stored.startswith(b"\xff\xd8")
    assert b"PhoneMaker" not in stored  # the EXIF stayed behind


def test_it_serves_the_file_through_the_case_link_only(client, case, s3_bucket, s3_endpoint):
    upload(client, case, images.upload(images.png_bytes(), "chat.png"))
    evidence = case.evidence.get()
    response = client.get(f"/c/{case.token}/evidence/{evidence.pk}/image/")
    assert response.status_code == 200
    served = b"".join(response.streaming_content)
    stored = (
        s3_client(s3_endpoint)
        .get_object(Bucket=s3_bucket, Key=f"evidence/{evidence.image.name}")["Body"]
        .read()
    )
    assert served == stored
    assert response.headers["Content-Type"] == "image/png"
    assert response.headers["Cache-Control"] == "private, no-store"
    other = make_case("want")
    assert client.get(f"/c/{other.token}/evidence/{evidence.pk}/image/").status_code == 404


def test_it_serves_the_thumbnail_from_the_bucket(client, case):
    upload(client, case, images.upload(images.png_bytes((900, 600))))
    evidence = case.evidence.get()
    response = client.get(f"/c/{case.token}/evidence/{evidence.pk}/thumbnail/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")


def test_it_never_shows_a_bucket_address_on_the_page(client, case, s3_endpoint, s3_bucket):
    upload(client, case, images.upload(images.png_bytes()))
    evidence = case.evidence.get()
    page = client.get(f"/c/{case.token}/evidence/").content.decode()
    assert f"/c/{case.token}/evidence/{evidence.pk}/thumbnail/" in page
    assert s3_endpoint not in page
    assert s3_bucket not in page
    assert "X-Amz" not in page


def test_it_stores_objects_without_a_public_grant(client, case, s3_bucket, s3_endpoint):
    upload(client, case, images.upload(images.png_bytes()))
    evidence = case.evidence.get()
    acl = s3_client(s3_endpoint).get_object_acl(
        Bucket=s3_bucket, Key=f"evidence/{evidence.image.name}"
    )
    grantees = [grant["Grantee"].get("URI", "") for grant in acl["Grants"]]
    assert not [uri for uri in grantees if "AllUsers" in uri or "AuthenticatedUsers" in uri]


def test_it_404s_when_the_object_is_gone_from_the_bucket(client, case, s3_bucket, s3_endpoint):
    upload(client, case, images.upload(images.png_bytes()))
    evidence = case.evidence.get()
    s3_client(s3_endpoint).delete_object(Bucket=s3_bucket, Key=f"evidence/{evidence.image.name}")
    assert client.get(f"/c/{case.token}/evidence/{evidence.pk}/image/").status_code == 404


def test_it_deletes_both_objects_with_the_upload(
    client, case, s3_bucket, s3_endpoint, django_capture_on_commit_callbacks
):
    upload(client, case, images.upload(images.png_bytes()))
    evidence = case.evidence.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/c/{case.token}/evidence/{evidence.pk}/delete/")
    assert response.status_code == 302
    assert keys(s3_endpoint, s3_bucket) == set()


def test_it_deletes_every_object_with_the_case(
    client, case, s3_bucket, s3_endpoint, django_capture_on_commit_callbacks
):
    upload(client, case, images.upload(images.png_bytes()), images.upload(images.jpeg_bytes()))
    assert len(keys(s3_endpoint, s3_bucket)) == 4
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/c/{case.token}/delete/")
    assert not Case.objects.filter(pk=case.pk).exists()
    assert keys(s3_endpoint, s3_bucket) == set()


def test_it_purges_an_old_case_with_its_objects(
    client, case, s3_bucket, s3_endpoint, django_capture_on_commit_callbacks
):
    upload(client, case, images.upload(images.png_bytes()))
    recent = make_case("want")
    upload(client, recent, images.upload(images.jpeg_bytes()))
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now() - timedelta(days=400))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_old_cases", stdout=StringIO())
    kept = recent.evidence.get()
    assert keys(s3_endpoint, s3_bucket) == {
        f"evidence/{kept.image.name}",
        f"evidence/{kept.thumbnail.name}",
    }


def test_it_sweeps_objects_no_row_references(client, case, s3_bucket, s3_endpoint):
    upload(client, case, images.upload(images.png_bytes()))
    evidence = case.evidence.get()
    s3_client(s3_endpoint).put_object(
        Bucket=s3_bucket, Key="evidence/orphan.png", Body=images.png_bytes()
    )
    out = StringIO()
    call_command("sweep_evidence", "--min-age-minutes", "0", stdout=out)
    assert "deleted 1 orphan file(s); kept 2" in out.getvalue()
    assert keys(s3_endpoint, s3_bucket) == {
        f"evidence/{evidence.image.name}",
        f"evidence/{evidence.thumbnail.name}",
    }


def test_it_keeps_a_young_orphan_the_upload_may_still_claim(s3_bucket, s3_endpoint):
    s3_client(s3_endpoint).put_object(
        Bucket=s3_bucket, Key="evidence/just-written.png", Body=images.png_bytes()
    )
    out = StringIO()
    call_command("sweep_evidence", stdout=out)
    assert "deleted 0 orphan file(s); kept 1" in out.getvalue()
    assert keys(s3_endpoint, s3_bucket) == {"evidence/just-written.png"}
    assert Evidence.objects.count() == 0
