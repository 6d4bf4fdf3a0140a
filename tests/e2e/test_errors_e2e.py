"""When a swap meets an error page, the shopper sees it (htmx does not swap 4xx/5xx by
default; the site's htmx-config says to, and every error page has a #main)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from cases.models import Case
from tests.factories import make_case

pytestmark = pytest.mark.e2e


def test_it_shows_not_found_when_the_case_was_deleted_elsewhere(phone_page, console_watch):
    case = make_case()
    phone_page.goto(f"/c/{case.token}/card/")
    phone_page.evaluate("window.__no_full_reload = true")
    Case.objects.filter(pk=case.pk).delete()  # e.g. deleted from the desktop meanwhile
    console_watch.expect("status of 404")

    phone_page.get_by_role("link", name="记录一次通话").click()

    expect(phone_page.locator("h1")).to_have_text("找不到页面")
    assert phone_page.evaluate("window.__no_full_reload === true")
