"""Search in a real browser: from the header box to a highlighted result, accessibly."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from e2e.support import (
    HEADLINE,
    BrowserLog,
    Newsroom,
    assert_no_faults,
    describe_violations,
    load_fully,
    run_axe,
)

pytestmark = pytest.mark.browser


def test_reader_searches_from_the_header(
    page: Page, live_server: LiveServer, newsroom: Newsroom, browser_log: BrowserLog
) -> None:
    """The header box leads to results with the searched word marked; the result opens."""
    page.goto(live_server.url + newsroom.article.url)
    header = page.get_by_role("search", name="Site search")
    header.get_by_label("Search articles").fill("harbour repairs")
    header.get_by_role("button", name="Search").click()
    expect(page).to_have_url(f"{live_server.url}/search/?q=harbour+repairs")
    results = page.get_by_role("region", name="1 article for “harbour repairs”")
    expect(results.get_by_role("heading", level=3).locator("mark")).to_have_text(
        ["Harbour", "repairs"]
    )
    # The page's own form shows the query, ready to refine.
    expect(
        page.get_by_role("search", name="Search articles").get_by_label("Search for")
    ).to_have_value("harbour repairs")
    results.get_by_role("link", name=HEADLINE).click()
    expect(page).to_have_url(live_server.url + newsroom.article.url)
    assert_no_faults(browser_log, page)


def test_reader_narrows_by_section_and_sorts(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """Filters and order are ordinary form fields, submitted without JavaScript."""
    page.goto(f"{live_server.url}/search/?q=harbour")
    form = page.get_by_role("search", name="Search articles")
    form.get_by_label("Section").select_option(label="World")
    form.get_by_label("Newest first").check()
    form.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=harbour&section=world&.*sort=date$"))
    expect(page.locator(".search-result")).to_have_count(1)


@pytest.mark.parametrize(
    "path", ["/search/", "/search/?q=harbour", "/search/?q=harbour&published_from=nonsense"]
)
def test_search_page_has_no_wcag_22_aa_violations(
    axe_page: Page, live_server: LiveServer, newsroom: Newsroom, path: str
) -> None:
    """axe-core reports no WCAG 2.0-2.2 A or AA violation on the form, results or errors."""
    axe_page.goto(live_server.url + path)
    load_fully(axe_page)
    results = run_axe(axe_page)
    assert results["passes"], "axe-core ran no check at all"
    assert results["violations"] == [], (
        f"axe-core {results['testEngine']['version']} found violations on {path}:\n"
        + describe_violations(results["violations"])
    )


@pytest.mark.parametrize("path", ["/", "/search/"])
def test_header_search_fits_a_320_pixel_screen(
    page: Page, live_server: LiveServer, newsroom: Newsroom, path: str
) -> None:
    """At 320 CSS pixels (WCAG's reflow width) the page does not scroll sideways.

    Before, the header's search box kept its full width and pushed the header,
    and so the whole page, 15 pixels past the screen's edge.
    """
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + path)
    load_fully(page)
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1]
    header = page.get_by_role("search", name="Site search")
    box = header.get_by_role("button", name="Search").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 320
