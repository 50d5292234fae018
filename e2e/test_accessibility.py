"""Accessibility of the reader's pages: axe-core finds nothing at WCAG 2.2 AA."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from e2e.support import HEADLINE, Newsroom, describe_violations, load_fully, run_axe
from masthead.discussion import actions as discussion_actions
from masthead.discussion.moderation.actions import ensure_standards_page
from masthead.shortlinks.models import ShortLink
from masthead.tagging.actions import set_article_tags
from masthead.tagging.models import Tag
from masthead.testing.factories import make_article, make_author

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("name", ["home", "section", "article"])
def test_page_has_no_wcag_22_aa_violations(
    axe_page: Page, live_server: LiveServer, newsroom: Newsroom, name: str
) -> None:
    """axe-core reports no WCAG 2.0-2.2 A or AA violation on the page, nor a skipped heading level.

    Before the fix the lead story of the home page and the stories of a section
    page had third-level headings straight under the page's first-level title.
    """
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


REFLOW_WIDTH = 320  # WCAG 1.4.10: content reflows at 320 CSS pixels without sideways scrolling.
READER_EMAIL = "wren.tallis@example.org"
READER_NAME = "Wren Tallis"
AUTHOR_NAME = "Oskar Vell"


def sign_in_reader(page: Page, base: str) -> None:
    """Give the page's context the session of a verified reader with a password."""
    user = get_user_model().objects.create_user(
        username=READER_EMAIL, email=READER_EMAIL, password="a-long-walk-on-the-quay-42"
    )
    EmailAddress.objects.create(user=user, email=READER_EMAIL, verified=True, primary=True)
    discussion_actions.set_display_name(user, READER_NAME, notify_replies=False)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[django_settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base}]
    )


def tag_path(newsroom: Newsroom) -> str:
    """Tag the article with an invented place and return the tag page."""
    tag = Tag(name="Port Averly", kind="place", description="A fishing town on the east coast.")
    tag.save()
    set_article_tags(newsroom.article, [tag], publish=True)
    return "/tags/port-averly/"


def author_path(newsroom: Newsroom) -> str:
    """Credit an invented author with an article and return their profile."""
    author = make_author(
        AUTHOR_NAME, slug="oskar-vell", bio="<p>Covers the harbour and the ferries.</p>"
    )
    make_article(newsroom.section, title=HEADLINE + " (analysis)", authors=[author])
    return "/authors/oskar-vell/"


def discussion_path(newsroom: Newsroom) -> str:
    """Open the article's discussion, with a comment in it, and return its own page."""
    discussion_actions.set_article_mode(newsroom.article, mode="open")
    user = get_user_model().objects.create_user(username="ada.morrow@example.org")
    EmailAddress.objects.create(user=user, email=user.username, verified=True, primary=True)
    discussion_actions.set_display_name(user, "Ada Morrow", notify_replies=False)
    discussion_actions.post_comment(
        author=user, article=newsroom.article, text="Good news at last."
    )
    return f"/discussion/{newsroom.article.pk}/"


def standards_path(newsroom: Newsroom) -> str:
    """Publish the default community standards and return their page."""
    return str(ensure_standards_page().url)


def share_path(newsroom: Newsroom) -> str:
    """Return the share page of the article's short link."""
    return f"/s/{ShortLink.objects.get(target=newsroom.article).code}/share"


def fixed(path: str) -> Callable[[Newsroom], str]:
    """Return a page maker that needs nothing but the newsroom."""
    return lambda newsroom: path


