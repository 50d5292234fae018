"""Moderation in a real browser, as the issue's "Done when" asks.

A reader posts through the discussion's own form comments that are approved,
held (and sees the rule) and rejected; readers report and disagree with the
discussion's controls; a moderator works the Pending and Reported queues with
the keyboard and a bulk action with undo; a moderator sanctions a reader, who
sees why; a rejected comment's appeal is refused to the moderator who rejected
it and decided by a second one.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from e2e.conftest import new_context
from masthead.discussion.models import Comment
from masthead.discussion.moderation import actions
from masthead.discussion.moderation.models import Appeal, Disagreement, Report
from masthead.discussion.moderation.screening import standing
from masthead.discussion.moderation.tests.helpers import make_moderator, make_reader, post
from masthead.testing.factories import make_article, make_home

pytestmark = pytest.mark.browser


@pytest.fixture
def world(transactional_db: None, django_db_serialized_rollback: None) -> dict[str, Any]:
    """An article with three held comments and two moderators, committed for the server."""
    make_home()
    actions.ensure_standards_page()
    article = make_article(title="The harbour wall will be rebuilt")
    reader = make_reader()
    held = [
        post(article, reader, "Call the contractor on 07700 900 111, he is useless."),
        post(article, reader, "First comment with a source: https://example.org/wall"),
        post(article, reader, "Mail the harbour master at master@example.org today."),
    ]
    return {
        "article": article,
        "reader": reader,
        "held": held,
        "first": make_moderator(),
        "second": make_moderator(),
    }


def open_as(
    browser: Browser, live_server: LiveServer, contexts: list[BrowserContext], user: Any
) -> Page:
    """Open a page in a new browser context signed in as ``user``; fail on script errors."""
    client = Client()
    client.force_login(user)
    context = new_context(browser)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    contexts.append(context)
    page = context.new_page()
    page.on("pageerror", lambda error: pytest.fail(f"script error: {error}"))
    return page


def open_discussion(page: Page, live_server: LiveServer, article: Any) -> None:
    """Open the article (its discussion runs with JavaScript) and wait for the reader's tools."""
    page.goto(live_server.url + article.url)
    expect(page.get_by_label("Your comment")).to_be_visible()


def post_comment(page: Page, text: str) -> None:
    """Post a comment through the discussion's form."""
    page.get_by_label("Your comment").fill(text)
    page.get_by_role("button", name="Post comment").click()
    expect(page.get_by_label("Your comment")).to_have_value("")


def test_reader_posts_approved_held_and_rejected_comments(
    browser: Browser,
    live_server: LiveServer,
    world: dict[str, Any],
    contexts: list[BrowserContext],
) -> None:
    """One comment appears, two are held with the rule shown, one is rejected and appealable;
    a suspect word is warned about first; other readers see only the approved one."""
    article = world["article"]
    reader = make_reader()
    page = open_as(browser, live_server, contexts, reader)
    open_discussion(page, live_server, article)
    form = page.locator("[data-form]")
    expect(form.get_by_role("link", name="community standards")).to_have_attribute(
        "href", "/community-standards/"
    )
    own = page.locator("[data-own-list]")

    civil = "The contractor's report is wrong about the tides, and the council should say so."
    post_comment(page, civil)
    expect(page.locator("[data-thread-container]").get_by_text(civil)).to_be_visible()

    post_comment(page, "Ring the contractor on 07700 900 222 and complain.")
    held = own.locator("[data-own-hidden]").first
    expect(held).to_contain_text("Held for review: rule 7. Respect privacy; be who you are")
    expect(held).to_contain_text("phone number")

    suspect = "Only morons would sign off a wall that cracks every winter."
    page.get_by_label("Your comment").fill(suspect)
    page.get_by_role("button", name="Post comment").click()
    warning = page.locator("[data-warning]")
    expect(warning).to_contain_text("1. No personal attacks")
    assert not Comment.objects.filter(author=reader, body=suspect).exists()  # warned, not held
    page.get_by_role("button", name="Post anyway").click()
    expect(own.locator("[data-own-hidden]").first).to_contain_text(
        "Held for review: rule 1. No personal attacks"
    )

    post_comment(page, "f.u.c.k the harbour board")
    rejected = own.locator("[data-own-hidden]").first
    expect(rejected).to_contain_text("Rejected: rule 9. No shouting, obscenity or filter evasion")
    expect(rejected.get_by_role("link", name="Appeal this decision")).to_be_visible()

    statuses = list(
        Comment.objects.filter(author=reader).order_by("pk").values_list("status", flat=True)
    )
    assert statuses == ["published", "held", "held", "rejected"]
    other = open_as(browser, live_server, contexts, make_reader())
    open_discussion(other, live_server, article)
    expect(other.locator("[data-thread-container]").get_by_text(civil)).to_be_visible()
    expect(other.get_by_text("07700 900 222")).to_have_count(0)
    expect(other.get_by_text("harbour board")).to_have_count(0)
    expect(other.locator("[data-own]")).to_be_hidden()


