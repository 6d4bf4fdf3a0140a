"""Long text is never cut silently (issue 24), at 360 px with JavaScript on and off: 2,000
characters pasted into every limited field stay in the field; with JavaScript the counter
says at once by how much the text is over (never a negative "left"); after sending, the
server says it at the field and the whole text is still there to shorten."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from cases.models import Case
from tests.e2e.browser import PHONE, open_page, shot
from tests.factories import add_call, make_case

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASTED = "很" * 2000

# (page, the case's progress, the submit button, every limited field on it)
PAGES = [
    ("order/", None, ["order_number", "item"]),
    ("problem/", "order", ["description"]),
    ("tried/", "problem", ["tried-0-answer"]),
    ("want/", "tried", ["outcome_detail"]),
    ("evidence/", "want", ["caption"]),
    ("calls/new/", "check", ["agent_id", "ticket_number", "promise"]),
    ("12315/", "check", ["seller_name"]),
    ("close/", "check", ["closing_note"]),
]


@pytest.fixture(params=[True, False], ids=["js", "no-js"])
def phone(request, browser, live_server, console_watch) -> Iterator[tuple[Page, bool]]:
    for page in open_page(
        browser, live_server, console_watch, java_script_enabled=request.param, **PHONE
    ):
        yield page, request.param


def case_for(upto: str | None, path: str) -> Case:
    case = make_case(upto)
    if path == "12315/":
        add_call(case)
    return case


def paste(page: Page, name: str) -> None:
    field = page.locator(f'[name="{name}"]')
    if not field.is_visible():  # a prior contact's answer opens with its channel's box
        page.locator("#id_tried-0-used").check()
    field.fill(PASTED)


@pytest.mark.parametrize(("path", "upto", "names"), PAGES, ids=[p[0] for p in PAGES])
def test_it_keeps_2000_pasted_characters_and_says_how_much_is_over(
    phone: tuple[Page, bool], path: str, upto: str | None, names: list[str]
):
    page, js = phone
    case = case_for(upto, path)
    page.goto(f"/c/{case.token}/{path}")
    for name in names:
        field = page.locator(f'[name="{name}"]')
        limit = int(field.get_attribute("data-maxlength"))
        assert field.get_attribute("maxlength") is None
        paste(page, name)
        assert len(field.input_value()) == 2000  # nothing cut by the browser
        if js:
            counter = page.locator(f'[data-counter-for="{field.get_attribute("id")}"]')
            expect(counter).to_contain_text(f"超出 {2000 - limit} 字，请删短一些")
            assert "-" not in counter.inner_text()
            assert counter.is_visible()
    shot(page, f"long-text-{path.strip('/').replace('/', '-')}-{'js' if js else 'nojs'}")

    form = page.locator(f'[name="{names[0]}"]').locator("xpath=ancestor::form")
    form.locator('button[type="submit"]').first.click()
    page.wait_for_load_state()
    for name in names:
        field = page.locator(f'[name="{name}"]')
        limit = int(field.get_attribute("data-maxlength"))
        expect(field).to_have_value(PASTED)  # nothing lost on the way back
        group = page.locator(f'[id="{field.get_attribute("id")}-group"]')
        expect(group.locator(".error-message")).to_contain_text(
            re.compile(f"超出 {2000 - limit} 字，请删短一些")
        )
