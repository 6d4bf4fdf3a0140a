"""The templates' source, scanned: no inline style, no inline script, no hx-on, so the
strict Content-Security-Policy (jd400site/middleware.py) never blocks a page's own markup."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES = sorted((BASE_DIR / "templates").rglob("*.html"))


def test_it_has_templates_to_scan():
    assert len(TEMPLATES) >= 10
    assert BASE_DIR / "templates" / "base.html" in TEMPLATES


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_it_has_no_inline_style_attribute(template):
    assert ' style="' not in template.read_text()


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_it_has_no_inline_style_element(template):
    assert "<style" not in template.read_text().lower()


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_it_has_no_inline_script(template):
    scripts = re.findall(r"<script\b[^>]*>", template.read_text(), re.I)
    assert [tag for tag in scripts if " src=" not in tag] == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(BASE_DIR)))
def test_it_has_no_hx_on_attribute(template):
    assert "hx-on" not in template.read_text()
