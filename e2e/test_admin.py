"""The editors' tools in a real browser, under the admin's Content-Security-Policy."""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer
from wagtail.embeds import oembed_providers
from wagtail.embeds.finders import get_finders

from e2e.conftest import new_context
from e2e.support import CSP_RECORDER, Newsroom
from masthead.newsroom.models import ArticlePage

pytestmark = pytest.mark.browser


def open_as_editor(
    browser: Browser, live_server: LiveServer, contexts: list[BrowserContext], user: Any
) -> tuple[Page, list[str]]:
    """Open a page signed in as ``user`` that records CSP refusals and script errors."""
    client = Client()
    client.force_login(user)
    context = new_context(browser)
    context.add_init_script(CSP_RECORDER)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    contexts.append(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "console",
        lambda message: (
            errors.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    return page, errors


def violations(page: Page) -> list[str]:
    """Return the CSP refusals the page and its frames (the preview) recorded."""
    found: list[str] = []
    for frame in page.frames:
        found.extend(frame.evaluate("() => window.__cspViolations || []"))
    return found


def test_the_page_editor_works_under_the_admin_policy(
    browser: Browser,
    live_server: LiveServer,
    newsroom: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """The dashboard, the page explorer, the article's editor with its rich text,
    the image chooser and the preview run with the admin's policy in force, and
    nothing in them is refused."""
    editor = get_user_model().objects.create_superuser(
        username="ines.harrow", email="ines.harrow@example.org", password="a-long-tide-table-7"
    )
    page, errors = open_as_editor(browser, live_server, contexts, editor)
    response = page.goto(live_server.url + "/admin/")
    assert response is not None
    assert "script-src 'self' 'unsafe-inline'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", name="Site summary")).to_be_visible()
    assert violations(page) == [] and errors == []

    page.goto(f"{live_server.url}/admin/pages/{newsroom.section.pk}/")
    expect(page.get_by_role("link", name=newsroom.article.title).first).to_be_visible()
    assert violations(page) == [] and errors == []

    page.goto(f"{live_server.url}/admin/pages/{newsroom.article.pk}/edit/")
    expect(page.locator(".DraftEditor-root").first).to_be_visible()
    page.locator(".DraftEditor-root").first.click()
    page.keyboard.type(" A tide table for Quillmouth.")
    # A link opens the page chooser, a modal whose steps come from the server.
    page.keyboard.press("Shift+Home")
    page.keyboard.press("Control+k")
    expect(page.get_by_role("dialog")).to_be_visible()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Choose a page")).to_be_visible()
    dialog.get_by_role("link", name="External link").click()  # The next step, from the server.
    expect(dialog.get_by_role("textbox", name="URL")).to_be_visible()
    dialog.get_by_role("button", name="Close").click()
    expect(dialog).to_be_hidden()
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_role("heading", name=newsroom.article.title)).to_be_visible()
    expect(preview.get_by_text("A tide table for Quillmouth.")).to_be_visible()
    assert violations(page) == [] and errors == []
    # The preview went through the page cache for the article's own address:
    # readers still get the published text, never the editor's unsaved one.
    assert b"A tide table for Quillmouth." not in Client().get(newsroom.article.url).content


def walk_the_editors_pages(
    page: Page, live_server: LiveServer, newsroom: Newsroom, errors: list[str]
) -> dict[str, list[str]]:
    """Work the admin pages editors use and return what was refused or failed, by page.

    The dashboard, the page explorer, a new article written in the rich text
    editor with a lead image from the image chooser and published, the article's
    editor, its discussion settings and the comment moderation screens.
    """
    found: dict[str, list[str]] = {}

    def note(step: str) -> None:
        found[step] = violations(page) + errors[:]
        errors.clear()

    page.goto(live_server.url + "/admin/")
    expect(page.get_by_role("heading", name="Site summary")).to_be_visible()
    note("dashboard")
    page.goto(f"{live_server.url}/admin/pages/{newsroom.section.pk}/")
    expect(page.get_by_role("link", name=newsroom.article.title).first).to_be_visible()
    note("explorer")

    page.goto(f"{live_server.url}/admin/pages/add/newsroom/articlepage/{newsroom.section.pk}/")
    page.get_by_role("textbox", name="Title*").fill("Lantern walk returns to the quay")
    page.get_by_role("textbox", name="Standfirst*").fill("Hundreds walked the harbour wall.")
    page.get_by_role("button", name="Choose an image").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_role("heading", name="Choose an image")).to_be_visible()
    dialog.locator("a.image-choice").first.click()
    expect(dialog).to_be_hidden()
    expect(page.locator("input[name=lead_image]")).to_have_value(re.compile(r"^\d+$"))
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Paragraph").click()
    expect(page.locator(".DraftEditor-root").first).to_be_visible()
    page.locator(".DraftEditor-root").first.click()
    page.keyboard.type("The lanterns were lit at dusk.")
    # Draftail writes its text into the form's field a moment after the keys.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("lit at dusk"))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("created and published")).to_be_visible()
    note("new article, image chooser, publish")

    page.goto(f"{live_server.url}/admin/pages/{newsroom.article.pk}/edit/")
    expect(page.locator(".DraftEditor-root").first).to_be_visible()
    note("article editor")
    page.goto(f"{live_server.url}/admin/discussion/article/{newsroom.article.pk}/")
    note("article discussion")
    for queue in ("pending", "reported", "appeals", "rejected"):
        page.goto(f"{live_server.url}/admin/moderation/queue/{queue}/")
        note(f"moderation {queue}")
    page.goto(f"{live_server.url}/admin/moderation/dashboard/")
    note("moderation dashboard")
    return found


