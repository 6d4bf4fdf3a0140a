"""Browser fixtures: one Chromium per session, a fresh context per test.

Debian's Chromium at /usr/bin/chromium when present, else Playwright's own build (`make
browser`). A browser that cannot start fails the run, in CI and locally: never a skip.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Error, Page, sync_playwright

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa"]}}
TIMEOUT_MS = 15_000

PHONE = {
    "viewport": {"width": 360, "height": 740},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
}
DESKTOP = {
    "viewport": {"width": 1280, "height": 800},
    "locale": "zh-CN",
    "timezone_id": "Asia/Shanghai",
}


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


class ConsoleWatch:
    """Console errors (CSP violations among them) and uncaught exceptions of one page."""

    def __init__(self, page: Page) -> None:
        self.problems: list[str] = []
        self.expected: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location})")

    def assert_clean(self) -> None:
        problems = [p for p in self.problems if not any(e in p for e in self.expected)]
        assert not problems, "the page logged errors:\n" + "\n".join(problems)


def expect_console_error(page: Page, fragment: str) -> None:
    """A test that provokes an error response on purpose (a 404) says so: the browser logs
    every failed load, and only that one is allowed."""
    page._jd400_console_watch.expected.append(fragment)


def _open_page(browser: Browser, live_server, **options) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    watch = ConsoleWatch(page)
    page._jd400_console_watch = watch
    yield page
    context.close()
    watch.assert_clean()


@pytest.fixture
def phone_page(browser, live_server) -> Iterator[Page]:
    yield from _open_page(browser, live_server, **PHONE)


@pytest.fixture
def desktop_page(browser, live_server) -> Iterator[Page]:
    yield from _open_page(browser, live_server, **DESKTOP)


@pytest.fixture
def desktop_page_no_js(browser, live_server) -> Iterator[Page]:
    yield from _open_page(browser, live_server, java_script_enabled=False, **DESKTOP)


def shot(page: Page, name: str) -> Path:
    """A full-page PNG under test-results/screenshots/, for a human to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{re.sub(r'[^A-Za-z0-9_.-]+', '-', name)}.png"
    # caret="initial": otherwise Playwright leaves style="" on inputs, which a later htmx
    # swap copies into the page and the strict CSP then reports.
    page.screenshot(path=str(path), full_page=True, caret="initial")
    return path


def axe_check(page: Page) -> None:
    """WCAG 2 A and AA by axe-core: no violations, or a readable list of them."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    if results.violations_count:
        lines = [f"{results.violations_count} accessibility violation(s) on {page.url}:"]
        for violation in results.response["violations"]:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:160]}")
                if node.get("failureSummary"):
                    summary = " ".join(node["failureSummary"].split())
                    lines.append(f"      {summary[:300]}")
        pytest.fail("\n".join(lines), pytrace=False)
