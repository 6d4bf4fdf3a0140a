from __future__ import annotations

import os
import re
from datetime import date, timedelta
from html.parser import HTMLParser
from typing import Any

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to
# run in such a thread unless told it is safe (the live server runs in its own thread).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ORDER = {"order_number": "1234567890", "purchase_kind": "self_operated", "item": "洗衣机"}
PROBLEM = {"problem": "quality_fault", "description": "到货后无法启动。按电源键没反应"}
WANT = {"desired_outcome": "repair", "outcome_detail": "", "deadline_days": "3"}


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """SQLite tests run on a file of their own, not on the shared-cache memory database:
    there, a thread waiting for the write lock fails at once ("database table is locked")
    instead of waiting as it does on a real file, and the evidence cap race tests that."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        folder = tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "jd400-test.sqlite3")


@pytest.fixture(autouse=True)
def _evidence_in_a_temporary_folder(settings, tmp_path):
    """No test writes evidence into var/evidence, the development server's folder."""
    from tests.evidence_images import use_temporary_storage

    use_temporary_storage(settings, tmp_path)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language (zh-hans), whatever the last
    request activated: LocaleMiddleware leaves its language active in the thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


def days_ago(days: int) -> date:
    """A date in China time relative to today, so the tests do not age."""
    from django.utils import timezone

    return timezone.localdate() - timedelta(days=days)


def problem_data(**overrides: str) -> dict[str, str]:
    return {**PROBLEM, "happened_on": days_ago(8).isoformat(), **overrides}


def tried_data(contacts: dict[str, dict[str, Any]] | None = None) -> dict[str, str]:
    """The "already tried" formset as the browser posts it: one row per channel, in the
    order of Channel; `contacts` maps a channel to the fields of a ticked row."""
    from routing.choices import Channel

    contacts = contacts or {}
    data = {
        "tried-TOTAL_FORMS": str(len(Channel.values)),
        "tried-INITIAL_FORMS": str(len(Channel.values)),
        "tried-MIN_NUM_FORMS": "0",
        "tried-MAX_NUM_FORMS": str(len(Channel.values)),
    }
    for i, channel in enumerate(Channel.values):
        data[f"tried-{i}-channel"] = channel
        data[f"tried-{i}-contacted_on"] = ""
        data[f"tried-{i}-answer"] = ""
        row = contacts.get(channel)
        if row is not None:
            data[f"tried-{i}-used"] = "on"
            data[f"tried-{i}-contacted_on"] = row.get("contacted_on", "")
            data[f"tried-{i}-answer"] = row.get("answer", "")
            if row.get("has_record"):
                data[f"tried-{i}-has_record"] = "on"
    return data


def make_case(upto: str | None = None, **fields: Any):
    """A case with every step up to and including `upto` answered (None: a fresh case)."""
    from cases.models import Case
    from cases.wizard import STEP_SLUGS

    answered = STEP_SLUGS[: STEP_SLUGS.index(upto) + 1] if upto else ()
    values: dict[str, Any] = {}
    if "order" in answered:
        values.update(ORDER)
    if "problem" in answered:
        values.update(PROBLEM, happened_on=days_ago(8))
    if "tried" in answered:
        values["tried_answered"] = True
    if "want" in answered:
        values.update(WANT, deadline_days=3)
    if "evidence" in answered:
        values["evidence_answered"] = True
    if "check" in answered:
        from django.utils import timezone

        values["card_ready_at"] = timezone.now()
    values.update(fields)
    return Case.objects.create(**values)


@pytest.fixture
def case_factory(db):
    return make_case


class _FormState(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    self.values.setdefault(name, []).append(a.get("value", "on"))
            elif kind not in ("submit", "button"):
                self.values.setdefault(name, []).append(a.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.values.setdefault(name, []).append("")

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea][-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def form_values(html: str) -> dict[str, str]:
    """What the browser would submit from the page's forms: name → value (checked boxes
    only; a textarea's leading newline dropped as browsers do)."""
    parser = _FormState()
    parser.feed(html)
    return {
        name: values[-1].removeprefix("\n")
        for name, values in parser.values.items()
        if name != "csrfmiddlewaretoken"
    }


def error_message(html: str, field_id: str) -> str:
    """The text of the message shown next to a field ('' when none)."""
    match = re.search(rf'<p class="error-message" id="{field_id}_error">(.*?)</p>', html, re.S)
    return re.sub(r"<[^>]+>", "", match.group(1)) if match else ""


def error_summary(html: str) -> str:
    match = re.search(r'<div class="error-summary".*?</div>', html, re.S)
    return match.group(0) if match else ""
