"""A shopper's browser over real HTTP, for the tests against running servers and the soak:
cookies kept across instances (as behind one load balancer), the CSRF token read from the
page that holds the form, redirects followed, and every request timed."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Hit:
    step: str
    seconds: float
    status: int
    locked: bool  # the page mentioned SQLite's "database is locked"


@dataclass
class Shopper:
    base: str
    session: requests.Session = field(default_factory=requests.Session)
    hits: list[Hit] = field(default_factory=list)
    timeout: float = 120

    def __post_init__(self) -> None:
        # One connection per request. A kept-alive connection that gunicorn closes after
        # its keepalive (5 s) while the client is sending on it is reset; a browser would
        # resend, requests does not. In production nginx holds the connections to gunicorn
        # (docs/deploy.md); here the figures are the app's, not that race's.
        self.session.headers["Connection"] = "close"

    def on(self, base: str) -> Shopper:
        """The same browser talking to another instance (its cookies go along)."""
        return Shopper(base, self.session, self.hits, self.timeout)

    def _record(self, step: str, started: float, response: requests.Response) -> None:
        self.hits.append(
            Hit(
                step,
                time.perf_counter() - started,
                response.status_code,
                b"database is locked" in response.content,
            )
        )

    def open(self, path: str, step: str = "open") -> requests.Response:
        started = time.perf_counter()
        response = self.session.get(self.base + path, timeout=self.timeout)
        self._record(step, started, response)
        return response

    def submit(
        self,
        path: str,
        data: dict[str, Any] | None = None,
        *,
        files: list[tuple[str, tuple[str, bytes, str]]] | None = None,
        page: str | None = None,
        step: str = "submit",
        before_post: Callable[[], object] | None = None,
        fill: Callable[[str], dict[str, Any]] | None = None,
    ) -> requests.Response:
        """Open the page with the form (or `page`), then post the form from it; `fill`
        reads values from that page (the defaults a browser would send)."""
        form_page = self.open(page or path, step=f"{step} (page)")
        match = CSRF_INPUT.search(form_page.text)
        if match is None:
            raise AssertionError(f"no form on {page or path}: {form_page.status_code}")
        if fill is not None:
            data = {**fill(form_page.text), **(data or {})}
        if before_post is not None:
            before_post()  # e.g. wait until another device has its form open too
        started = time.perf_counter()
        response = self.session.post(
            self.base + path,
            data={**(data or {}), "csrfmiddlewaretoken": match.group(1)},
            files=files,
            # A browser sends where the form came from; Django compares it with the host.
            headers={"Origin": self.base, "Referer": self.base + (page or path)},
            timeout=self.timeout,
        )
        self._record(step, started, response)
        return response


def case_path(response: requests.Response) -> str:
    """/c/<token>/ from the URL a new case redirected to."""
    match = re.search(r"(/c/[A-Za-z0-9_\-]+/)", response.url)
    if match is None:
        raise AssertionError(f"not a case page: {response.url}")
    return match.group(1)


def call_defaults(html: str) -> dict[str, str]:
    """The call form as it opens: its inputs, and the line the routing preselected."""
    from tests.html import form_values

    selected = re.search(r'<option value="([^"]*)"[^>]*\bselected\b', html)
    return {**form_values(html), "hotline": selected.group(1) if selected else ""}
