"""The discussion in a real browser: sign up, comment, reply, react, edit, delete, live."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from e2e.conftest import DEFAULT_TIMEOUT_MS
from e2e.support import CSP_RECORDER, Newsroom
from masthead.discussion import actions
from masthead.discussion.models import Comment

pytestmark = pytest.mark.browser

PASSWORD = "a-quiet-harbour-at-dawn-19"
LIVE_TIMEOUT_MS = 5_000  # The promise: new comments appear within 5 seconds.


@pytest.fixture(autouse=True)
def discussion_settings(settings: Settings) -> None:
    """Let the browser post quickly; poll fast so the tests do not idle."""
    settings.DISCUSSION_RATELIMIT_ENABLED = False
    settings.DISCUSSION_LIVE_POLL_SECONDS = 1
    settings.DISCUSSION_PAGE_SIZE = 100  # The whole XSS corpus on one page.


@pytest.fixture
def open_article(newsroom: Newsroom) -> Newsroom:
    """Open the newsroom's article for comments (it is older than the auto-close delay)."""
    actions.set_article_mode(newsroom.article, mode="open")
    return newsroom


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    """Open contexts on demand and close them all at the end."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


def open_page(browser: Browser, contexts: list[BrowserContext], **options: Any) -> Page:
    """Open a page in a fresh browser context (its own cookies)."""
    context = browser.new_context(**options)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.add_init_script(CSP_RECORDER)
    contexts.append(context)
    return context.new_page()


def make_verified_reader(email: str, name: str) -> Any:
    """Create a reader whose email is already verified."""
    user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    actions.set_display_name(user, name, notify_replies=False)
    return user


def sign_in(page: Page, base: str, email: str) -> None:
    """Sign in through allauth's form."""
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(re.compile(r".*/$"))


def comment_box(page: Page, text: str) -> Any:
    """Return the comment article whose body says the text."""
    return page.locator("article.comment > [data-body]", has_text=text).locator("xpath=..")


def test_reader_signs_up_comments_and_others_see_it_live(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """Sign-up with email verification, then comment, reply, react, edit, delete, live."""
    newsroom = open_article
    base = live_server.url
    article_url = base + newsroom.article.url
    watcher = open_page(browser, contexts)
    watcher.goto(article_url)
    expect(watcher.locator("[data-count]")).to_have_text("(0 comments)")

    author = open_page(browser, contexts)
    author.goto(f"{base}/accounts/signup/")
    author.locator("#id_email").fill("new.reader@example.org")
    author.locator("#id_password1").fill(PASSWORD)
    author.locator("#id_password2").fill(PASSWORD)
    author.get_by_label("Public display name").fill("Quayside Reader")
    author.get_by_role("button", name="Create account").click()
    expect(author.get_by_text("Verify Your Email Address")).to_be_visible()
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[-1].body)
    assert link is not None
    author.goto(link.group(0))
    author.get_by_role("button", name="Confirm").click()
    sign_in(author, base, "new.reader@example.org")
    expect(author.locator("[data-header-account-link]")).to_have_text("Quayside Reader")

    author.goto(article_url)
    author.get_by_label("Your comment").fill("The new sea wall looks **solid** to me.")
    author.get_by_role("button", name="Post comment").click()
    posted = comment_box(author, "The new sea wall looks solid to me.")
    expect(posted).to_be_visible()
    expect(posted.locator("strong")).to_have_text("solid")

    # The watcher never reloads: the comment arrives through the live feed.
    expect(comment_box(watcher, "The new sea wall looks solid to me.")).to_be_visible(
        timeout=LIVE_TIMEOUT_MS
    )
    expect(watcher.locator("[data-count]")).to_have_text("(1 comment)", timeout=LIVE_TIMEOUT_MS)

    posted.locator(":scope > [data-actions]").get_by_role("link", name="Reply").click()
    author.get_by_label("Your comment").fill("Replying to myself: the harbour wall held.")
    author.get_by_role("button", name="Post comment").click()
    reply = posted.locator("[data-replies] article.comment").first
    expect(reply).to_contain_text("the harbour wall held")
    expect(comment_box(watcher, "the harbour wall held")).to_be_visible(timeout=LIVE_TIMEOUT_MS)

    make_verified_reader("second@example.org", "Second Reader")
    reactor = open_page(browser, contexts)
    sign_in(reactor, base, "second@example.org")
    reactor.goto(article_url)
    first = comment_box(reactor, "The new sea wall looks solid to me.")
    first.locator(":scope > [data-actions]").get_by_role("button", name="Recommend").click()
    expect(
        first.locator(":scope > [data-actions]").get_by_role("button", name="Recommended")
    ).to_be_visible()
    expect(
        comment_box(watcher, "The new sea wall looks solid to me.").locator(
            ":scope > [data-actions] [data-reaction-count]"
        )
    ).to_have_text("1", timeout=LIVE_TIMEOUT_MS)

    posted.locator(":scope > [data-actions]").get_by_role("button", name="Edit").click()
    posted.locator(".comment__editor textarea").fill("The new sea wall looks sturdy to me.")
    posted.get_by_role("button", name="Save").click()
    edited = comment_box(author, "The new sea wall looks sturdy to me.")
    expect(edited.locator(".comment__edited")).to_have_text("edited")
    expect(comment_box(watcher, "looks sturdy to me")).to_be_visible(timeout=LIVE_TIMEOUT_MS)

    author.once("dialog", lambda dialog: dialog.accept())
    comment_box(author, "the harbour wall held").locator(":scope > [data-actions]").get_by_role(
        "button", name="Delete"
    ).click()
    expect(comment_box(author, "the harbour wall held")).to_have_count(0)
    expect(comment_box(watcher, "the harbour wall held")).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
    assert Comment.objects.filter(status="deleted").count() == 1