# Each reader page: how to reach it, and whether the reader is signed in.
READER_PAGES: dict[str, tuple[Callable[[Newsroom], str], bool]] = {
    "tag": (tag_path, False),
    "author": (author_path, False),
    "search results": (fixed("/search/?q=harbour"), False),
    "search without results": (fixed("/search/?q=zeppelin"), False),
    "discussion, signed out": (discussion_path, False),
    "discussion, signed in": (discussion_path, True),
    "sign in": (fixed("/accounts/login/"), False),
    "sign up": (fixed("/accounts/signup/"), False),
    "password reset": (fixed("/accounts/password/reset/"), False),
    "password reset sent": (fixed("/accounts/password/reset/done/"), False),
    "sign out": (fixed("/accounts/logout/"), True),
    "account": (fixed("/discussion/account/"), True),
    "change password": (fixed("/accounts/password/change/"), True),
    "email addresses": (fixed("/accounts/email/"), True),
    "delete account": (fixed("/discussion/account/delete/"), True),
    "standing": (fixed("/moderation/me/"), True),
    "community standards": (standards_path, False),
    "radio listen": (fixed("/radio/listen/"), False),
    "share page": (share_path, False),
    "not found": (fixed("/no-such-page/"), False),
    "section page 2": (lambda newsroom: newsroom.section.url + "?page=2", False),
}


def open_reader_page(
    page: Page, base: str, newsroom: Newsroom, name: str, settings: Settings
) -> str:
    """Make what the named page shows, open it fully loaded and return its path."""
    settings.MASTHEAD_SECTION_PAGE_SIZE = 2  # Three articles: page 2 exists.
    make_path, signed_in = READER_PAGES[name]
    path = make_path(newsroom)
    if signed_in:
        sign_in_reader(page, base)
    response = page.goto(base + path)
    load_fully(page)
    # Not sent to the sign-in form instead, nor to an error page other than the one meant.
    assert page.url == base + path
    assert response is not None and response.status == (404 if name == "not found" else 200)
    expect(page.locator("main")).not_to_be_empty()
    if name == "share page":
        qr = page.get_by_role("img", name="QR code of the short URL")
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=qr.element_handle()
        )
    return path


def assert_no_violations(page: Page, path: str) -> None:
    """Run axe-core on the page and fail with what it found."""
    results: dict[str, Any] = run_axe(page)
    assert results["passes"], "axe-core ran no check at all"
    assert results["violations"] == [], (
        f"axe-core {results['testEngine']['version']} found violations on {path}:\n"
        + describe_violations(results["violations"])
    )


@pytest.mark.parametrize("name", list(READER_PAGES))
def test_reader_page_has_no_wcag_22_aa_violations(
    axe_page: Page, live_server: LiveServer, newsroom: Newsroom, settings: Settings, name: str
) -> None:
    """axe-core reports no WCAG 2.0-2.2 A or AA violation on every other page a reader reaches."""
    path = open_reader_page(axe_page, live_server.url, newsroom, name, settings)
    assert_no_violations(axe_page, path)


@pytest.mark.parametrize("name", ["home", "section", "article", *READER_PAGES])
def test_page_reflows_at_320_pixels(
    axe_page: Page, live_server: LiveServer, newsroom: Newsroom, settings: Settings, name: str
) -> None:
    """At 320 CSS pixels the page does not scroll sideways, and axe-core still finds nothing."""
    axe_page.set_viewport_size({"width": REFLOW_WIDTH, "height": 640})
    if name in READER_PAGES:
        path = open_reader_page(axe_page, live_server.url, newsroom, name, settings)
    else:
        path = {"home": "/", "section": newsroom.section.url, "article": newsroom.article.url}[name]
        axe_page.goto(live_server.url + path)
        load_fully(axe_page)
    width = axe_page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= REFLOW_WIDTH, f"{path} is {width} pixels wide at {REFLOW_WIDTH}"
    assert_no_violations(axe_page, path)


