"""Evidence uploads in a real Chromium: choose two images, see both thumbnails, remove one;
the same without JavaScript; a screenshot pasted with Ctrl+V, a file dropped on the page;
the progress bar on a slow connection, a lost connection, an upload over the limit."""

from __future__ import annotations

import base64
import io
import os
import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from cases.models import Case
from tests import evidence_images as images
from tests.e2e.browser import axe_check, shot
from tests.factories import make_case

pytestmark = pytest.mark.e2e

# A step's own button; on the evidence step it belongs to the upload form (form=…), so
# that files chosen go with it.
CONTINUE = "form.step-form button[type=submit], button[type=submit][name=and_continue]"


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

    page.locator(CONTINUE).click()
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
    # Arriving from the previous step swaps #main, which runs no script: evidence.js, loaded
    # with the first page, enhances the swapped-in upload form.
    page = phone_page
    page.goto(f"/c/{case.token}/want/")
    page.locator(CONTINUE).click()
    expect(page.locator("h1")).to_have_text("证据截图")
    upload_two(page)
    expect_thumbnails_loaded(page, 2)
    expect(page.locator("[data-js-only]")).to_be_visible()


def photo_of_a_few_megabytes() -> bytes:
    """Noise does not compress: a 1200×900 PNG of it is about 3 MB, a real phone photo's size."""
    out = io.BytesIO()
    Image.frombytes("RGB", (1200, 900), os.urandom(1200 * 900 * 3)).save(out, "PNG")
    return out.getvalue()


def test_it_shows_the_upload_progress_on_a_phone(phone_page: Page, case: Case):
    page = phone_page
    page.goto(f"/c/{case.token}/evidence/")
    photo = photo_of_a_few_megabytes()
    assert len(photo) > 3_000_000
    # What the status line said, in order: the upload is over before a test could look twice.
    page.evaluate(
        """() => {
            window.statusSeen = [];
            const status = document.querySelector("[data-upload-status]");
            new MutationObserver(() => window.statusSeen.push(status.textContent))
                .observe(status, { childList: true, characterData: true, subtree: true });
        }"""
    )
    # A slow mobile connection (about 1 MB/s up), so the bar has time to move.
    network = page.context.new_cdp_session(page)
    network.send("Network.enable")
    network.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 50, "downloadThroughput": -1, "uploadThroughput": 1_000_000},
    )
    page.locator("#id_files").set_input_files(
        {"name": "破损照片.png", "mimeType": "image/png", "buffer": photo}
    )
    page.get_by_role("button", name="上传", exact=True).click()

    status = page.locator("#evidence-progress-status")
    expect(status).to_have_text(re.compile(r"正在上传：([1-9]|[1-9][0-9])%"))
    expect(page.get_by_role("button", name="上传", exact=True)).to_be_disabled()
    bar = page.locator("[data-upload-progress] progress")
    assert 0 < bar.evaluate("bar => bar.value") < 100
    shot(page, "evidence-phone-uploading")

    expect(page.get_by_role("status").filter(has_text="已上传 1 张图片。")).to_be_visible()
    expect_thumbnails_loaded(page, 1)
    shot(page, "evidence-phone-uploaded")
    seen = page.evaluate("() => window.statusSeen")
    percents = [int(m[1]) for text in seen if (m := re.fullmatch(r"正在上传：(\d+)%", text))]
    assert percents[0] == 0
    assert percents == sorted(percents)
    assert len(set(percents)) >= 3
    assert seen[-1] == "上传完成，正在处理图片…"
    assert case.evidence.get().original_name == "破损照片.png"


def test_it_uploads_a_file_dropped_on_the_drop_zone(desktop_page: Page, case: Case):
    page = desktop_page
    page.goto(f"/c/{case.token}/evidence/")
    page.locator("#id_kind").select_option("problem_photo")
    page.locator("#id_caption").fill("屏幕有划痕")
    page.evaluate(
        """(b64) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const data = new DataTransfer();
            data.items.add(new File([bytes], "划痕.jpg", { type: "image/jpeg" }));
            const zone = document.querySelector("[data-drop-zone]");
            for (const name of ["dragenter", "dragover", "drop"]) {
                zone.dispatchEvent(new DragEvent(name, {
                    dataTransfer: data, bubbles: true, cancelable: true,
                }));
            }
        }""",
        base64.b64encode(images.jpeg_bytes((800, 600))).decode(),
    )
    expect(page.get_by_role("status").filter(has_text="已上传 1 张图片。")).to_be_visible()
    expect_thumbnails_loaded(page, 1)
    expect(page.locator(".evidence-file__name")).to_have_text(["划痕.jpg"])
    expect(page.locator(".evidence-file__caption")).to_have_text(["屏幕有划痕"])
    assert case.evidence.get().kind == "problem_photo"