def test_xss_payloads_render_as_text_and_never_run(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """Every payload of the corpus is shown as the text typed; no script runs.

    The page ignores its CSP here, so escaping and sanitising alone must hold.
    """
    newsroom = open_article
    from pathlib import Path

    from masthead.discussion.moderation import screening

    payloads = [
        line
        for line in (Path(__file__).parent / "data" / "xss_payloads.txt").read_text().splitlines()
        if line.strip()
    ]
    assert len(payloads) >= 50
    make_verified_reader("tester@example.org", "Tester <b>Name</b>")
    page = open_page(browser, contexts, bypass_csp=True)
    page.add_init_script(
        "window.__xssRuns = 0; window.__xss = () => { window.__xssRuns += 1; };"
        "for (const name of ['alert', 'confirm', 'prompt']) {"
        "  window[name] = () => { window.__xssRuns += 1; }; }"
    )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, live_server.url, "tester@example.org")
    page.goto(live_server.url + newsroom.article.url)
    approve = screening.Decision("approve")
    with pytest.MonkeyPatch.context() as patch:
        # Screening may hold payloads as spam or floods; this test is about rendering.
        patch.setattr(screening, "screen", lambda submission: approve)
        for payload in payloads:
            page.get_by_label("Your comment").fill(payload)
            with page.expect_response(re.compile(r"/comments/$")) as response:
                page.get_by_role("button", name="Post comment").click()
            assert response.value.status == 201, payload
    assert Comment.objects.count() == len(payloads)
    for url in (newsroom.article.url, f"/discussion/{newsroom.article.pk}/"):
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        shown = page.eval_on_selector_all(
            "article.comment > [data-body]", "els => els.map(el => el.innerText)"
        )
        squash = lambda text: " ".join(text.split())  # noqa: E731
        assert sorted(map(squash, shown)) == sorted(map(squash, payloads))
        assert page.locator(".comment__author").first.inner_text() == "Tester <b>Name</b>"
        assert page.evaluate("() => window.__xssRuns") == 0
        assert dialogs == []
        bad = page.eval_on_selector_all(
            "article.comment [data-body] *",
            "els => els.filter(el => !['P', 'BR', 'A', 'STRONG', 'EM'].includes(el.tagName)"
            " || [...el.attributes].some(a => a.name.startsWith('on')"
            " || /^\\s*(javascript|data):/i.test(a.value))).map(el => el.outerHTML)",
        )
        assert bad == []


def test_without_javascript_the_discussion_page_works(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """With scripts off, the article links to a server-rendered discussion with a form."""
    newsroom = open_article
    reader = make_verified_reader("plain@example.org", "Plain Reader")
    actions.post_comment(author=reader, article=newsroom.article, text="Seen without scripts.")
    page = open_page(browser, contexts, java_script_enabled=False)
    page.goto(live_server.url + newsroom.article.url)
    page.get_by_role("link", name="Read and join the discussion").click()
    expect(page.get_by_text("Seen without scripts.")).to_be_visible()
    sign_in(page, live_server.url, "plain@example.org")
    page.goto(f"{live_server.url}/discussion/{newsroom.article.pk}/")
    page.get_by_label("Your comment").fill("Posted by a plain form.")
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_text("Posted by a plain form.")).to_be_visible()
