"""The discussion in a real browser: sign up, comment, reply, react, edit, delete, live."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, expect
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
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", str(mail.outbox[-1].body))
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

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    sign_in(page, live_server.url, "tester@example.org")
    page.goto(live_server.url + newsroom.article.url)
    approve = screening.Decision("approve")
    with pytest.MonkeyPatch.context() as patch:
        # Screening may hold payloads as spam or floods; this test is about rendering.
        patch.setattr(screening, "screen", lambda submission, **_: approve)
        box = page.get_by_label("Your comment")
        for payload in payloads:
            box.fill(payload)
            with page.expect_response(re.compile(r"/comments/$")) as response:
                page.get_by_role("button", name="Post comment").click()
            assert response.value.status == 201, payload
            # The page empties the box once it has handled the answer: filling the next
            # payload before then would see it wiped, and the empty form not sent.
            expect(box).to_have_value("")
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
    thread = page.locator("article.comment")
    expect(thread.get_by_text("Posted by a plain form.")).to_be_visible()
    # The reader's own comments are listed with Edit and Delete, which the shared thread lacks.
    own = page.locator(".comment--own").filter(has_text="Posted by a plain form.")
    own.get_by_role("link", name="Edit").click()
    page.get_by_label("Your comment").fill("Edited by a plain form.")
    page.get_by_role("button", name="Save").click()
    expect(thread.get_by_text("Edited by a plain form.")).to_be_visible()
    edited = page.locator(".comment--own").filter(has_text="Edited by a plain form.")
    edited.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Your comment was deleted.")).to_be_visible()
    expect(thread.get_by_text("Edited by a plain form.")).to_have_count(0)


def signed_in_page(
    browser: Browser, contexts: list[BrowserContext], base: str, user: Any, **options: Any
) -> Page:
    """Open a page whose context carries a session of ``user`` (no sign-in form)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page = open_page(browser, contexts, **options)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base}]
    )
    return page


def test_a_flood_gets_429_and_a_friendly_message(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
    settings: Settings,
) -> None:
    """Past the per-account limit the form says to slow down; the text stays to retry."""
    from django.core.cache import caches

    settings.DISCUSSION_RATELIMIT_ENABLED = True
    settings.DISCUSSION_RATE_PER_ACCOUNT = "3/m"
    caches["default"].clear()
    reader = make_verified_reader("hasty@example.org", "Hasty Reader")
    page = signed_in_page(browser, contexts, live_server.url, reader)
    page.goto(live_server.url + open_article.article.url)
    statuses = []
    for n in range(5):
        page.get_by_label("Your comment").fill(f"Ferry update number {n} from the pier.")
        with page.expect_response(re.compile(r"/comments/$")) as response:
            page.get_by_role("button", name="Post comment").click()
        statuses.append(response.value.status)
        if response.value.status == 201:
            expect(page.get_by_label("Your comment")).to_have_value("")  # Handled: see above.
    assert statuses == [201, 201, 201, 429, 429]
    expect(page.locator("[data-error]")).to_have_text(
        "You are posting faster than we can read. Please wait a minute and try again."
    )
    expect(page.get_by_label("Your comment")).to_have_value("Ferry update number 4 from the pier.")
    assert Comment.objects.filter(author=reader).count() == 3


@pytest.fixture
def standards(open_article: Newsroom) -> Newsroom:
    """Publish the default Community standards page, which decisions cite."""
    from masthead.discussion.moderation.actions import ensure_standards_page

    ensure_standards_page()
    return open_article


