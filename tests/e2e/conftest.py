"""Browser fixtures: one Chromium per session, a fresh context per test.

Debian's Chromium at /usr/bin/chromium when present, else Playwright's own build (`make
browser`). A browser that cannot start fails the run, in CI and locally: never a skip.
What the tests share besides fixtures is in tests/e2e/browser.py.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import Browser, Error, Page, sync_playwright

from routing.hours import CHINA
from tests.e2e.browser import DESKTOP, PHONE, ConsoleWatch, open_page

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to
# run in such a thread unless told it is safe (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    playwright = sync_playwright().start()
    options = {"headless": True, "args": CHROMIUM_ARGS}
    if DEBIAN_CHROMIUM.exists():
        options["executable_path"] = str(DEBIAN_CHROMIUM)
    try:
        browser = playwright.chromium.launch(**options)
    except Error as error:
        playwright.stop()
        where = "in CI " if os.environ.get("CI") else ""
        pytest.fail(
            f"Chromium did not start {where}({error.message.splitlines()[0]}). Install Debian's "
            "chromium or run `make browser`; the browser tests never skip.",
            pytrace=False,
        )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture(autouse=True)
def _hotlines(transactional_db) -> None:
    """The seeded directory, again: transactional tests empty every table when they end."""
    from django.apps import apps

    importlib.import_module("routing.migrations.0002_seed_hotlines").seed(apps, None)
    importlib.import_module("routing.migrations.0004_english_source_notes").add_notes(apps, None)
    importlib.import_module("routing.migrations.0006_seed_legal_windows").seed(apps, None)
    importlib.import_module("routing.migrations.0008_seed_law_review_2026_12_04").seed(apps, None)
    importlib.import_module("routing.migrations.0011_pushback_fixes").forwards(apps, None)


# A Monday morning in China: every line open, within its best hours.
CHINA_MONDAY_MORNING = datetime(2026, 11, 30, 10, 30, tzinfo=CHINA)


@pytest.fixture(autouse=True)
def _china_time(request) -> Iterator[None]:
    """Cards say whether a line is open now, and that changes their length: every browser
    test runs at one moment in China (the clock ticking from there, in the live server's
    thread too), so none passes or fails by the hour CI happens to run. A test asks for
    another moment with `@pytest.mark.china_time(datetime(...))`."""
    marker = request.node.get_closest_marker("china_time")
    with time_machine.travel(marker.args[0] if marker else CHINA_MONDAY_MORNING, tick=True):
        yield


@pytest.fixture
def console_watch() -> Iterator[ConsoleWatch]:
    """The console of every page the test opens: the test fails on an error it logged,
    unless the test expected it (`console_watch.expect("status of 404")`)."""
    watch = ConsoleWatch()
    yield watch
    watch.assert_clean()


@pytest.fixture
def phone_page(browser, live_server, console_watch) -> Iterator[Page]:
    yield from open_page(browser, live_server, console_watch, **PHONE)


@pytest.fixture
def desktop_page(browser, live_server, console_watch) -> Iterator[Page]:
    yield from open_page(browser, live_server, console_watch, **DESKTOP)


@pytest.fixture
def desktop_page_no_js(browser, live_server, console_watch) -> Iterator[Page]:
    yield from open_page(browser, live_server, console_watch, java_script_enabled=False, **DESKTOP)