def test_moderator_works_the_pending_queue_with_the_keyboard_and_undoes_a_bulk_action(
    browser: Browser,
    live_server: LiveServer,
    world: dict[str, Any],
    contexts: list[BrowserContext],
) -> None:
    """a approves, j moves on, r rejects with the row's rule, x selects for a bulk reject,
    and Undo puts the bulk-rejected comment back."""
    page = open_as(browser, live_server, contexts, world["first"])
    page.goto(live_server.url + "/admin/moderation/queue/pending/")
    rows = page.locator("[data-row]")
    expect(rows).to_have_count(3)
    first_id, second_id, third_id = (int(rows.nth(n).get_attribute("data-comment") or 0)
                                     for n in range(3))  # fmt: skip
    expect(rows.first).to_be_focused()
    page.keyboard.press("a")
    expect(rows).to_have_count(2)
    page.keyboard.press("j")
    expect(rows.nth(1)).to_be_focused()
    page.keyboard.press("r")
    expect(rows).to_have_count(1)
    page.keyboard.press("h")  # already held: there is no Hold button, nothing happens
    expect(rows).to_have_count(1)
    page.keyboard.press("x")
    expect(rows.first.locator("[data-select]")).to_be_checked()
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert (statuses[first_id], statuses[second_id], statuses[third_id]) == (
        "approved",
        "held",
        "rejected",
    )
    rejected = Comment.objects.get(pk=third_id)
    assert rejected.status_rule == rejected.screening_rule == "privacy"

    page.get_by_label("Selected comments:").select_option("reject")
    page.get_by_label("Rule (for rejections):").select_option("spam")
    page.get_by_role("button", name="Apply to selected").click()
    expect(page.get_by_text("1 comments rejected.")).to_be_visible()
    assert Comment.objects.get(pk=second_id).status == "rejected"
    page.get_by_role("button", name="Undo the bulk action").click()
    expect(page.get_by_text("Undone: 1 comments are back where they were.")).to_be_visible()
    assert Comment.objects.get(pk=second_id).status == "held"
    expect(page.locator(f'[data-row][data-comment="{second_id}"]')).to_be_visible()