def test_reader_sees_warnings_reasons_rules_and_can_appeal(
    browser: Browser,
    live_server: LiveServer,
    standards: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """Real screening in the browser: warned once, then held and rejected with the rule.

    The author sees each hidden comment with its reason and rule, and an Appeal
    link on the rejection; another reader never sees either.
    """
    base = live_server.url
    article_url = base + standards.article.url
    reader = make_verified_reader("outspoken@example.org", "Outspoken Reader")
    page = signed_in_page(browser, contexts, base, reader)
    page.goto(article_url)
    form = page.locator("#comment-form")
    expect(form.get_by_role("link", name="community standards")).to_be_visible()

    # Warned once: the author edits the suspect word away and the comment appears.
    page.get_by_label("Your comment").fill("Only an idiot would put the ferry ramp there.")
    page.get_by_role("button", name="Post comment").click()
    warning = page.locator("[data-warning]")
    expect(warning).to_contain_text("1. No personal attacks")
    expect(warning.get_by_role("link", name="Read the community standards")).to_be_visible()
    expect(page.get_by_role("button", name="Post anyway")).to_be_visible()
    assert not Comment.objects.filter(author=reader).exists()
    page.get_by_label("Your comment").fill("Only a planner would put the ferry ramp there.")
    page.get_by_role("button", name="Post anyway").click()
    expect(comment_box(page, "Only a planner would put the ferry ramp there.")).to_be_visible()

    page.get_by_label("Your comment").fill("Ring the contractor on 07700 900 222 about it.")
    page.get_by_role("button", name="Post comment").click()
    held = page.locator("[data-own-list] .comment--own-hidden", has_text="07700 900 222")
    expect(held).to_contain_text("Held for review: rule 7. Respect privacy; be who you are")
    expect(held).to_contain_text("phone number")
    expect(held.get_by_role("link", name="Appeal this decision")).to_have_count(0)

    page.get_by_label("Your comment").fill("f.u.c.k the harbour board and its ramp")
    page.get_by_role("button", name="Post comment").click()
    rejected = page.locator("[data-own-list] .comment--own-hidden", has_text="harbour board")
    expect(rejected).to_contain_text("Rejected: rule 9. No shouting, obscenity or filter evasion")
    statuses = list(Comment.objects.filter(author=reader).order_by("pk").values_list("status"))
    assert statuses == [("published",), ("held",), ("rejected",)]

    # After a reload the reasons are still there (from the private state).
    page.reload()
    rejected = page.locator("[data-own-list] .comment--own-hidden", has_text="harbour board")
    expect(rejected).to_contain_text("Rejected: rule 9.")
    stranger = open_page(browser, contexts)
    stranger.goto(article_url)
    expect(comment_box(stranger, "Only a planner would put")).to_be_visible()
    expect(stranger.get_by_text("07700 900 222")).to_have_count(0)
    expect(stranger.get_by_text("harbour board and its ramp")).to_have_count(0)

    rejected.get_by_role("link", name="Appeal this decision").click()
    expect(page).to_have_url(re.compile(r"/moderation/comments/\d+/appeal/$"))


def test_reader_reports_and_disagrees_in_place(
    browser: Browser,
    live_server: LiveServer,
    standards: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """A report cites the rule the reader chooses; "I disagree" is recorded, never a report."""
    from masthead.discussion.moderation.models import Disagreement, Report

    author = make_verified_reader("author@example.org", "Harbour Author")
    disputed = actions.post_comment(
        author=author, article=standards.article, text="The ramp should go on the mudflats."
    ).comment
    assert disputed is not None
    reader = make_verified_reader("critic@example.org", "Careful Critic")
    page = signed_in_page(browser, contexts, live_server.url, reader)
    page.goto(live_server.url + standards.article.url)
    box = comment_box(page, "The ramp should go on the mudflats.")
    actions_bar = box.locator(":scope > [data-actions]")

    actions_bar.get_by_role("button", name="I disagree").click()
    expect(actions_bar.get_by_role("button", name="You disagree")).to_be_disabled()
    expect(actions_bar.get_by_role("status")).to_have_text("Noted: you disagree. Reply to say why.")

    actions_bar.get_by_role("link", name="Report").click()
    report_form = box.locator(".comment__report-form")
    report_form.get_by_label("Which rule does it break?").select_option(
        label="6. No spam or advertising"
    )
    report_form.get_by_label("Anything the moderators should know (optional)").fill(
        "Posted under every ferry story."
    )
    report_form.get_by_role("button", name="Send report").click()
    expect(actions_bar.get_by_role("status")).to_have_text(
        "Report sent. Thank you: a moderator will look at it."
    )
    expect(actions_bar.get_by_role("link", name="Reported")).to_be_visible()
    report = Report.objects.get(comment=disputed)
    assert (report.reporter_id, report.rule, report.note) == (
        reader.pk,
        "spam",
        "Posted under every ferry story.",
    )
    assert Disagreement.objects.filter(comment=disputed, reader=reader).count() == 1

    # The author sees neither control on their own comment.
    own_page = signed_in_page(browser, contexts, live_server.url, author)
    own_page.goto(live_server.url + standards.article.url)
    own_bar = comment_box(own_page, "The ramp should go on the mudflats.").locator(
        ":scope > [data-actions]"
    )
    expect(own_bar.get_by_role("button", name="Delete")).to_be_visible()
    expect(own_bar.locator("[data-report]")).to_be_hidden()
    expect(own_bar.get_by_role("button", name="I disagree")).to_have_count(0)


def test_discussion_has_no_wcag_22_aa_violations(
    browser: Browser,
    live_server: LiveServer,
    standards: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """axe-core finds nothing in the discussion of a signed-in reader, report form open."""
    from e2e.support import describe_violations, run_axe

    author = make_verified_reader("axe-author@example.org", "Axe Author")
    parent = actions.post_comment(
        author=author, article=standards.article, text="The **ferry** is late *again*."
    ).comment
    assert parent is not None
    actions.post_comment(
        author=author, article=standards.article, text="It was on time on Tuesday.", parent=parent
    )
    reader = make_verified_reader("axe-reader@example.org", "Axe Reader")
    page = signed_in_page(browser, contexts, live_server.url, reader, bypass_csp=True)
    page.goto(live_server.url + standards.article.url)
    box = comment_box(page, "The ferry is late again.")
    bar = box.locator(":scope > [data-actions]")
    expect(bar.get_by_role("button", name="Recommend")).to_be_visible()
    bar.get_by_role("link", name="Report").click()
    expect(box.locator(":scope > .comment__report-form")).to_be_visible()
    header_link = page.locator(".header-account__link")
    expect(header_link).to_have_text("Axe Reader")
    size = header_link.bounding_box()
    assert size is not None and size["width"] >= 24 and size["height"] >= 24

    results = run_axe(page)
    assert results["passes"], "axe-core ran no check at all"
    assert results["violations"] == [], describe_violations(results["violations"])


def test_a_withdrawn_recommendation_reaches_other_readers(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """A recommendation withdrawn down to none shows 0 to another reader by itself.

    The live feed lists only non-zero counts; before the fix the page kept
    showing the last one it had seen.
    """
    newsroom = open_article
    base = live_server.url
    article_url = base + newsroom.article.url
    writer = make_verified_reader("orla.brisk@example.org", "Orla Brisk")
    actions.post_comment(
        author=writer, article=newsroom.article, text="The Tannery Lane market needs a roof."
    )
    watcher = open_page(browser, contexts)
    watcher.goto(article_url)
    count = comment_box(watcher, "needs a roof").locator(
        ":scope > [data-actions] [data-reaction-count]"
    )
    expect(count).to_have_text("0")

    reactor = signed_in_page(
        browser, contexts, base, make_verified_reader("ivo.marsh@example.org", "Ivo Marsh")
    )
    reactor.goto(article_url)
    bar = comment_box(reactor, "needs a roof").locator(":scope > [data-actions]")
    bar.get_by_role("button", name="Recommend").click()
    expect(bar.get_by_role("button", name="Recommended")).to_be_visible()
    expect(count).to_have_text("1", timeout=LIVE_TIMEOUT_MS)

    bar.get_by_role("button", name="Recommended").click()
    expect(bar.get_by_role("button", name="Recommend")).to_be_visible()
    expect(count).to_have_text("0", timeout=LIVE_TIMEOUT_MS)


def test_show_more_after_a_deletion_leaves_no_comment_out(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
    settings: Settings,
) -> None:
    """The "Show more comments" link continues after the last thread shown.

    With page numbers alone the comment that moved onto the first page was never shown.
    """
    settings.DISCUSSION_PAGE_SIZE = 2
    newsroom = open_article
    writer = make_verified_reader("petra.lunn@example.org", "Petra Lunn")
    made = []
    for text in ("Quay steps one", "Quay steps two", "Quay steps three", "Quay steps four"):
        result = actions.post_comment(author=writer, article=newsroom.article, text=text)
        made.append(result.comment)
    reader = open_page(browser, contexts)
    reader.goto(live_server.url + newsroom.article.url)
    expect(comment_box(reader, "Quay steps four")).to_be_visible()
    expect(comment_box(reader, "Quay steps two")).to_have_count(0)
    newest = made[-1]
    assert newest is not None
    actions.delete_own_comment(newest, actor=writer)
    expect(comment_box(reader, "Quay steps four")).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
    reader.get_by_role("link", name="Show more comments").click()
    for text in ("Quay steps three", "Quay steps two", "Quay steps one"):
        expect(comment_box(reader, text)).to_be_visible()


def comment_with_reply(article: Any, text: str, reply_text: str) -> tuple[Any, Any, Any, Any]:
    """Have one new reader comment and another reply; return both readers and comments."""
    first = make_verified_reader("first.reader@example.org", "Sorcha Venn")
    second = make_verified_reader("second.reader@example.org", "Aled Crane")
    parent = actions.post_comment(author=first, article=article, text=text).comment
    assert parent is not None
    reply = actions.post_comment(
        author=second, article=article, text=reply_text, parent=parent
    ).comment
    assert reply is not None
    return first, second, parent, reply


def test_replies_stay_under_a_comment_a_moderator_removes(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """A rejected comment becomes "Comment removed" over its replies, live and
    after a reload alike (before the fix a reload dropped the replies)."""
    newsroom = open_article
    _, _, parent, _ = comment_with_reply(
        newsroom.article, "The lock keeper is a fraud.", "The lock opens at six."
    )
    reader = open_page(browser, contexts)
    reader.goto(live_server.url + newsroom.article.url)
    expect(comment_box(reader, "lock keeper")).to_be_visible()
    actions.change_status(parent, "rejected", actor=None, rule="R2")
    placeholder = reader.locator(".comment__deleted", has_text="Comment removed")
    expect(placeholder).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    expect(comment_box(reader, "lock keeper")).to_have_count(0)
    expect(comment_box(reader, "opens at six")).to_be_visible()
    reader.reload()
    expect(placeholder).to_be_visible()
    expect(comment_box(reader, "lock keeper")).to_have_count(0)
    expect(comment_box(reader, "opens at six")).to_be_visible()


def test_a_comment_a_moderator_approves_again_comes_back_live(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """A held comment with replies, approved again, replaces its "Comment removed"
    placeholder without a reload (before the fix the placeholder stayed)."""
    newsroom = open_article
    _, _, parent, _ = comment_with_reply(
        newsroom.article, "The ferry skipped Gull Point.", "Fog, said the skipper."
    )
    reader = open_page(browser, contexts)
    reader.goto(live_server.url + newsroom.article.url)
    expect(comment_box(reader, "Gull Point")).to_be_visible()
    actions.change_status(parent, "held", actor=None, rule="R2")
    placeholder = reader.locator(".comment__deleted", has_text="Comment removed")
    expect(placeholder).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    actions.change_status(parent, "approved", actor=None)
    expect(comment_box(reader, "Gull Point")).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    expect(placeholder).to_have_count(0)
    expect(comment_box(reader, "Fog, said the skipper")).to_be_visible()


def test_a_placeholder_goes_once_its_last_reply_goes(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """A "Comment deleted" placeholder leaves the live page with its last reply,
    as after a reload (before the fix it stayed over nothing once its own
    deletion had left the feed's window)."""
    newsroom = open_article
    first, second, parent, reply = comment_with_reply(
        newsroom.article, "The bell tower clock is slow.", "Slow by four minutes."
    )
    actions.delete_own_comment(parent, actor=first)
    Comment.objects.filter(pk=parent.pk).update(
        status_changed_at=parent.created_at - dt.timedelta(hours=1)
    )
    reader = open_page(browser, contexts)
    reader.goto(live_server.url + newsroom.article.url)
    placeholder = reader.locator(".comment__deleted", has_text="Comment deleted")
    expect(placeholder).to_be_visible()
    actions.delete_own_comment(reply, actor=second)
    expect(comment_box(reader, "four minutes")).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
    expect(placeholder).to_have_count(0)


def test_a_reply_at_the_maximum_depth_leaves_a_placeholder_over_its_replies(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """Deleting a reply at the maximum depth whose own replies sit beside it (the
    thread stops indenting there) leaves "Comment deleted" on the live page, as a
    reload shows (before the fix the live page dropped it entirely)."""
    newsroom = open_article
    first, second, parent, _ = comment_with_reply(
        newsroom.article, "The causeway floods at spring tide.", "Only on the north side."
    )
    comment = parent
    for depth in range(1, 4):  # Alternate writers down to the maximum depth (3).
        writer = first if depth % 2 else second
        text = f"Depth {depth}: the marker posts lean seaward."
        made = actions.post_comment(
            author=writer, article=newsroom.article, text=text, parent=comment
        ).comment
        assert made is not None
        comment = made
    deepest = comment  # At depth 3; its reply joins the list it is in.
    below = actions.post_comment(
        author=second, article=newsroom.article, text="Flattened: they were reset.", parent=deepest
    ).comment
    assert below is not None
    reader = open_page(browser, contexts)
    reader.goto(live_server.url + newsroom.article.url)
    expect(comment_box(reader, "they were reset")).to_be_visible()
    actions.delete_own_comment(deepest, actor=first)
    expect(comment_box(reader, "Depth 3:")).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
    placeholder = reader.locator(f"#comment-{deepest.pk} > .comment__deleted")
    expect(placeholder).to_have_text("Comment deleted")
    expect(comment_box(reader, "they were reset")).to_be_visible()
    reader.reload()
    expect(placeholder).to_have_text("Comment deleted")
    expect(comment_box(reader, "they were reset")).to_be_visible()
    actions.delete_own_comment(below, actor=second)  # Its last reply: the placeholder goes.
    expect(comment_box(reader, "they were reset")).to_have_count(0, timeout=LIVE_TIMEOUT_MS)
    expect(placeholder).to_have_count(0)


def test_an_article_left_while_the_radio_plays_stops_polling_its_discussion(
    page: Page, live_server: LiveServer, open_article: Newsroom
) -> None:
    """Once the radio's in-place navigation leaves an article, its live feed is not asked again.

    Before, the discussion script of every article visited with the radio on kept
    polling that article's live feed for as long as the tab stayed open.
    """
    newsroom = open_article
    live_feed = f"/discussion/{newsroom.article.pk}/live.json"
    page.goto(live_server.url + newsroom.article.url)
    page.wait_for_event("request", lambda request: request.url.endswith(live_feed))
    page.locator(".site-header").get_by_role("button", name="Listen Live").click()
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator("main").get_by_role("link", name="World").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("World")
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    page.wait_for_timeout(1_500)  # A poll already under way may still land.
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.wait_for_timeout(3_500)  # Three polling periods.
    assert [url for url in asked if url.endswith(live_feed)] == []


def test_teasers_show_their_counts_after_the_radio_swaps_in_another_list(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """A list page reached by the radio's in-place navigation still shows comment counts.

    Before, the counts script ran once per document: the second list page's
    teasers, swapped in while the radio played, showed no count.
    """
    discussed = newsroom.rail_articles[0]
    actions.set_article_mode(discussed, mode="open")
    reader = make_verified_reader("counted@example.org", "Tamsin Orrell")
    actions.post_comment(author=reader, article=discussed, text="The quay lights are back.")
    page.goto(live_server.url + "/")
    teaser = page.locator(f"main [data-comment-count-for='{discussed.pk}']").first
    expect(teaser).to_have_text("· 1 comment")
    page.locator(".site-header").get_by_role("button", name="Listen Live").click()
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator("main").get_by_role("link", name="World").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("World")
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    expect(page.locator(f"main [data-comment-count-for='{discussed.pk}']")).to_have_text(
        "· 1 comment"
    )


def test_show_more_from_the_keyboard_keeps_the_reader_in_the_thread(
    page: Page, live_server: LiveServer, open_article: Newsroom, settings: Settings
) -> None:
    """Enter on "Show more comments" moves focus to the first comment it brought in.

    Before, the link went away under the focus, which fell back to the top of the
    page: a keyboard reader had to tab through the whole article again.
    """
    settings.DISCUSSION_PAGE_SIZE = 2
    newsroom = open_article
    writer = make_verified_reader("odile.marsh@example.org", "Odile Marsh")
    for text in ("Slipway one", "Slipway two", "Slipway three"):
        actions.post_comment(author=writer, article=newsroom.article, text=text)
    page.goto(live_server.url + newsroom.article.url)
    more = page.get_by_role("link", name="Show more comments")
    more.focus()
    page.keyboard.press("Enter")
    expect(comment_box(page, "Slipway one")).to_be_visible()
    expect(comment_box(page, "Slipway one")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('#discussion')")


def test_show_new_comments_from_the_keyboard_keeps_the_reader_in_the_thread(
    page: Page, live_server: LiveServer, open_article: Newsroom
) -> None:
    """Enter on "New comments: show them" moves focus to the thread it reloads.

    Before, the button hid itself under the focus, which fell back to the top of
    the page.
    """
    newsroom = open_article
    writer = make_verified_reader("ysolde.penn@example.org", "Ysolde Penn")
    actions.post_comment(author=writer, article=newsroom.article, text="Harbour wall first.")
    page.goto(live_server.url + newsroom.article.url)
    expect(comment_box(page, "Harbour wall first.")).to_be_visible()
    page.get_by_label("Sort by").select_option("reactions")
    expect(page.locator("[data-thread]")).to_have_attribute("data-sort", "reactions")
    actions.post_comment(author=writer, article=newsroom.article, text="Harbour wall second.")
    show = page.get_by_role("button", name="New comments: show them")
    expect(show).to_be_visible(timeout=LIVE_TIMEOUT_MS)
    show.focus()
    page.keyboard.press("Enter")
    expect(comment_box(page, "Harbour wall second.")).to_be_visible()
    expect(page.locator("article.comment").first).to_be_focused()


def test_cancelling_a_report_from_the_keyboard_returns_to_its_link(
    browser: Browser,
    live_server: LiveServer,
    standards: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """Cancel on the in-place report form puts focus back on the comment's Report link.

    Before, the form went away under the focus, which fell back to the top of the page.
    """
    author = make_verified_reader("quay.author@example.org", "Bryn Salter")
    actions.post_comment(author=author, article=standards.article, text="Moor them further out.")
    reader = make_verified_reader("quay.reader@example.org", "Lise Amberley")
    page = signed_in_page(browser, contexts, live_server.url, reader)
    page.goto(live_server.url + standards.article.url)
    box = comment_box(page, "Moor them further out.")
    tools = box.locator(":scope > [data-actions]")
    expect(tools.get_by_role("button", name="I disagree")).to_be_visible()  # Signed in.
    report = tools.get_by_role("link", name="Report")
    report.focus()
    page.keyboard.press("Enter")
    form = box.locator(".comment__report-form")
    expect(form.get_by_label("Which rule does it break?")).to_be_focused()
    form.get_by_role("button", name="Cancel").focus()
    page.keyboard.press("Enter")
    expect(form).to_have_count(0)
    expect(report).to_be_focused()


def test_editing_from_the_keyboard_returns_to_the_edit_button(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """Cancel or Save on the in-place editor puts focus back on the comment's Edit button.

    Before, the editor (or, once saved, the whole comment) was replaced under the
    focus, which fell back to the top of the page.
    """
    writer = make_verified_reader("keel.writer@example.org", "Ansel Morrow")
    actions.post_comment(author=writer, article=open_article.article, text="Tar the keel first.")
    page = signed_in_page(browser, contexts, live_server.url, writer)
    page.goto(live_server.url + open_article.article.url)
    box = comment_box(page, "Tar the keel first.")
    edit = box.locator(":scope > [data-actions]").get_by_role("button", name="Edit")
    edit.focus()
    page.keyboard.press("Enter")
    editor = page.get_by_label("Edit your comment")
    expect(editor).to_be_focused()
    page.locator(".comment__editor").get_by_role("button", name="Cancel").focus()
    page.keyboard.press("Enter")
    expect(editor).to_have_count(0)
    expect(edit).to_be_focused()
    page.keyboard.press("Enter")
    editor.fill("Tar the keel first, then the strakes.")
    page.locator(".comment__editor").get_by_role("button", name="Save").focus()
    page.keyboard.press("Enter")
    saved = comment_box(page, "then the strakes.")
    expect(saved).to_be_visible()
    expect(
        saved.locator(":scope > [data-actions]").get_by_role("button", name="Edit")
    ).to_be_focused()


def test_recommending_from_the_keyboard_keeps_focus_on_the_button(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """Enter on Recommend leaves focus on the button, now "Recommended"; Enter again withdraws.

    Before, the comment's buttons were drawn again under the focus, which fell
    back to the top of the page.
    """
    author = make_verified_reader("net.mender@example.org", "Corin Vale")
    actions.post_comment(author=author, article=open_article.article, text="Mend nets in pairs.")
    reader = make_verified_reader("net.reader@example.org", "Halla Brent")
    page = signed_in_page(browser, contexts, live_server.url, reader)
    page.goto(live_server.url + open_article.article.url)
    tools = comment_box(page, "Mend nets in pairs.").locator(":scope > [data-actions]")
    tools.get_by_role("button", name="Recommend", exact=True).focus()
    page.keyboard.press("Enter")
    recommended = tools.get_by_role("button", name="Recommended", exact=True)
    expect(recommended).to_have_attribute("aria-pressed", "true")
    expect(recommended).to_be_focused()
    page.keyboard.press("Enter")
    expect(tools.get_by_role("button", name="Recommend", exact=True)).to_be_focused()


def test_the_sort_tabs_follow_the_tabs_pattern_from_the_keyboard(
    page: Page, live_server: LiveServer, open_article: Newsroom
) -> None:
    """The arrows, Home and End move between the tabs (one tab stop); Enter opens one.

    Before, the tabs had the tab role and nothing else: the arrow keys did nothing,
    each tab was its own tab stop, and no tab named the thread it controls.
    """
    from django.contrib.auth import get_user_model

    newsroom = open_article
    writer = make_verified_reader("mira.tollan@example.org", "Mira Tollan")
    picked = actions.post_comment(
        author=writer, article=newsroom.article, text="Dredge the inner basin."
    ).comment
    assert picked is not None
    actions.post_comment(author=writer, article=newsroom.article, text="Leave the basin be.")
    editor = get_user_model().objects.create_user(username="desk", is_staff=True)
    actions.set_editors_pick(picked, picked=True, actor=editor)
    page.goto(live_server.url + newsroom.article.url)
    # Signed out, with the script: the sign-in line the cached page keeps hidden shows.
    expect(page.get_by_role("link", name="Sign in", exact=True).last).to_be_visible()
    tablist = page.get_by_role("tablist", name="Comments")
    picks = tablist.get_by_role("tab", name="Editors' picks")
    everything = tablist.get_by_role("tab", name="All comments")
    expect(picks).to_have_attribute("aria-selected", "true")
    expect(picks).to_have_attribute("tabindex", "0")
    expect(everything).to_have_attribute("tabindex", "-1")
    panel = page.get_by_role("tabpanel", name="Editors' picks")
    expect(panel).to_have_attribute("id", picks.get_attribute("aria-controls") or "")
    expect(comment_box(page, "Leave the basin be.")).to_have_count(0)
    picks.focus()
    page.keyboard.press("ArrowRight")
    expect(everything).to_be_focused()
    expect(picks).to_have_attribute("aria-selected", "true")  # Moving opens nothing.
    page.keyboard.press("ArrowRight")
    expect(picks).to_be_focused()  # Round to the first.
    page.keyboard.press("End")
    expect(everything).to_be_focused()
    page.keyboard.press("Enter")
    expect(everything).to_have_attribute("aria-selected", "true")
    expect(everything).to_have_attribute("tabindex", "0")
    expect(picks).to_have_attribute("tabindex", "-1")
    expect(page.get_by_role("tabpanel", name="All comments")).to_be_visible()
    expect(comment_box(page, "Leave the basin be.")).to_be_visible()
    expect(everything).to_be_focused()
    page.keyboard.press("Home")
    expect(picks).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(everything).to_be_focused()


def test_deleting_from_the_keyboard_moves_focus_to_what_takes_the_comments_place(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """Delete moves focus to the "Comment deleted" placeholder over the comment's
    replies, or, with none, to the comment that now follows in its place.

    Before, the comment (or its buttons) went away under the focus, which fell
    back to the top of the page.
    """
    writer = make_verified_reader("oar.writer@example.org", "Tobin Reave")
    neighbour = make_verified_reader("oar.neighbour@example.org", "Esk Marram")
    article = open_article.article
    actions.post_comment(author=neighbour, article=article, text="Oars dry best upright.")
    alone = actions.post_comment(author=writer, article=article, text="Oil them in spring.")
    answered = actions.post_comment(author=writer, article=article, text="Ash beats pine.")
    assert alone.comment is not None and answered.comment is not None
    actions.post_comment(
        author=neighbour, article=article, text="Pine floats higher.", parent=answered.comment
    )
    page = signed_in_page(browser, contexts, live_server.url, writer)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(live_server.url + article.url)

    delete = comment_box(page, "Ash beats pine.").locator(":scope > [data-actions]")
    delete.get_by_role("button", name="Delete").focus()
    page.keyboard.press("Enter")
    placeholder = page.locator(f"#comment-{answered.comment.pk} > .comment__deleted")
    expect(placeholder).to_have_text("Comment deleted")
    expect(placeholder).to_be_focused()

    delete = comment_box(page, "Oil them in spring.").locator(":scope > [data-actions]")
    delete.get_by_role("button", name="Delete").focus()
    page.keyboard.press("Enter")
    expect(comment_box(page, "Oil them in spring.")).to_have_count(0)
    expect(comment_box(page, "Oars dry best upright.")).to_be_focused()


def test_disagreeing_from_the_keyboard_keeps_focus_on_the_button(
    browser: Browser,
    live_server: LiveServer,
    standards: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """Enter on "I disagree" leaves focus on the button, now "You disagree", which
    takes no second press.

    Before, the button was disabled under the focus and drawn again, and the focus
    fell back to the top of the page.
    """
    from masthead.discussion.moderation.models import Disagreement

    author = make_verified_reader("sail.author@example.org", "Wren Atherly")
    actions.post_comment(author=author, article=standards.article, text="Tan sails last longer.")
    reader = make_verified_reader("sail.reader@example.org", "Idris Penhale")
    page = signed_in_page(browser, contexts, live_server.url, reader)
    page.goto(live_server.url + standards.article.url)
    tools = comment_box(page, "Tan sails last longer.").locator(":scope > [data-actions]")
    tools.get_by_role("button", name="I disagree").focus()
    page.keyboard.press("Enter")
    answered = tools.get_by_role("button", name="You disagree")
    expect(answered).to_be_focused()
    expect(answered).to_be_disabled()
    expect(tools.get_by_role("status")).to_have_text("Noted: you disagree. Reply to say why.")
    page.keyboard.press("Enter")
    expect(answered).to_be_focused()
    assert Disagreement.objects.filter(reader=reader).count() == 1


def test_a_closed_discussion_asks_no_one_to_sign_in(
    browser: Browser,
    live_server: LiveServer,
    newsroom: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """A signed-out reader is asked to sign in to an open discussion, not to a closed one.

    Before, the article page said the discussion was closed and still asked the
    reader to sign in or create an account "to join the discussion".
    """
    actions.set_article_mode(newsroom.article, mode="closed")
    page = open_page(browser, contexts)
    page.goto(live_server.url + newsroom.article.url)
    expect(page.locator("[data-status]")).to_be_visible()
    # The script has asked who the reader is once the thread's controls show.
    expect(page.locator("[data-controls]")).to_be_visible()
    page.wait_for_load_state("networkidle")
    expect(page.locator("[data-signin]")).to_be_hidden()

    actions.set_article_mode(newsroom.article, mode="open")
    page.reload()
    expect(page.locator("[data-signin]")).to_be_visible()
    expect(page.locator("[data-status]")).to_be_hidden()


def test_a_live_update_of_a_comment_keeps_the_focus_in_it(
    browser: Browser,
    live_server: LiveServer,
    open_article: Newsroom,
    contexts: list[BrowserContext],
) -> None:
    """A comment its author edits is drawn again by the live feed with the focus where
    the reader had it: on its Recommend button.

    Before, the feed replaced the comment under the focus, which fell back to the
    top of the page.
    """
    author = make_verified_reader("kiln.author@example.org", "Orla Whinfell")
    posted = actions.post_comment(
        author=author, article=open_article.article, text="Fire the kiln at dusk."
    ).comment
    assert posted is not None
    reader = make_verified_reader("kiln.reader@example.org", "Bram Tessock")
    page = signed_in_page(browser, contexts, live_server.url, reader)
    page.goto(live_server.url + open_article.article.url)
    tools = comment_box(page, "Fire the kiln at dusk.").locator(":scope > [data-actions]")
    tools.get_by_role("button", name="Recommend", exact=True).focus()
    actions.edit_comment(posted, actor=author, text="Fire the kiln at dawn.")
    edited = comment_box(page, "Fire the kiln at dawn.").locator(":scope > [data-actions]")
    expect(edited.get_by_role("button", name="Recommend", exact=True)).to_be_focused()


def test_the_sign_in_line_shows_when_the_reader_cannot_be_asked_for(
    page: Page, live_server: LiveServer, open_article: Newsroom
) -> None:
    """With /discussion/me.json failing, a signed-out visitor of an open discussion
    still gets the sign-in line.

    Before, the line the cached page keeps hidden was shown only once me.json
    answered "signed out": when it failed the visitor had no way to join.
    """
    page.route("**/discussion/me.json", lambda route: route.fulfill(status=503, body="{}"))
    page.goto(live_server.url + open_article.article.url)
    signin = page.locator("[data-signin]")
    expect(signin).to_be_visible()
    expect(signin.get_by_role("link", name="Sign in", exact=True)).to_be_visible()


def test_the_picks_tab_going_live_hands_selection_and_focus_to_all_comments(
    page: Page, live_server: LiveServer, open_article: Newsroom
) -> None:
    """When the live feed hides the selected Editors' picks tab (its last pick
    unpicked), All comments becomes the selected tab, the panel shows every comment
    and the focus the reader had on the vanished tab moves to All comments.

    Before, the hidden picks tab stayed aria-selected, no shown tab was selected,
    the panel went on showing the picks and the focus fell to the page's body.
    """
    from django.contrib.auth import get_user_model

    writer = make_verified_reader("vell.writer@example.org", "Ansel Corrie")
    article = open_article.article
    picked = actions.post_comment(author=writer, article=article, text="Paint the buoys red.")
    actions.post_comment(author=writer, article=article, text="Paint them yellow.")
    assert picked.comment is not None
    editor = get_user_model().objects.create_user(username="desk", is_staff=True)
    actions.set_editors_pick(picked.comment, picked=True, actor=editor)
    page.goto(live_server.url + article.url)
    tablist = page.get_by_role("tablist", name="Comments")
    picks = tablist.get_by_role("tab", name="Editors' picks")
    everything = tablist.get_by_role("tab", name="All comments")
    expect(picks).to_have_attribute("aria-selected", "true")
    expect(comment_box(page, "Paint them yellow.")).to_have_count(0)
    picks.focus()

    actions.set_editors_pick(picked.comment, picked=False, actor=editor)
    expect(picks).to_be_hidden(timeout=LIVE_TIMEOUT_MS)
    # Hidden, it is out of the accessibility tree that get_by_role reads.
    expect(page.locator('[data-tablist] [data-tab="picks"]')).to_have_attribute(
        "aria-selected", "false"
    )
    expect(everything).to_have_attribute("aria-selected", "true")
    expect(everything).to_have_attribute("tabindex", "0")
    expect(everything).to_be_focused()
    panel = page.get_by_role("tabpanel", name="All comments")
    expect(panel).to_be_visible()
    expect(panel.locator("article.comment")).to_have_count(2)
    expect(comment_box(page, "Paint them yellow.")).to_be_visible()


TAB_WATCHER = """
window.__tabChanges = [];
new MutationObserver((records) => {
  records.forEach((r) => window.__tabChanges.push(`${r.target.dataset.tab} ${r.attributeName}`));
}).observe(document.querySelector("[data-tablist]"), { attributes: true, subtree: true });
"""


def wait_for_polls(page: Page, count: int) -> None:
    """Return once the live feed has answered ``count`` more polls.

    The page asks again only after it has applied an answer, so every answer but
    the last has been applied by then.
    """
    for _ in range(count):
        with page.expect_response(lambda response: response.url.endswith("/live.json")):
            pass


def test_a_poll_that_changes_no_tab_leaves_the_tabs_markup_alone(
    page: Page, live_server: LiveServer, open_article: Newsroom
) -> None:
    """Polls of the live feed that neither show nor hide the picks tab write nothing
    on the tabs; the poll that shows it marks them again.

    Before, every poll set each tab's aria-selected and tabindex again.
    """
    from django.contrib.auth import get_user_model

    writer = make_verified_reader("tern.writer@example.org", "Isolde Varne")
    posted = actions.post_comment(
        author=writer, article=open_article.article, text="Terns nest on the spit."
    ).comment
    assert posted is not None
    page.goto(live_server.url + open_article.article.url)
    expect(comment_box(page, "Terns nest on the spit.")).to_be_visible()
    wait_for_polls(page, 1)
    page.evaluate(TAB_WATCHER)
    wait_for_polls(page, 3)
    assert page.evaluate("() => window.__tabChanges") == []

    editor = get_user_model().objects.create_user(username="desk", is_staff=True)
    actions.set_editors_pick(posted, picked=True, actor=editor)
    picks = page.get_by_role("tablist", name="Comments").get_by_role("tab", name="Editors' picks")
    expect(picks).to_be_visible()
    expect(picks).to_have_attribute("aria-selected", "false")
    expect(picks).to_have_attribute("tabindex", "-1")
    assert "picks hidden" in page.evaluate("() => window.__tabChanges")
