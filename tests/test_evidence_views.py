"""The evidence step through real URLs: upload, list, remove, serve."""

from __future__ import annotations

import re

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cases.evidence import stored_names
from cases.models import Case, Evidence
from tests import evidence_images as images
from tests.factories import make_case
from tests.html import form_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def case() -> Case:
    return make_case("want")


def step_url(case: Case) -> str:
    return f"/c/{case.token}/evidence/"


def upload_url(case: Case) -> str:
    return f"/c/{case.token}/evidence/upload/"


def post_files(client, case: Case, *files, kind: str = "problem_photo", caption: str = ""):
    return client.post(upload_url(case), {"files": list(files), "kind": kind, "caption": caption})


def dummy_rows(case: Case, count: int) -> None:
    """Rows without files: enough for the caps, which count rows and bytes."""
    Evidence.objects.bulk_create(
        Evidence(
            case=case,
            image=f"dummy-{n}.png",
            thumbnail=f"dummy-{n}.jpg",
            content_type="image/png",
            size_bytes=1000,
            width=10,
            height=10,
        )
        for n in range(count)
    )


# --- The page -----------------------------------------------------------------------


def test_it_shows_a_multiple_file_upload_form_that_posts_to_its_own_url(client, case):
    html = client.get(step_url(case)).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert f'action="{upload_url(case)}"' in html
    assert re.search(r'<input type="file" name="files"[^>]* multiple', html)
    assert 'accept="image/*,.heic,.heif"' in html
    assert 'name="kind"' in html
    assert 'name="caption"' in html


def test_it_shows_the_checklist_for_the_problem(client):
    case = make_case("want", problem="shop_not_replying", purchase_kind="third_party")
    html = client.get(step_url(case)).content.decode()
    assert "未被回复的消息截图，要能看到发送时间" in html


def test_it_lists_each_upload_with_thumbnail_kind_caption_name_and_remove_button(client, case):
    post_files(client, case, images.upload(images.png_bytes(), "订单.png"), caption="订单页")
    evidence = case.evidence.get()
    html = client.get(step_url(case)).content.decode()
    assert f'src="/c/{case.token}/evidence/{evidence.pk}/thumbnail/"' in html
    assert "问题照片" in html
    assert "订单页" in html
    assert "订单.png" in html
    assert f'action="/c/{case.token}/evidence/{evidence.pk}/delete/"' in html


def test_it_sends_no_inline_script_or_style(client, case):
    post_files(client, case, images.upload(images.png_bytes()))
    html = client.get(step_url(case)).content.decode()
    assert "style=" not in html
    assert "hx-on" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "/static/js/evidence.js" in html


def test_it_moves_on_with_the_continue_button(client, case):
    response = client.post(step_url(case))
    assert response.status_code == 302
    assert response.url == f"/c/{case.token}/check/"
    case.refresh_from_db()
    assert case.evidence_answered


# --- Upload -------------------------------------------------------------------------


def test_it_stores_several_files_at_once_and_redirects_back(client, case):
    response = post_files(
        client,
        case,
        images.upload(images.png_bytes(), "chat.png"),
        images.upload(images.jpeg_bytes(), "photo.jpg", "image/jpeg"),
        kind="chat_record",
        caption="客服不回复",
    )
    assert response.status_code == 302
    assert response.url == step_url(case)
    rows = list(case.evidence.all())
    assert [(e.original_name, e.kind, e.caption) for e in rows] == [
        ("chat.png", "chat_record", "客服不回复"),
        ("photo.jpg", "chat_record", "客服不回复"),
    ]
    assert len(list(stored_names(default_storage))) == 4
    html = client.get(response.url).content.decode()
    assert "已上传 2 张图片。" in html


def test_it_costs_at_most_three_queries_per_extra_file(client, case):
    def queries(*files) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert post_files(client, case, *files).status_code == 302
        return len(captured)

    one = queries(images.upload(images.png_bytes(), "1.png"))
    four = queries(*(images.upload(images.png_bytes(), f"{n}.png") for n in range(2, 6)))
    assert four - one <= 3 * 3
    assert case.evidence.count() == 5


def test_it_keeps_the_good_files_and_names_the_refused_one(client, case):
    response = post_files(
        client,
        case,
        images.upload(images.png_bytes(), "good.png"),
        images.upload(images.gif_bytes(), "animated.jpg", "image/jpeg"),
        images.upload(images.png_bytes()[:100], "cut.png"),
    )
    assert response.status_code == 302
    assert [e.original_name for e in case.evidence.all()] == ["good.png"]
    html = client.get(response.url).content.decode()
    assert "已上传 1 张图片。" in html
    assert "“animated.jpg”没有上传：不接受 GIF 格式的图片。请把它另存为 PNG 或 JPG" in html
    assert "“cut.png”没有上传：图片已损坏或不完整" in html
    # One summary for both, so the page has one place to focus.
    assert html.count('id="error-summary"') == 1
    assert html.count('role="alert"') == 1