# The focus indicator of the focused element: its outline or box-shadow, what the
# outline is drawn on (the nearest opaque background: the element's own when the
# outline is inset, else the one around it) and the contrast between the two.
FOCUS_INDICATOR = """
el => {
  const rgba = (colour) => {
    const parts = (colour.match(/[\\d.]+/g) || []).map(Number);
    return { rgb: parts.slice(0, 3), alpha: parts.length > 3 ? parts[3] : 1 };
  };
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((value) => {
      const c = value / 255;
      return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const style = getComputedStyle(el);
  const width = style.outlineStyle === "none" ? 0 : parseFloat(style.outlineWidth);
  const inset = parseFloat(style.outlineOffset) + width <= 0;
  let behind = [255, 255, 255];
  for (let node = inset ? el : el.parentElement; node; node = node.parentElement) {
    const background = rgba(getComputedStyle(node).backgroundColor);
    if (background.alpha > 0) { behind = background.rgb; break; }
  }
  const ring = luminance(rgba(style.outlineColor).rgb);
  const [light, dark] = [Math.max(ring, luminance(behind)), Math.min(ring, luminance(behind))];
  const outline = `${style.outlineWidth} ${style.outlineStyle} ${style.outlineColor}`;
  return {
    outline: width > 0 ? outline : "none",
    boxShadow: style.boxShadow,
    behind: `rgb(${behind.join(", ")})`,
    contrast: width > 0 ? Math.round(((light + 0.05) / (dark + 0.05)) * 100) / 100 : null,
  };
}
"""
# Representative controls of the article page, by a selector that names one each.
FOCUS_TARGETS = {
    "link in the article": "main article .article__section a",
    "Listen Live": "main article [data-radio-toggle]",
    "Get short URL": "main article .short-url__toggle",  # A button once the script runs.
    "comment box": "[data-discussion] [data-text]",
    "Post comment button": "[data-discussion] [data-submit]",
    "tab": "[data-discussion] [data-tablist] [data-tab]",
    "sort menu": "[data-discussion] [data-sort]",
    "Recommend button": '[data-discussion] button[data-act="react"]',
}
# The persistent player Listen Live opens on the article page.
PLAYER_FOCUS_TARGETS = {
    "Play or Pause button": "#radio-player [data-radio-play]",
    "schedule": "#radio-player summary",
    "Pop out player link": "#radio-player [data-radio-popout]",
    "close button": "#radio-player [data-radio-close]",
}
MOST_TABS = 120  # Far more tab stops than the article page has.
FOCUS_CONTRAST = 3  # WCAG 1.4.11: a focus indicator against what is next to it.


def assert_tabbing_shows_focus(page: Page, targets: dict[str, str]) -> None:
    """Tab from where the focus is to each of the named controls, and assert each shows
    an outline or shadow it has not unfocused, an outline 3:1 against what is behind it.
    """
    unfocused = {
        name: page.locator(selector).first.evaluate(FOCUS_INDICATOR)
        for name, selector in targets.items()
    }
    focused: dict[str, dict[str, Any]] = {}
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        name = page.evaluate(
            "targets => Object.keys(targets).find("
            "name => document.activeElement.matches(targets[name]))",
            targets,
        )
        if name and name not in focused:
            focused[name] = page.evaluate(f"({FOCUS_INDICATOR})(document.activeElement)")
        if len(focused) == len(targets):
            break
    assert sorted(focused) == sorted(targets), "Tab never reached some of the controls"
    for name, indicator in focused.items():
        before = unfocused[name]
        shown = (indicator["outline"], indicator["boxShadow"])
        assert shown != (before["outline"], before["boxShadow"]), f"{name}: no focus indicator"
        assert indicator["outline"] != "none" or indicator["boxShadow"] != "none", name
        if indicator["contrast"] is not None:
            assert indicator["contrast"] >= FOCUS_CONTRAST, f"{name}: {indicator}"


def test_tabbing_through_the_article_page_shows_where_the_focus_is(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """Each representative control of the article page reached with Tab gets an outline
    or shadow it does not have unfocused, and an outline contrasts 3:1 with what it is
    drawn on.
    """
    discussion_path(newsroom)  # Opens the discussion, with a comment to recommend.
    sign_in_reader(page, live_server.url)
    page.goto(live_server.url + newsroom.article.url)
    expect(page.locator(FOCUS_TARGETS["Recommend button"])).to_be_visible()
    assert_tabbing_shows_focus(page, FOCUS_TARGETS)


def test_tabbing_through_the_radio_player_shows_where_the_focus_is(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """The controls of the player Listen Live opens, reached with Tab, show their focus
    against the player's dark background.

    Before, their outline was the player's own background colour: focus was invisible.
    """
    page.goto(live_server.url + newsroom.article.url)
    page.locator(".site-header").get_by_role("button", name="Listen Live").click()
    expect(page.get_by_role("region", name="Live radio")).to_be_visible()
    assert_tabbing_shows_focus(page, PLAYER_FOCUS_TARGETS)
