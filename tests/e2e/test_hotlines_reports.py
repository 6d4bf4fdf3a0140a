"""/hotlines/ and the card once shoppers have logged calls (issue 22), in a real browser:
the chart is readable without JavaScript, axe finds nothing, and on a 360 px phone the
chart and its table fit."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e import pages
from tests.e2e.browser import axe_check, shot
from tests.reports_seed import seed_reports

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("language", pages.LANGUAGES)
def test_it_shows_each_lines_chart_and_table_on_a_phone(phone_page: Page, live_server, language):
    seed_reports()
    pages.use_language(phone_page, language, live_server.url)
    phone_page.goto("/hotlines/")
    charts = phone_page.locator("svg.wait-chart[role=img]")
    # Self-operated and PLUS: third-party has 6 reports but only 2 gave minutes.
    expect(charts).to_have_count(2)
    expect(phone_page.locator("#line-self_operated .line-reports__table tbody tr")).to_have_count(3)
    shot(phone_page, f"hotlines-reports-phone-{language}")
    axe_check(phone_page)
    assert pages.overflowing(phone_page) == []
    assert pages.crowded_targets(phone_page)["failing"] == []


def test_it_shows_the_chart_without_javascript(desktop_page_no_js: Page):
    seed_reports()
    desktop_page_no_js.goto("/hotlines/")
    chart = desktop_page_no_js.locator("#line-self_operated svg.wait-chart")
    expect(chart).to_be_visible()
    box = chart.bounding_box()
    assert box is not None and box["height"] > 50


@pytest.mark.parametrize("language", pages.LANGUAGES)
def test_it_shows_the_reported_best_time_on_the_card(phone_page: Page, live_server, language):
    seed_reports()
    pages.use_language(phone_page, language, live_server.url)
    pages.visit(phone_page, "card")
    best = phone_page.locator(".card__reported-time")
    expect(best).to_contain_text("8" if language == "en" else "8 位用户记录")
    axe_check(phone_page)
