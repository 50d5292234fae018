"""Related headlines under an article, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from e2e.support import BrowserLog, Newsroom, assert_no_faults
from masthead.related.actions import set_editor_picks, update_article
from masthead.testing.factories import make_article

pytestmark = pytest.mark.browser


def test_reader_follows_a_related_headline(
    page: Page, live_server: LiveServer, newsroom: Newsroom, browser_log: BrowserLog
) -> None:
    """The article lists an editor's pick, then a found article of the same story; both link."""
    follow_up = make_article(
        newsroom.section,
        title="Harbour storm repairs cost the port three weeks of trade",
        standfirst="The harbour reopened after storm repairs to its sea wall.",
        body=[("paragraph", "<p>Storm repairs to the harbour sea wall took three weeks.</p>")],
    )
    update_article(follow_up.pk)
    update_article(newsroom.article.pk)
    set_editor_picks(newsroom.article, [newsroom.rail_articles[0]])
    page.goto(live_server.url + newsroom.article.url)
    related = page.get_by_role("complementary", name="Related headlines")
    links = related.get_by_role("link")
    expect(links).to_have_count(2)
    expect(links.nth(0)).to_have_text(newsroom.rail_articles[0].title)
    expect(links.nth(1)).to_have_text(follow_up.title)
    links.nth(1).click()
    expect(page).to_have_url(live_server.url + follow_up.url)
    assert_no_faults(browser_log, page)