def test_reports_fill_the_reported_queue_and_disagreeing_does_not(
    browser: Browser,
    live_server: LiveServer,
    world: dict[str, Any],
    contexts: list[BrowserContext],
) -> None:
    """Three readers report with the discussion's Report control; one says "I disagree";
    the comment reaches the Reported queue, where the moderator rejects it with r."""
    article = world["article"]
    remark = "The engineers behind this wall plainly have no idea what they are doing."
    target = post(article, make_reader(), remark)
    assert target.status == "published"
    reporters = [make_reader() for _ in range(3)]
    for number, reporter in enumerate(reporters, start=1):
        page = open_as(browser, live_server, contexts, reporter)
        open_discussion(page, live_server, article)
        comment = page.locator(f'[data-comment-id="{target.pk}"]')
        comment.get_by_role("link", name="Report").click()
        comment.get_by_label("Which rule does it break?").select_option("attacks")
        comment.get_by_role("button", name="Send report").click()
        expect(comment.get_by_text("Report sent.")).to_be_visible()
        assert Report.objects.filter(comment=target).count() == number
    dissenter = open_as(browser, live_server, contexts, make_reader())
    open_discussion(dissenter, live_server, article)
    comment = dissenter.locator(f'[data-comment-id="{target.pk}"]')
    comment.get_by_role("button", name="I disagree").click()
    expect(comment.get_by_text("Noted: you disagree.")).to_be_visible()
    assert Disagreement.objects.filter(comment=target).count() == 1
    assert Report.objects.filter(comment=target).count() == 3  # disagreeing is no report

    page = open_as(browser, live_server, contexts, world["first"])
    page.goto(live_server.url + "/admin/moderation/queue/reported/")
    rows = page.locator("[data-row]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("1. No personal attacks (weight 1.0)")
    expect(rows.first).to_be_focused()
    page.keyboard.press("r")
    expect(rows).to_have_count(0)
    decided = Comment.objects.get(pk=target.pk)
    assert (decided.status, decided.status_rule) == ("rejected", "attacks")


def test_moderator_sanctions_a_reader_who_sees_why(
    browser: Browser,
    live_server: LiveServer,
    world: dict[str, Any],
    contexts: list[BrowserContext],
) -> None:
    """A suspension citing a rule, recorded on the reader's admin page, stops them posting
    and is explained to them beside the discussion and on their standing page."""
    page = open_as(browser, live_server, contexts, world["first"])
    page.goto(live_server.url + f"/admin/moderation/readers/{world['reader'].pk}/")
    page.get_by_label("Sanction").select_option("suspend")
    page.get_by_label("Rule").select_option("attacks")
    page.get_by_label("Reason shown to the reader").fill("Insults in three threads.")
    page.get_by_label("Days (required for a suspension; empty: no end)").fill("3")
    page.get_by_role("button", name="Record sanction").click()
    expect(page.get_by_text("Sanction recorded")).to_be_visible()
    result = standing(world["reader"].pk)
    assert not result.may_post and "Insults in three threads." in result.reason

    reader = open_as(browser, live_server, contexts, world["reader"])
    reader.goto(live_server.url + world["article"].url)
    expect(reader.locator("[data-status]")).to_contain_text("Insults in three threads.")
    expect(reader.locator("[data-form]")).to_be_hidden()
    reader.goto(live_server.url + "/moderation/me/")
    expect(reader.get_by_text("Suspension (may not post until it ends)")).to_be_visible()
    expect(reader.get_by_text("1. No personal attacks")).to_be_visible()


def test_appeal_reaches_a_second_moderator(
    browser: Browser,
    live_server: LiveServer,
    world: dict[str, Any],
    contexts: list[BrowserContext],
) -> None:
    """The reader appeals from the discussion; the rejecting moderator cannot decide it,
    a second one overturns it with the keyboard and the comment appears."""
    comment = world["held"][0]
    actions.moderate_comment(comment, "rejected", moderator=world["first"], rule="privacy")
    reader = open_as(browser, live_server, contexts, world["reader"])
    open_discussion(reader, live_server, world["article"])
    mine = reader.locator(f'[data-own-hidden="{comment.pk}"]')
    expect(mine).to_contain_text("Rejected: rule 7. Respect privacy; be who you are")
    mine.get_by_role("link", name="Appeal this decision").click()
    reader.get_by_label("Why is the decision wrong?").fill("The number is the firm's public line.")
    reader.get_by_role("button", name="Send appeal").click()
    expect(reader.get_by_role("heading", name="Appeal sent")).to_be_visible()

    first = open_as(browser, live_server, contexts, world["first"])
    first.goto(live_server.url + "/admin/moderation/queue/appeals/")
    row = first.locator(f'[data-row][data-comment="{comment.pk}"]')
    expect(row).to_contain_text("The number is the firm's public line.")
    expect(row).to_contain_text("You rejected this comment: another moderator decides the appeal.")
    expect(row.get_by_role("button", name="Overturn (approve)")).to_have_count(0)
    first.keyboard.press("a")  # nothing to press for the first moderator
    expect(row).to_be_visible()
    assert Appeal.objects.get().status == "open"

    second = open_as(browser, live_server, contexts, world["second"])
    second.goto(live_server.url + "/admin/moderation/queue/appeals/")
    rows = second.locator("[data-row]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_be_focused()
    second.keyboard.press("a")
    expect(rows).to_have_count(0)
    appeal = Appeal.objects.get()
    assert (appeal.status, appeal.decided_by_id) == ("overturned", world["second"].pk)
    assert Comment.objects.get(pk=comment.pk).status == "approved"

    open_discussion(reader, live_server, world["article"])
    thread = reader.locator("[data-thread-container]")
    expect(thread.get_by_text("Call the contractor on 07700 900 111")).to_be_visible()
