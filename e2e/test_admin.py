"""The editors' tools in a real browser, under the admin's Content-Security-Policy."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from e2e.conftest import new_context
from e2e.support import CSP_RECORDER, Newsroom

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
    assert "'unsafe-eval'" in response.headers["content-security-policy"]
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