def test_the_editors_pages_run_under_the_admin_policy_without_eval(
    browser: Browser,
    live_server: LiveServer,
    newsroom: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """The admin's policy lets no script compile code at run time, and the pages
    editors use (dashboard, explorer, a new article written, given a lead image
    and published, the editor, discussion settings, moderation queues and
    dashboard) run with nothing refused and no script error.

    Before, the admin's script-src allowed 'unsafe-eval', which none of these
    pages needs.
    """
    editor = get_user_model().objects.create_superuser(
        username="orla.penrith", email="orla.penrith@example.org", password="a-lantern-walk-9"
    )
    page, errors = open_as_editor(browser, live_server, contexts, editor)
    response = page.goto(live_server.url + "/admin/")
    assert response is not None
    policy = response.headers["content-security-policy"]
    script_src = policy.split("script-src", 1)[1].split(";")[0].split()
    assert script_src == ["'self'", "'unsafe-inline'"]
    found = walk_the_editors_pages(page, live_server, newsroom, errors)
    assert found == {step: [] for step in found}
    article = ArticlePage.objects.live().get(title="Lantern walk returns to the quay")
    assert article.lead_image is not None
    assert "lit at dusk" in str(article.body[0].value)


YOUTUBE_VIDEO = "https://www.youtube.com/watch?v=quillmouth-tide"
VIMEO_VIDEO = "https://vimeo.com/424242"
# What YouTube's and Vimeo's oEmbed endpoints answer for a video: a player frame on
# the provider's own host, sized, with a thumbnail on its image host.
OEMBED_ANSWERS = {
    YOUTUBE_VIDEO: {
        "type": "video",
        "title": "Quillmouth at high tide",
        "provider_name": "YouTube",
        "width": 200,
        "height": 113,
        "thumbnail_url": "https://i.ytimg.com/vi/quillmouth-tide/hqdefault.jpg",
        "html": (
            '<iframe width="200" height="113" src="https://www.youtube.com/embed/'
            'quillmouth-tide?feature=oembed" frameborder="0" allow="autoplay; '
            'encrypted-media; picture-in-picture" referrerpolicy="strict-origin-when-'
            'cross-origin" allowfullscreen title="Quillmouth at high tide"></iframe>'
        ),
    },
    VIMEO_VIDEO: {
        "type": "video",
        "title": "The lantern walk",
        "provider_name": "Vimeo",
        "width": 640,
        "height": 360,
        "thumbnail_url": "https://i.vimeocdn.com/video/424242-d_640",
        "html": (
            '<iframe src="https://player.vimeo.com/video/424242?app_id=122963" width="640"'
            ' height="360" frameborder="0" allow="autoplay; fullscreen; picture-in-picture"'
            ' title="The lantern walk"></iframe>'
        ),
    },
}
# The players' hosts, answered by the browser test itself (the network is closed).
PLAYER_HOSTS = ("https://www.youtube-nocookie.com/", "https://player.vimeo.com/")
PLAYERS = ("https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/")
PLAYER_PAGE = "<!doctype html><title>Player</title><p>Fake player ready</p>"


class OEmbedAnswers(BaseHTTPRequestHandler):
    """Answer an oEmbed request for one of OEMBED_ANSWERS' addresses, as its provider."""

    def do_GET(self) -> None:
        """Send the canned answer for the ``url`` asked about, or 404."""
        address = parse_qs(urlsplit(self.path).query).get("url", [""])[0]
        answer = OEMBED_ANSWERS.get(address)
        body = json.dumps(answer).encode()
        self.send_response(200 if answer else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test's output quiet."""


@pytest.fixture
def oembed_provider(settings: Any) -> Iterator[None]:
    """Send Wagtail's oEmbed requests for YouTube and Vimeo to a local fake provider."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), OEmbedAnswers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    address = f"http://127.0.0.1:{server.server_address[1]}"
    # One endpoint each: Wagtail's finder keeps one list of patterns per endpoint.
    providers = [
        {"endpoint": f"{address}/{name}/oembed", "urls": provider["urls"]}
        for name, provider in (
            ("youtube", oembed_providers.youtube),
            ("vimeo", oembed_providers.vimeo),
        )
    ]
    settings.WAGTAILEMBEDS_FINDERS = [
        {"class": "wagtail.embeds.finders.oembed", "providers": providers}
    ]
    get_finders.cache_clear()  # Wagtail builds its finders once per process.
    yield
    get_finders.cache_clear()
    server.shutdown()
    server.server_close()


def serve_players(context: BrowserContext) -> list[str]:
    """Answer the players' hosts with a page of our own; return the addresses asked for."""
    asked: list[str] = []
    for host in PLAYER_HOSTS:
        context.route(
            host + "**",
            lambda route: (
                asked.append(route.request.url),
                route.fulfill(content_type="text/html", body=PLAYER_PAGE),
            ),
        )
    return asked


def add_embed(page: Page, address: str, caption: str) -> None:
    """Insert an embed block at the top of the article's body and give it an address."""
    page.get_by_role("button", name="Insert a block").first.click()
    page.get_by_role("option", name="Embed").click()
    page.locator("input[name$='-value-embed']").first.fill(address)
    page.locator("input[name$='-value-caption']").first.fill(caption)


def test_embeds_play_in_the_editors_preview_without_a_refusal(
    browser: Browser,
    live_server: LiveServer,
    newsroom: Newsroom,
    contexts: list[BrowserContext],
    oembed_provider: None,
) -> None:
    """An editor adds a YouTube and a Vimeo embed block to an article and previews
    it, in the editor's preview panel and in a new tab: both players load in their
    frames (from youtube-nocookie.com and player.vimeo.com, served here by the
    test), and neither the editor, the preview nor a player reports a refusal.
    """
    editor = get_user_model().objects.create_superuser(
        username="tomas.wrenn", email="tomas.wrenn@example.org", password="a-quiet-quay-4"
    )
    page, errors = open_as_editor(browser, live_server, contexts, editor)
    asked = serve_players(page.context)
    console_errors: list[str] = []  # Of every page and frame, the new tab's included.
    page.context.on(
        "console",
        lambda message: console_errors.append(message.text) if message.type == "error" else None,
    )
    page.goto(f"{live_server.url}/admin/pages/{newsroom.article.pk}/edit/")
    expect(page.locator(".DraftEditor-root").first).to_be_visible()
    add_embed(page, VIMEO_VIDEO, "The lantern walk, filmed from the quay")
    add_embed(page, YOUTUBE_VIDEO, "Quillmouth at high tide")
    assert violations(page) == [] and errors == []

    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("iframe#w-preview-iframe")
    expect(preview.get_by_text("Quillmouth at high tide")).to_be_visible()
    for player in PLAYERS:
        frame = preview.locator(f"iframe[src^='{player}']")
        expect(frame).to_be_visible()
        expect(frame.content_frame.get_by_text("Fake player ready")).to_be_visible()
    assert violations(page) == [] and errors == []

    with page.expect_popup() as opened:
        page.get_by_role("link", name="Preview in new tab").click()
    tab = opened.value
    expect(tab.get_by_role("heading", name=newsroom.article.title)).to_be_visible()
    for player in PLAYERS:
        frame = tab.locator(f"iframe[src^='{player}']")
        expect(frame).to_be_visible()
        expect(frame.content_frame.get_by_text("Fake player ready")).to_be_visible()
    assert violations(tab) == [] and console_errors == []
    assert any(
        url.startswith("https://www.youtube-nocookie.com/embed/quillmouth-tide") for url in asked
    )
    assert any(url.startswith("https://player.vimeo.com/video/424242") for url in asked)
