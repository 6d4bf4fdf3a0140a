"""Evidence uploads in a real Chromium: choose two images, see both thumbnails, remove one;
the same without JavaScript; a screenshot pasted with Ctrl+V."""

from __future__ import annotations

import base64

import pytest
from playwright.sync_api import Page, expect

from cases.models import Case
from tests import evidence_images as images
from tests.e2e.browser import axe_check, shot
from tests.factories import make_case

pytestmark = pytest.mark.e2e


@pytest.fixture
def case() -> Case:
    return make_case("want")


def two_images() -> list[dict]:
    return [
        {"name": "订单截图.png", "mimeType": "image/png", "buffer": images.png_bytes((720, 1280))},
        {
            "name": "破损照片.jpg",
            "mimeType": "image/jpeg",
            "buffer": images.jpeg_bytes((1200, 900)),
        },
    ]


def upload_two(page: Page) -> None:
    page.locator("#id_files").set_input_files(two_images())
    page.locator("#id_kind").select_option("problem_photo")
    page.locator("#id_caption").fill("外包装右下角破损")
    page.get_by_role("button", name="上传", exact=True).click()


def expect_thumbnails_loaded(page: Page, count: int) -> None:
    thumbnails = page.locator(".evidence-file img")
    expect(thumbnails).to_have_count(count)
    for index in range(count):
        expect(thumbnails.nth(index)).to_have_js_property("complete", True)
        assert thumbnails.nth(index).evaluate("img => img.naturalWidth") > 0


def test_it_uploads_two_images_and_removes_one_on_a_phone(phone_page: Page, case: Case):
    page = phone_page
    page.goto(f"/c/{case.token}/evidence/")
    expect(page.locator("h1")).to_have_text("证据截图")
    # evidence.js is running: the drag-and-drop hint shows.
    expect(page.locator("[data-js-only]")).to_be_visible()

    upload_two(page)
    expect(page.get_by_role("status").filter(has_text="已上传 2 张图片。")).to_be_visible()
    expect_thumbnails_loaded(page, 2)
    expect(page.locator(".evidence-file__name")).to_have_text(["订单截图.png", "破损照片.jpg"])
    expect(page.locator(".evidence-file__caption").first).to_have_text("外包装右下角破损")
    shot(page, "evidence-phone-two-uploads")
    axe_check(page)
    # A reload: the uploads are on the server, not only on the page. (It also clears the
    # style="" Playwright's screenshot leaves on inputs, which htmx would copy onto the
    # swapped-in inputs of the same id, and the CSP would block.)
    page.reload()
    expect_thumbnails_loaded(page, 2)

    page.locator(".evidence-file").first.get_by_role("button", name="删除").click()
    expect(page.get_by_text("已删除“订单截图.png”。")).to_be_visible()
    expect(page.locator(".evidence-file")).to_have_count(1)
    expect(page.locator(".evidence-file__name")).to_have_text(["破损照片.jpg"])
    assert list(case.evidence.values_list("original_name", flat=True)) == ["破损照片.jpg"]

    page.locator("form.step-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("核对你的回答")


def test_it_shows_two_uploads_on_a_desktop(desktop_page: Page, case: Case):
    page = desktop_page
    page.goto(f"/c/{case.token}/evidence/")
    upload_two(page)
    expect_thumbnails_loaded(page, 2)
    shot(page, "evidence-desktop-two-uploads")
    axe_check(page)


def test_it_keeps_good_files_and_names_a_refused_one(desktop_page: Page, case: Case):
    page = desktop_page
    page.goto(f"/c/{case.token}/evidence/")
    files = [
        two_images()[0],
        {"name": "发票.pdf", "mimeType": "application/pdf", "buffer": images.PDF_BYTES},
    ]
    page.locator("#id_files").set_input_files(files)
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.locator("#error-summary")).to_contain_text("“发票.pdf”没有上传")
    expect(page.locator("#error-summary")).to_be_focused()
    expect_thumbnails_loaded(page, 1)


def test_it_uploads_and_removes_without_javascript(desktop_page_no_js: Page, case: Case):
    page = desktop_page_no_js
    page.goto(f"/c/{case.token}/evidence/")
    expect(page.locator("[data-js-only]")).to_be_hidden()
    upload_two(page)
    page.wait_for_url(f"**/c/{case.token}/evidence/")
    expect(page.locator(".evidence-file")).to_have_count(2)
    page.locator(".evidence-file").nth(1).get_by_role("button", name="删除").click()
    expect(page.locator(".evidence-file")).to_have_count(1)
    assert case.evidence.count() == 1


def test_it_uploads_a_pasted_screenshot(desktop_page: Page, case: Case):
    page = desktop_page
    page.goto(f"/c/{case.token}/evidence/")
    expect(page.locator("[data-js-only]")).to_be_visible()
    page.evaluate(
        """(b64) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const data = new DataTransfer();
            data.items.add(new File([bytes], "image.png", { type: "image/png" }));
            document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data }));
        }""",
        base64.b64encode(images.png_bytes()).decode(),
    )
    expect_thumbnails_loaded(page, 1)
    expect(page.locator(".evidence-file__name")).to_contain_text("粘贴的截图-")


def test_it_uploads_after_arriving_through_an_htmx_swap(phone_page: Page, case: Case):
    # Arriving from the previous step swaps #main, which runs no script: the upload form
    # then works as a plain form, and the enhancements come with the next full page.
    page = phone_page
    page.goto(f"/c/{case.token}/want/")
    page.locator("form.step-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("证据截图")
    upload_two(page)
    expect_thumbnails_loaded(page, 2)
    expect(page.locator("[data-js-only]")).to_be_visible()


def test_it_counts_the_characters_left_in_the_shoppers_language(desktop_page: Page, case: Case):
    page = desktop_page
    page.goto(f"/c/{case.token}/evidence/")
    page.locator("#id_caption").fill("外包装破损")
    expect(page.locator("[data-counter-for=id_caption]")).to_have_text(
        "还可以输入 95 字（最多 100 字）"
    )
    page.get_by_role("button", name="English").click()
    expect(page.locator("h1")).not_to_have_text("证据截图")
    page.locator("#id_caption").fill("Box torn")
    expect(page.locator("[data-counter-for=id_caption]")).to_have_text(
        "92 characters left (of 100)"
    )
