"""Structured data, feeds and sitemaps in a real browser, under the site's strict CSP."""

from __future__ import annotations

import json

import feedparser
import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from e2e.support import CORRECTION, HEADLINE, BrowserLog, Newsroom, load_fully

pytestmark = pytest.mark.browser


def test_article_json_ld_keeps_to_the_csp_and_parses(
    page: Page, browser_log: BrowserLog, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """The JSON-LD data block is not refused by the CSP, and Chrome reads it as NewsArticle."""
    response = page.goto(live_server.url + newsroom.article.url)
    assert response is not None and response.ok
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    load_fully(page)
    blocks = page.locator('script[type="application/ld+json"]')
    assert blocks.count() == 1
    data = json.loads(blocks.first.text_content() or "")
    assert data["@type"] == "NewsArticle" and data["headline"] == HEADLINE
    assert [item["text"] for item in data["correction"]] == [CORRECTION]
    assert page.locator('meta[name="robots"]').get_attribute("content") == "max-image-preview:large"
    canonical = page.locator('link[rel="canonical"]').get_attribute("href") or ""
    assert canonical.endswith(newsroom.article.url)
    assert browser_log.faults(page) == {
        "console errors": [],
        "page errors": [],
        "failed loads": [],
        "CSP violations": [],
    }


def test_feed_discovered_from_the_page_parses(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """The section feed named in the article's head is served and parses without errors."""
    page.goto(live_server.url + newsroom.article.url)
    href = page.locator('link[rel="alternate"][type="application/rss+xml"]').first.get_attribute(
        "href"
    )
    assert href is not None and "/feeds/sections/world/rss/" in href
    path = href.split("://", 1)[1].split("/", 1)[1]
    body = page.request.get(f"{live_server.url}/{path}").body()
    parsed = feedparser.parse(body)
    assert parsed.bozo == 0
    assert parsed.entries[0].title == HEADLINE


def test_sitemap_index_and_robots_are_served(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """robots.txt names the sitemap index, which the browser receives as XML."""
    robots = page.request.get(f"{live_server.url}/robots.txt")
    assert robots.ok and "Sitemap: " in robots.text()
    index = page.request.get(f"{live_server.url}/sitemap.xml")
    assert index.ok and index.headers["content-type"].startswith("application/xml")
    assert "<sitemapindex" in index.text()
