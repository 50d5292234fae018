"""The reader's pages in a real browser: anatomy, links, pagination and a clean console."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from e2e.support import (
    ATTRIBUTION,
    CAPTION,
    CORRECTED_AT,
    CORRECTION,
    CREDIT,
    HEADLINE,
    PARAGRAPH,
    PUBLISHED_AT,
    QUOTE_TEXT,
    SPEAKER,
    STANDFIRST,
    BrowserLog,
    Newsroom,
    document_order,
    load_fully,
)
from masthead.testing.factories import make_article, make_section

pytestmark = pytest.mark.browser


def test_article_page_shows_its_parts_in_reading_order(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """The article reads dateline, headline, standfirst, body blocks, then corrections."""
    page.goto(live_server.url + newsroom.article.url)
    article = page.locator("main article")
    dateline = article.locator(".dateline time").first
    headline = article.get_by_role("heading", level=1)
    standfirst = article.get_by_text(STANDFIRST, exact=True)
    paragraph = article.locator("p", has_text=PARAGRAPH)
    quote = article.locator("figure", has=page.locator("blockquote"))
    image = article.locator("figure", has_text=CAPTION)
    corrections = article.locator("#corrections")

    expect(dateline).to_have_text("18:00 GMT 03 July 2020")
    published = dt.datetime.fromisoformat(dateline.get_attribute("datetime") or "")
    assert published == PUBLISHED_AT and published.tzinfo is not None
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(headline).to_have_text(HEADLINE)
    expect(paragraph).to_have_count(1)
    assert document_order(
        {
            "dateline": dateline,
            "headline": headline,
            "standfirst": standfirst,
            "paragraph": paragraph,
            "quote": quote,
            "image": image,
            "corrections": corrections,
        }
    ) == ["dateline", "headline", "standfirst", "paragraph", "quote", "image", "corrections"]


def test_article_page_credits_quotes_and_images(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """A quote names its speaker in <cite>; an image shows its caption, credit and pixels."""
    page.goto(live_server.url + newsroom.article.url)
    quote = page.locator("main figure", has=page.locator("blockquote"))
    image = page.locator("main figure", has_text=CAPTION)

    expect(quote.locator("blockquote")).to_have_text(QUOTE_TEXT)
    expect(quote.locator("figcaption cite")).to_have_text(SPEAKER)
    expect(quote.locator("figcaption")).to_contain_text(ATTRIBUTION)
    expect(image.locator("figcaption")).to_contain_text(CAPTION)
    expect(image.locator("figcaption")).to_contain_text(f"Credit: {CREDIT}")
    picture = image.locator("img")
    picture.scroll_into_view_if_needed()
    expect(picture).to_have_attribute("alt", "A plain teal test image")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=picture.element_handle()
    )


def test_article_page_shows_its_corrections_at_the_foot(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """A mark under the standfirst links to the dated corrections at the foot."""
    page.goto(live_server.url + newsroom.article.url)
    mark = page.get_by_role("link", name="This article has been corrected")
    corrections = page.get_by_role("region", name="Corrections")

    expect(mark).to_have_attribute("href", "#corrections")
    expect(corrections).to_have_attribute("id", "corrections")
    expect(corrections).to_contain_text(CORRECTION)
    corrected = corrections.locator("time")
    expect(corrected).to_have_text("04 July 2020")
    assert dt.datetime.fromisoformat(corrected.get_attribute("datetime") or "") == CORRECTED_AT
    mark.click()
    assert page.url.endswith("#corrections")
    expect(corrections).to_be_in_viewport()


def test_article_page_shows_every_part_of_the_reference_page_in_order(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """Dateline, Listen Live, Get short URL, headline, standards, discussion: in that order."""
    from masthead.discussion.moderation.actions import ensure_standards_page

    ensure_standards_page()  # As the demo and `masthead moderation standards` do.
    page.goto(live_server.url + newsroom.article.url)
    article = page.locator("main article")
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    parts = {
        "dateline": article.locator(".dateline time").first,
        "listen live": article.get_by_text("Listen Live").first,
        "short url": article.get_by_text("Get short URL").first,
        "headline": article.get_by_role("heading", level=1),
        "community standards": article.get_by_role("link", name="Community standards").first,
        "discussion": article.get_by_role("heading", name="Discussion").first,
    }
    for locator in parts.values():
        expect(locator).to_be_attached()
    assert document_order(parts) == list(parts)


def test_home_page_leads_with_the_article_and_shows_the_section_rail(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """The lead story and the section rail link to their articles, and the links work."""
    page.goto(live_server.url + "/")
    lead = page.get_by_role("region", name="Lead story")
    rail = page.get_by_role("region", name=newsroom.section.title)

    expect(lead.get_by_role("link", name=HEADLINE)).to_have_attribute("href", newsroom.article.url)
    expect(rail.get_by_role("link", name=newsroom.section.title)).to_have_attribute(
        "href", newsroom.section.url
    )
    for story in newsroom.rail_articles:
        expect(rail.get_by_role("link", name=story.title)).to_have_attribute("href", story.url)
    lead.get_by_role("link", name=HEADLINE).click()
    page.wait_for_url(live_server.url + newsroom.article.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)


def test_section_page_lists_articles_newest_first_and_paginates(
    page: Page, live_server: LiveServer, newsroom: Newsroom, settings: Settings
) -> None:
    """Three to a page, newest first; "Older" leads to the rest, "Newer" back."""
    settings.MASTHEAD_SECTION_PAGE_SIZE = 3  # The live server's thread reads the same settings.
    section = make_section("Business", slug="business")
    # Created out of date order, so that only the publication time can sort them.
    stories = {
        days: make_article(section, published_at=PUBLISHED_AT - dt.timedelta(days=days))
        for days in (3, 0, 4, 1, 2)
    }
    newest_first = [stories[days].title for days in sorted(stories)]
    headlines = page.locator("main").get_by_role("heading", level=2)

    page.goto(live_server.url + section.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("Business")
    expect(headlines).to_have_text(newest_first[:3])
    expect(page.get_by_role("navigation", name="Pages")).to_contain_text("Page 1 of 2")
    expect(page.get_by_role("link", name="Newer")).to_have_count(0)
    page.get_by_role("link", name="Older").click()
    page.wait_for_url(live_server.url + section.url + "?page=2")
    expect(headlines).to_have_text(newest_first[3:])
    expect(page.get_by_role("navigation", name="Pages")).to_contain_text("Page 2 of 2")
    page.get_by_role("link", name=newest_first[4]).click()
    page.wait_for_url(live_server.url + stories[4].url)


@pytest.mark.parametrize("name", ["home", "section", "article"])
def test_page_keeps_to_its_content_security_policy(
    page: Page, browser_log: BrowserLog, live_server: LiveServer, newsroom: Newsroom, name: str
) -> None:
    """Each page sends a strict CSP, and the browser reports no violation or error."""
    path = {"home": "/", "section": newsroom.section.url, "article": newsroom.article.url}[name]
    response = page.goto(live_server.url + path)
    assert response is not None and response.ok
    policy = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in policy and "script-src 'self'" in policy, policy
    load_fully(page)
    assert page.locator("img").count() > 0, "every page under test shows an image"
    assert browser_log.faults(page) == {
        "console errors": [],
        "page errors": [],
        "failed loads": [],
        "CSP violations": [],
    }


def test_browser_log_catches_an_inline_script_the_policy_refuses(
    page: Page, browser_log: BrowserLog, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """An inline script is refused by the CSP and shows up as a violation and an error."""
    page.goto(live_server.url + newsroom.article.url)
    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "document.title = 'injected'";
          document.head.append(script);
        }"""
    )
    page.wait_for_function("() => window.__cspViolations.length > 0")
    faults = browser_log.faults(page)
    assert page.title() != "injected"
    assert faults["CSP violations"] == ["script-src-elem refused inline"]
    assert any("Content Security Policy" in error for error in faults["console errors"])


def test_long_web_addresses_wrap_on_a_320_pixel_screen(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """An address longer than the screen is wide wraps instead of pushing the page sideways.

    Before, a long web address in an article's text or standfirst ran past the
    edge of a phone's screen and the whole page scrolled sideways.
    """
    address = "https://www.averly-harbour.example.org/notices/" + "sea-wall-works-" * 6 + "2020"
    article = make_article(
        newsroom.section,
        standfirst=f"The timetable is at {address} until the works end.",
        body=[("paragraph", f'<p>Read the notice at <a href="{address}">{address}</a>.</p>')],
    )
    page.set_viewport_size({"width": 320, "height": 640})
    for path in (article.url, newsroom.section.url):
        page.goto(live_server.url + path)
        expect(page.get_by_text(address).first).to_be_visible()
        widths = page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], path