def test_it_shows_the_page_again_with_what_was_typed_when_nothing_was_stored(client, case):
    response = post_files(
        client,
        case,
        images.upload(images.SVG_WITH_SCRIPT, "evil.svg", "image/svg+xml"),
        kind="chat_record",
        caption="店铺不回复的截图",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "这些文件没有上传" in html
    assert "evil.svg" in html
    assert 'value="店铺不回复的截图"' in html
    assert form_values(html)["kind"] == "chat_record"
    # 继续 is still there, and still goes with the upload form (files chosen go with it).
    assert 'form="evidence-upload" name="and_continue"' in html
    assert not case.evidence.exists()


def test_it_asks_for_a_file_when_none_was_chosen(client, case):
    response = client.post(upload_url(case), {"kind": "other", "caption": "说明"})
    assert response.status_code == 200
    assert "请选择要上传的截图或照片。" in response.content.decode()
    assert not case.evidence.exists()


def test_it_refuses_an_empty_file_with_a_message(client, case):
    response = post_files(client, case, images.upload(b"", "empty.png"))
    assert response.status_code == 200
    assert "文件是空的" in response.content.decode()


def test_it_refuses_the_21st_file_with_a_message(client, case):
    dummy_rows(case, 20)
    response = post_files(client, case, images.upload(images.png_bytes(), "21.png"))
    assert response.status_code == 200
    assert "最多可以上传 20 个文件" in response.content.decode()
    assert case.evidence.count() == 20


@override_settings(EVIDENCE_MAX_FILES_PER_CASE=2)
def test_it_stores_up_to_the_cap_and_refuses_the_rest_of_a_batch(client, case):
    dummy_rows(case, 1)
    response = post_files(
        client,
        case,
        images.upload(images.png_bytes(), "a.png"),
        images.upload(images.png_bytes(), "b.png"),
    )
    assert response.status_code == 302
    assert case.evidence.count() == 2
    html = client.get(response.url).content.decode()
    assert "“b.png”没有上传：这个案例最多可以上传 2 个文件" in html
    assert "已经上传了 2 个文件，达到上限" in html


@override_settings(EVIDENCE_MAX_FILE_BYTES=1000)
def test_it_refuses_a_file_over_the_size_cap(client, case):
    big = images.jpeg_bytes((400, 400), quality=95)
    response = post_files(client, case, images.upload(big, "big.jpg", "image/jpeg"))
    assert "图片太大：每个文件最多" in response.content.decode()
    assert not case.evidence.exists()


def test_it_refuses_a_header_claiming_30000_by_30000(client, case):
    response = post_files(client, case, images.upload(images.png_claiming(30000, 30000)))
    assert "图片尺寸过大" in response.content.decode()


def test_it_stores_a_unicode_name_for_display_only(client, case):
    post_files(client, case, images.upload(images.png_bytes(), "聊天记录 2024年5月😀.png"))
    evidence = case.evidence.get()
    assert evidence.original_name == "聊天记录 2024年5月😀.png"
    assert "聊天" not in evidence.image.name
    assert re.fullmatch(r"[A-Za-z0-9_-]{24}\.png", evidence.image.name)


def test_it_truncates_a_300_character_name_to_255(client, case):
    name = "截" * 296 + ".png"
    post_files(client, case, images.upload(images.png_bytes(), name))
    evidence = case.evidence.get()
    assert len(evidence.original_name) == 255
    assert evidence.original_name.startswith("截截截")
    assert len(evidence.image.name) < 40


def test_it_keeps_the_return_to_check_page(client):
    case = make_case("check")
    response = client.post(
        upload_url(case) + "?return=check",
        {"files": [images.upload(images.png_bytes())], "kind": "other"},
    )
    assert response.url == step_url(case) + "?return=check"


def test_it_sends_an_unfinished_case_to_its_first_unanswered_step(client):
    case = make_case("problem")
    response = post_files(client, case, images.upload(images.png_bytes()))
    assert response.status_code == 302
    assert response.url == f"/c/{case.token}/tried/"
    assert not case.evidence.exists()


def test_it_rejects_get_on_upload(client, case):
    assert client.get(upload_url(case)).status_code == 405


def test_it_404s_for_an_unknown_case(client):
    response = client.post("/c/not-a-real-token/evidence/upload/", {"kind": "other"})
    assert response.status_code == 404


# --- Serving ------------------------------------------------------------------------


def test_it_serves_the_image_with_private_headers(client, case):
    post_files(client, case, images.upload(images.png_bytes() + images.HTML_TAIL, "x.html"))
    evidence = case.evidence.get()
    response = client.get(f"/c/{case.token}/evidence/{evidence.pk}/image/")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == f'inline; filename="evidence-{evidence.pk}.png"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    body = b"".join(response.streaming_content)
    assert body == default_storage.open(evidence.image.name).read()
    assert b"<script" not in body


def test_it_serves_the_thumbnail_as_jpeg_kept_by_the_shoppers_browser_only(client, case):
    post_files(client, case, images.upload(images.png_bytes()))
    evidence = case.evidence.get()
    response = client.get(f"/c/{case.token}/evidence/{evidence.pk}/thumbnail/")
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == (
        f'inline; filename="evidence-{evidence.pk}-thumbnail.jpg"'
    )
    # It never changes, so the browser keeps it; "private": no shared cache may.
    assert response["Cache-Control"] == "private, max-age=31536000, immutable"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"


def test_it_404s_for_evidence_of_another_case(client, case):
    post_files(client, case, images.upload(images.png_bytes()))
    evidence = case.evidence.get()
    other = make_case("want")
    for what in ("image", "thumbnail"):
        response = client.get(f"/c/{other.token}/evidence/{evidence.pk}/{what}/")
        assert response.status_code == 404
    response = client.post(f"/c/{other.token}/evidence/{evidence.pk}/delete/")
    assert response.status_code == 404
    assert case.evidence.exists()


def test_it_404s_when_the_file_is_gone(client, case):
    post_files(client, case, images.upload(images.png_bytes()))
    evidence = case.evidence.get()
    default_storage.delete(evidence.image.name)
    response = client.get(f"/c/{case.token}/evidence/{evidence.pk}/image/")
    assert response.status_code == 404


# --- Removing -----------------------------------------------------------------------


def test_it_removes_an_upload_and_its_files(client, case, django_capture_on_commit_callbacks):
    post_files(client, case, images.upload(images.png_bytes(), "gone.png"))
    evidence = case.evidence.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/c/{case.token}/evidence/{evidence.pk}/delete/")
    assert response.status_code == 302
    assert response.url == step_url(case)
    assert not case.evidence.exists()
    assert list(stored_names(default_storage)) == []
    assert "已删除“gone.png”。" in client.get(response.url).content.decode()


def test_it_rejects_get_on_remove(client, case):
    post_files(client, case, images.upload(images.png_bytes()))
    evidence = case.evidence.get()
    assert client.get(f"/c/{case.token}/evidence/{evidence.pk}/delete/").status_code == 405
    assert case.evidence.exists()


def test_it_removes_every_file_when_the_case_is_deleted(
    client, case, django_capture_on_commit_callbacks
):
    post_files(client, case, images.upload(images.png_bytes()), images.upload(images.jpeg_bytes()))
    assert len(list(stored_names(default_storage))) == 4
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/c/{case.token}/delete/")
    assert response.status_code == 302
    assert not Case.objects.filter(pk=case.pk).exists()
    assert list(stored_names(default_storage)) == []


# --- 继续 with files chosen ---------------------------------------------------------


def continue_with(client, case: Case, *files):
    return client.post(
        upload_url(case), {"files": list(files), "kind": "problem_photo", "and_continue": "1"}
    )


def test_it_uploads_the_chosen_files_when_the_shopper_presses_continue(client, case):
    response = continue_with(client, case, images.upload(images.png_bytes(), "订单截图.png"))
    assert response.status_code == 302
    assert response["Location"] == f"/c/{case.token}/check/"
    case.refresh_from_db()
    assert case.evidence_answered
    assert [e.original_name for e in case.evidence.all()] == ["订单截图.png"]


def test_it_continues_without_files_from_the_same_button(client, case):
    response = continue_with(client, case)
    assert response["Location"] == f"/c/{case.token}/check/"
    case.refresh_from_db()
    assert case.evidence_answered
    assert case.evidence.count() == 0


def test_it_stays_on_the_step_and_says_why_when_a_file_chosen_before_continue_is_refused(
    client, case
):
    response = continue_with(
        client,
        case,
        images.upload(images.png_bytes(), "好的.png"),
        images.upload(b"not an image", "坏的.png"),
    )
    assert response.status_code == 302
    assert response["Location"] == step_url(case)
    case.refresh_from_db()
    assert not case.evidence_answered
    assert case.evidence.count() == 1
    page = client.get(response["Location"]).content.decode()
    assert "坏的.png" in page
