"""Moderation in a real browser: a moderator works the queue with the keyboard, a reader
appeals, and a second moderator decides the appeal."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from e2e.conftest import new_context
from masthead.discussion.models import Comment
from masthead.discussion.moderation import actions
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


def signed_in_context(browser: Browser, live_server: LiveServer, user: Any) -> BrowserContext:
    """Open a browser context carrying a session of ``user``."""
    client = Client()
    client.force_login(user)
    context = new_context(browser)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    return context


@pytest.fixture
def moderator_page(
    browser: Browser, live_server: LiveServer, world: dict[str, Any]
) -> Iterator[Page]:
    """A page signed in as the first moderator."""
    context = signed_in_context(browser, live_server, world["first"])
    yield context.new_page()
    context.close()


def test_moderator_works_the_queue_with_the_keyboard(
    moderator_page: Page, live_server: LiveServer, world: dict[str, Any]
) -> None:
    """a approves, j moves on, r rejects with the rule in the row; rows leave the queue."""
    page = moderator_page
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
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
    page.keyboard.press("h")  # already held: the button is absent, nothing happens
    expect(rows).to_have_count(1)
    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert statuses[first_id] == "approved"
    assert statuses[third_id] == "rejected"
    assert statuses[second_id] == "held"
    rejected = Comment.objects.get(pk=third_id)
    assert rejected.status_rule == rejected.screening_rule != ""
    assert errors == []


def test_reader_appeal_reaches_a_second_moderator(
    browser: Browser, live_server: LiveServer, world: dict[str, Any]
) -> None:
    """The reader sees the rule, appeals; the first moderator is refused, the second decides."""
    comment = world["held"][0]
    actions.moderate_comment(comment, "rejected", moderator=world["first"], rule="privacy")
    reader_context = signed_in_context(browser, live_server, world["reader"])
    page = reader_context.new_page()
    page.goto(live_server.url + "/moderation/me/")
    expect(page.get_by_text("7. Respect privacy; be who you are").first).to_be_visible()
    page.get_by_role("link", name="Appeal this decision").click()
    page.get_by_label("Why is the decision wrong?").fill("The number is the firm's public line.")
    page.get_by_role("button", name="Send appeal").click()
    expect(page.get_by_role("heading", name="Appeal sent")).to_be_visible()
    reader_context.close()

    for moderator, allowed in ((world["first"], False), (world["second"], True)):
        context = signed_in_context(browser, live_server, moderator)
        page = context.new_page()
        page.goto(live_server.url + "/admin/moderation/queue/appeals/")
        expect(page.get_by_text("The number is the firm's public line.")).to_be_visible()
        page.get_by_role("button", name="Overturn (approve)").click()
        if allowed:
            expect(page.get_by_text("Appeal granted.")).to_be_visible()
        else:
            expect(page.get_by_text("A different moderator must decide")).to_be_visible()
        context.close()
    assert Comment.objects.get(pk=comment.pk).status == "approved"


def test_moderator_sanctions_a_reader(
    moderator_page: Page, live_server: LiveServer, world: dict[str, Any]
) -> None:
    """A suspension citing a rule is recorded from the reader's page and shown to them."""
    page = moderator_page
    page.goto(live_server.url + f"/admin/moderation/readers/{world['reader'].pk}/")
    page.get_by_label("Sanction").select_option("suspend")
    page.get_by_label("Rule").select_option("attacks")
    page.get_by_label("Reason shown to the reader").fill("Insults in three threads.")
    page.get_by_label("Days (required for a suspension; empty: no end)").fill("3")
    page.get_by_role("button", name="Record sanction").click()
    expect(page.get_by_text("Sanction recorded")).to_be_visible()
    result = standing(world["reader"].pk)
    assert not result.may_post and "Insults in three threads." in result.reason


def test_reader_posts_approved_held_and_rejected_comments(
    browser: Browser, live_server: LiveServer, world: dict[str, Any]
) -> None:
    """Through the discussion's own form: one comment appears, one is held, one rejected;
    the reader's standing page shows the rule and reason of the two that did not appear."""
    from allauth.account.models import EmailAddress

    reader = make_reader()
    EmailAddress.objects.create(user=reader, email=reader.email, verified=True, primary=True)
    context = signed_in_context(browser, live_server, reader)
    page = context.new_page()
    article = world["article"]
    texts = [
        "The contractor's report is wrong about the tides, and the council should say so.",
        "Ring the contractor on 07700 900 222 and complain.",
        "f.u.c.k the harbour board",
    ]
    for text in texts:
        page.goto(live_server.url + f"/discussion/{article.pk}/")
        page.get_by_label("Your comment").fill(text)
        page.get_by_role("button", name="Post comment").click()
        page.wait_for_load_state("networkidle")
    statuses = [Comment.objects.get(author=reader, body=text).status for text in texts]
    assert statuses == ["published", "held", "rejected"]
    page.goto(live_server.url + "/moderation/me/")
    expect(page.get_by_text("held for review")).to_be_visible()
    expect(page.get_by_text("7. Respect privacy; be who you are")).to_be_visible()
    expect(page.get_by_text("9. No shouting, obscenity or filter evasion")).to_be_visible()
    expect(page.get_by_role("link", name="Appeal this decision")).to_be_visible()
    context.close()
