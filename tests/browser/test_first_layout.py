"""The quiz's controls are laid out with the page, not un-hidden by the client afterwards.

A tiny inline script beside the stylesheet marks the document before the first layout, and
the stylesheet then shows what the client will run (and hides the no-script notes). Here the
client's script is replaced by an empty one, so nothing the client does can explain what is
on screen: the first layout alone must already hold the buttons.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Route, expect

pytestmark = pytest.mark.browser


def _without_client(route: Route) -> None:
    route.fulfill(status=200, content_type="text/javascript", body="")


def test_controls_are_in_the_first_layout_without_the_client(
    browser: Browser, site_url: str
) -> None:
    context = browser.new_context(base_url=site_url)
    try:
        page = context.new_page()
        page.route("**/assets/quizengine/*.js*", _without_client)
        page.goto("chapter/types/")
        assert page.evaluate("document.documentElement.classList.contains('qe-live')")
        assert page.locator("[data-qe-on]").count() == 0  # the client really did not run
        expect(page.locator("[data-act=check]").first).to_be_visible()
        expect(page.locator("[data-act=submit]")).to_be_visible()
        expect(page.locator(".qe-mv").first).to_be_visible()
    finally:
        context.close()


def test_the_client_keeps_the_same_controls_after_mounting(browser: Browser, site_url: str) -> None:
    context = browser.new_context(base_url=site_url)
    try:
        page = context.new_page()
        page.goto("chapter/types/")
        page.wait_for_function("performance.getEntriesByName('qe:ready').length")
        assert page.locator("[data-qe-on]").count() >= 1
        expect(page.locator("[data-act=check]").first).to_be_visible()
        expect(page.locator("[data-act=submit]")).to_be_visible()
    finally:
        context.close()
