"""Accessibility of the reader's pages: axe-core finds nothing at WCAG 2.2 AA."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from e2e.support import HEADLINE, Newsroom, describe_violations, load_fully, run_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", ["home", "section", "article"])
def test_page_has_no_wcag_22_aa_violations(
    axe_page: Page, live_server: LiveServer, newsroom: Newsroom, name: str
) -> None:
    """axe-core reports no WCAG 2.0-2.2 A or AA violation on the page."""
    path = {"home": "/", "section": newsroom.section.url, "article": newsroom.article.url}[name]
    axe_page.goto(live_server.url + path)
    load_fully(axe_page)
    assert HEADLINE in axe_page.locator("main").inner_text(), "the page under test is empty"

    results = run_axe(axe_page)

    assert results["passes"], "axe-core ran no check at all"
    assert results["violations"] == [], (
        f"axe-core {results['testEngine']['version']} found violations on {path}:\n"
        + describe_violations(results["violations"])
    )
