"""The "Get short URL" control in a real browser: reveal, copy, QR code, and without JavaScript."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from e2e.conftest import new_context
from e2e.support import BrowserLog, Newsroom, describe_violations, load_fully, run_axe
from masthead.shortlinks.models import ShortLink

pytestmark = pytest.mark.browser


def code_of(newsroom: Newsroom) -> str:
    """Return the short code of the newsroom's article."""
    return ShortLink.objects.get(target=newsroom.article).code


def test_button_reveals_link_copy_button_and_qr_code(
    page: Page, live_server: LiveServer, newsroom: Newsroom, browser_log: BrowserLog
) -> None:
    """One click opens the panel: the short URL, a working copy button and the QR code."""
    code = code_of(newsroom)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.goto(live_server.url + newsroom.article.url)
    button = page.get_by_role("button", name="Get short URL")
    expect(button).to_have_attribute("aria-expanded", "false")
    field = page.get_by_label("Short URL of this article")
    expect(field).to_be_hidden()

    button.click()

    expect(button).to_have_attribute("aria-expanded", "true")
    expect(field).to_be_visible()
    assert field.input_value().endswith(f"/s/{code}")
    qr = page.get_by_role("img", name="QR code of the short URL")
    expect(qr).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    copy = page.get_by_role("button", name="Copy link")
    expect(copy).to_be_visible()
    copy.click()
    expect(page.locator(".short-url").get_by_role("status")).to_have_text("Link copied")
    assert page.evaluate("() => navigator.clipboard.readText()") == field.input_value()
    button.click()
    expect(field).to_be_hidden()
    assert browser_log.faults(page) == {
        "console errors": [],
        "page errors": [],
        "failed loads": [],
        "CSP violations": [],
    }


def test_without_javascript_the_link_leads_to_a_share_page(
    browser: Browser, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """With scripts off, "Get short URL" is a link to a page with the URL and QR code."""
    code = code_of(newsroom)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + newsroom.article.url)
        page.get_by_role("link", name="Get short URL").click()
        expect(page).to_have_url(f"{live_server.url}/s/{code}/share")
        assert page.get_by_label("Short URL").input_value().endswith(f"/s/{code}")
        expect(page.get_by_role("img", name="QR code of the short URL")).to_be_visible()
        expect(page.get_by_role("link", name=newsroom.article.title)).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("where", ["article, panel open", "share page"])
def test_short_url_views_have_no_wcag_22_aa_violations(
    browser: Browser, live_server: LiveServer, newsroom: Newsroom, where: str
) -> None:
    """axe-core finds nothing on the opened panel or on the share page."""
    context = new_context(browser, bypass_csp=True)
    page = context.new_page()
    try:
        if where == "share page":
            page.goto(f"{live_server.url}/s/{code_of(newsroom)}/share")
        else:
            page.goto(live_server.url + newsroom.article.url)
            page.get_by_role("button", name="Get short URL").click()
        load_fully(page)
        results = run_axe(page)
        assert results["passes"], "axe-core ran no check at all"
        assert results["violations"] == [], describe_violations(results["violations"])
    finally:
        context.close()
