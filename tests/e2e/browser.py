"""What the browser tests share besides fixtures (those are in tests/e2e/conftest.py):
the two screens, a page's console watch, screenshots and the axe-core check."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page

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


class ConsoleWatch:
    """Console errors (CSP violations among them) and uncaught exceptions of a test's pages."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.expected: list[str] = []

    def watch(self, page: Page) -> None:
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))

    def expect(self, fragment: str) -> None:
        """A test that provokes an error response on purpose (a 404) says so: the browser
        logs every failed load, and only that one is allowed."""
        self.expected.append(fragment)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text} ({message.location})")

    def assert_clean(self) -> None:
        problems = [p for p in self.problems if not any(e in p for e in self.expected)]
        assert not problems, "the page logged errors:\n" + "\n".join(problems)


def open_page(browser: Browser, live_server, console: ConsoleWatch, **options) -> Iterator[Page]:
    """A page in a fresh context at the live server, watched by `console`; the context
    closes when the test ends (the `console_watch` fixture then checks the log)."""
    context = browser.new_context(base_url=live_server.url, **options)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    console.watch(page)
    yield page
    context.close()


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
