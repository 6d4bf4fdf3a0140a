"""Helpers for the wizard's step tests (tests/test_step_*.py)."""

from __future__ import annotations

import re

from cases.models import Case

SUMMARY_TITLE = "有些内容需要修改"


def url(case: Case, slug: str = "", query: str = "") -> str:
    path = f"/c/{case.token}/{slug}/" if slug else f"/c/{case.token}/"
    return path + (f"?{query}" if query else "")


def post(client, case: Case, slug: str, data: dict, query: str = ""):
    return client.post(url(case, slug, query), data)


def html_of(response) -> str:
    return response.content.decode()


def check_answers(html: str) -> list[str]:
    """The check page's rows as "label: value" text."""
    return [
        re.sub(r"<[^>]+>", "", f"{key}: {value}").strip()
        for key, value in re.findall(
            r'<dt class="summary__key">(.*?)</dt>\s*<dd class="summary__value">(.*?)</dd>',
            html,
            re.S,
        )
    ]