def test_it_says_so_when_the_connection_drops_during_an_upload(
    desktop_page: Page, case: Case, console_watch
):
    page = desktop_page
    # The browser logs the failed request, and htmx logs the two error events it fires.
    for fragment in ("net::ERR_CONNECTION_RESET", "htmx:afterRequest", "htmx:sendError"):
        console_watch.expect(fragment)
    page.goto(f"/c/{case.token}/evidence/")
    page.route("**/evidence/upload/**", lambda route: route.abort("connectionreset"))
    upload_two(page)
    expect(page.locator("#evidence-progress-status")).to_have_text(
        "上传失败：网络中断了。已经上传的图片不受影响，请再试一次。"
    )
    # The shopper can try again: the button is back and the files are still chosen.
    page.unroute("**/evidence/upload/**")
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="已上传 2 张图片。")).to_be_visible()
    assert case.evidence.count() == 2


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


def test_it_shows_the_too_big_page_when_an_upload_is_over_the_limit(
    desktop_page: Page, case: Case, console_watch, settings
):
    settings.MAX_REQUEST_BYTES = 1024 * 1024
    console_watch.expect("status of 413")
    page = desktop_page
    page.goto(f"/c/{case.token}/evidence/")
    page.locator("#id_files").set_input_files(
        {"name": "破损照片.png", "mimeType": "image/png", "buffer": photo_of_a_few_megabytes()}
    )
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.locator("h1")).to_have_text("一次上传的内容太大")
    expect(page.get_by_text("一次最多上传 1 MB。")).to_be_visible()
    assert case.evidence.count() == 0


def hundred_and_one_screenshots() -> list[dict]:
    small = images.png_bytes((40, 30))
    return [{"name": f"截图{i}.png", "mimeType": "image/png", "buffer": small} for i in range(101)]


def test_it_says_too_many_files_when_101_are_chosen_at_once(desktop_page: Page, case: Case):
    page = desktop_page
    page.goto(f"/c/{case.token}/evidence/")
    sent = []
    page.on(
        "request", lambda request: sent.append(request.url) if "upload" in request.url else None
    )
    page.locator("#id_files").set_input_files(hundred_and_one_screenshots())
    page.get_by_role("button", name="上传", exact=True).click()
    status = page.locator("#evidence-progress-status")
    expect(status).to_have_text("一次最多上传 20 个文件，你选了 101 个。请少选几张，分几次上传。")
    assert "网络中断" not in status.inner_text()
    assert sent == []  # refused before a single byte was sent
    shot(page, "evidence-too-many-files-desktop")
    assert case.evidence.count() == 0


def test_it_says_too_many_files_without_javascript_too(
    desktop_page_no_js: Page, case: Case, console_watch
):
    console_watch.expect("status of 400")
    page = desktop_page_no_js
    page.goto(f"/c/{case.token}/evidence/")
    page.locator("#id_files").set_input_files(hundred_and_one_screenshots())
    page.get_by_role("button", name="上传", exact=True).click()
    expect(page.locator("h1")).to_have_text("一次选择的文件太多")
    expect(page.get_by_text("一次最多上传 20 个文件。")).to_be_visible()
    page.get_by_role("link", name="返回上一页").click()
    expect(page.locator("h1")).to_have_text("证据截图")
    assert case.evidence.count() == 0


# ----- 继续 with files chosen: uploaded, never silently dropped -----


def choose_and_continue(page: Page, case: Case) -> None:
    page.goto(f"/c/{case.token}/evidence/")
    page.locator("#id_files").set_input_files(two_images())
    page.get_by_role("button", name="继续").click()
    expect(page).to_have_url(re.compile(rf"/c/{case.token}/check/$"))


def test_it_uploads_files_chosen_before_continue(phone_page: Page, case: Case):
    choose_and_continue(phone_page, case)
    expect(phone_page.locator(".summary")).to_contain_text("2 个文件")
    assert case.evidence.count() == 2


def test_it_uploads_files_chosen_before_continue_without_javascript(
    desktop_page_no_js: Page, case: Case
):
    choose_and_continue(desktop_page_no_js, case)
    expect(desktop_page_no_js.locator(".summary")).to_contain_text("2 个文件")
    assert case.evidence.count() == 2
