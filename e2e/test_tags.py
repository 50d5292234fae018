"""The tag line and tag pages in a real browser."""

from __future__ import annotations

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
from masthead.tagging.actions import set_article_tags
from masthead.tagging.models import Tag

pytestmark = pytest.mark.browser


def tag_newsroom(newsroom: Newsroom) -> list[Tag]:
    """Tag the newsroom's article with an invented person, place and topic, in that order."""
    tags = [
        Tag(name="Ines Caldor", kind="person", description="Harbour master of Port Averly."),
        Tag(name="Port Averly", kind="place"),
        Tag(name="sea wall repairs", kind="topic"),
    ]
    for tag in tags:
        tag.save()
    set_article_tags(newsroom.article, tags, publish=True)
    return tags


def test_reader_follows_a_tag_from_the_tag_line(
    page: Page, live_server: LiveServer, newsroom: Newsroom, browser_log: BrowserLog
) -> None:
    """The tag line lists the tags in order; a tag leads to its page listing the article."""
    tag_newsroom(newsroom)
    page.goto(live_server.url + newsroom.article.url)
    line = page.get_by_role("navigation", name="Tags")
    expect(line).to_have_text("Ines Caldor, Port Averly, sea wall repairs")
    line.get_by_role("link", name="Ines Caldor").click()
    expect(page).to_have_url(f"{live_server.url}/tags/ines-caldor/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ines Caldor")
    expect(page.locator("main")).to_contain_text("Harbour master of Port Averly.")
    page.get_by_role("link", name=HEADLINE).click()
    expect(page).to_have_url(live_server.url + newsroom.article.url)
    assert_no_faults(browser_log, page)


def test_tag_page_has_no_wcag_22_aa_violations(
    axe_page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """axe-core reports no WCAG 2.0-2.2 A or AA violation on a tag page."""
    tag_newsroom(newsroom)
    axe_page.goto(f"{live_server.url}/tags/port-averly/")
    load_fully(axe_page)
    assert HEADLINE in axe_page.locator("main").inner_text()
    results = run_axe(axe_page)
    assert results["passes"], "axe-core ran no check at all"
    assert results["violations"] == [], describe_violations(results["violations"])
