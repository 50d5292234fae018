"""Reader endpoints: thread, live feed, private state, writes, hostile input."""

from __future__ import annotations

import datetime as dt
import json
import time
from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import timezone
from pytest_django import Settings

from masthead.discussion import actions, live
from masthead.discussion.models import Comment, CommentStatus
from masthead.discussion.notifications import unsubscribe_token
from masthead.testing.clock import held_clock, stopped_clock
from masthead.testing.http import wsgi_get

from .conftest import client_for, csrf_post, json_post, make_reader

pytestmark = pytest.mark.django_db


def posted(author: Any, article: Any, text: str = "Harbour news.", **kw: Any) -> Comment:
    result = actions.post_comment(author=author, article=article, text=text, **kw)
    assert result.comment is not None
    return result.comment


def test_post_via_script_returns_rendered_comment(article: Any, reader: Any) -> None:
    """A JSON post returns 201 with the escaped, sanitised comment HTML."""
    client = client_for(reader)
    response = json_post(
        client, f"/discussion/{article.pk}/comments/", {"text": "<b>hi</b> **there**"}
    )
    assert response.status_code == 201
    data = response.json()
    assert data["visible"] is True
    assert "&lt;b&gt;hi&lt;/b&gt; <strong>there</strong>" in data["html"]
    assert "Marta Quill" in data["html"]
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_post_without_csrf_is_refused(article: Any, reader: Any) -> None:
    """Writes without a CSRF token get 403 and save nothing."""
    client = client_for(reader)
    response = client.post(f"/discussion/{article.pk}/comments/", {"text": "Hello"})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_anonymous_post_redirects_to_sign_in(article: Any) -> None:
    """An anonymous form post is sent to sign in; the script gets a 403 message."""
    client = Client()
    response = client.post(f"/discussion/{article.pk}/comments/", {"text": "Hello"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = client.post(
        f"/discussion/{article.pk}/comments/", {"text": "Hi"}, HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403 and "Sign in" in response.json()["error"]


@pytest.mark.parametrize(
    ("data", "status", "fragment"),
    [
        ({"text": "x" * 5001}, 400, "limit is 5,000"),
        ({"text": ""}, 400, "Write something"),
        ({"text": "ok", "parent": "abc"}, 400, "not valid"),
        ({"text": "ok", "parent": "9" * 40}, 400, "not valid"),
        ({"text": "ok", "parent": "99999"}, 404, "gone"),
    ],
)
def test_bad_posts_get_clear_errors(
    article: Any, reader: Any, data: dict[str, str], status: int, fragment: str
) -> None:
    """Oversized, empty and malformed posts get a 4xx with a clear message."""
    response = json_post(client_for(reader), f"/discussion/{article.pk}/comments/", data)
    assert response.status_code == status
    assert fragment in response.json()["error"]


def test_huge_body_is_refused_without_500(article: Any, reader: Any) -> None:
    """A body far beyond the upload limit does not crash the server."""
    client = client_for(reader)
    response = json_post(client, f"/discussion/{article.pk}/comments/", {"text": "y" * 200_000})
    assert response.status_code == 400


def test_per_address_limit_reads_the_proxys_header(
    article: Any, reader: Any, other_reader: Any, settings: Settings
) -> None:
    """Behind a proxy, readers are told apart by the header the proxy sets, not its address."""
    settings.DISCUSSION_RATELIMIT_ENABLED = True
    settings.DISCUSSION_RATE_PER_IP = "2/m"
    settings.MASTHEAD_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    settings.RATELIMIT_IP_META_KEY = "masthead.core.client_ip.client_ip"
    url = f"/discussion/{article.pk}/comments/"

    def post(user: Any, address: str | None, n: int) -> int:
        text = {"text": f"From the ferry, note {n} of {address}"}
        header = {} if address is None else {"HTTP_X_REAL_IP": address}
        response = csrf_post(client_for(user), url, text, HTTP_ACCEPT="application/json", **header)
        return int(response.status_code)

    assert [post(reader, "203.0.113.7", n) for n in range(3)] == [201, 201, 429]
    assert post(other_reader, "203.0.113.8", 0) == 201  # Another address, same proxy.
    assert post(other_reader, "203.0.113.7", 1) == 429
    # Past the proxy (no header): counted by the connection's address, not a 500.
    assert post(other_reader, None, 2) == 201


def test_unknown_article_is_404(reader: Any) -> None:
    """Endpoints of an article that does not exist answer 404."""
    client = client_for(reader)
    assert client.get("/discussion/999999/live.json").status_code == 404
    assert client.get("/discussion/999999/thread/").status_code == 404
    assert json_post(client, "/discussion/999999/comments/", {"text": "x"}).status_code == 404


def test_rate_limit_gives_429(article: Any, reader: Any, settings: Settings) -> None:
    """A flood of posts gets 429 with a friendly message."""
    settings.DISCUSSION_RATELIMIT_ENABLED = True
    settings.DISCUSSION_RATE_PER_ACCOUNT = "3/m"
    caches["default"].clear()
    client = client_for(reader)
    statuses = [
        json_post(client, f"/discussion/{article.pk}/comments/", {"text": f"Post {n}"}).status_code
        for n in range(5)
    ]
    assert statuses[:3] == [201, 201, 201] and statuses[3:] == [429, 429]
    response = csrf_post(client, f"/discussion/{article.pk}/comments/", {"text": "form"})
    assert response.status_code == 429
    assert b"Slow down" in response.content and response["Retry-After"] == "60"
    assert Comment.objects.count() == 3


def test_deletions_are_rate_limited(article: Any, reader: Any, settings: Settings) -> None:
    """A flood of deletions gets 429 and the friendly message, as posting does.

    Before the fix deleting had no limit: every deletion is a write that bumps
    the article's version (every cached thread page) and purges its live feed.
    """
    made = [posted(reader, article, f"Quay notice {n}") for n in range(5)]
    settings.DISCUSSION_RATELIMIT_ENABLED = True
    settings.DISCUSSION_RATE_PER_ACCOUNT = "3/m"
    caches["default"].clear()
    client = client_for(reader)
    statuses = [
        json_post(client, f"/discussion/comments/{c.pk}/delete/", {}).status_code for c in made[:4]
    ]
    assert statuses == [200, 200, 200, 429]
    response = csrf_post(client, f"/discussion/comments/{made[4].pk}/delete/", {})
    assert response.status_code == 429 and response["Retry-After"] == "60"
    assert b"Slow down" in response.content
    assert Comment.objects.filter(status=CommentStatus.DELETED).count() == 3


def test_live_feed_is_public_and_served_from_page_cache(
    article: Any, reader: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The live feed is cached for everyone and purged when a comment appears."""
    url = f"/discussion/{article.pk}/live.json"
    first = Client().get(url)
    assert first.status_code == 200 and "public" in first["Cache-Control"]
    assert first.json()["count"] == 0
    assert Client().get(url)["X-Masthead-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        posted(reader, article, "Fresh from the quay.")
    response = Client().get(url)
    feed = response.json()
    assert response["X-Masthead-Cache"] == "miss"
    assert feed["count"] == 1 and "Fresh from the quay." in feed["comments"][0]["html"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_live_feed_replayed_without_django_carries_its_age(article: Any) -> None:
    """A poll the WSGI layer answers says how old its stored feed is, so a CDN keeps it no longer.

    The feed lives a few seconds (``s-maxage``): a CDN fetching it from us two
    seconds late must count those two seconds, or readers behind it wait longer.
    """
    url = f"/discussion/{article.pk}/live.json"
    with held_clock() as move_on:
        _, first, _ = wsgi_get(url)
        move_on(2)
        _, second, body = wsgi_get(url)
    assert "s-maxage=3" in first["Cache-Control"]
    assert first["X-Masthead-Cache"] == "miss" and "Age" not in first
    assert second["X-Masthead-Cache"] == "hit" and second["Age"] == "2"
    assert json.loads(body)["count"] == 0


def test_live_feed_purges_at_most_once_a_second_and_keeps_busy_feeds_briefly(
    article: Any, reader: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A burst of comments purges the feed once; the feed then lives one second, not three.

    The burst happens with the clock stopped: before, on a loaded machine the
    second comment came more than a second after the first, and was purged.
    """
    url = f"/discussion/{article.pk}/live.json"
    quiet = Client().get(url)
    assert "s-maxage=3" in quiet["Cache-Control"]
    with stopped_clock():
        with django_capture_on_commit_callbacks(execute=True):
            posted(reader, article, "First off the ferry.")
        first = Client().get(url)
        assert first["X-Masthead-Cache"] == "miss" and first.json()["count"] == 1
        assert "s-maxage=1" in first["Cache-Control"]  # The article has just changed.
        with django_capture_on_commit_callbacks(execute=True):
            posted(reader, article, "Second off the ferry.")
        # Within the second of the last purge: readers get the stored feed...
        assert Client().get(url)["X-Masthead-Cache"] == "hit"
    time.sleep(1.1)
    # ...until it expires, one second after it was built.
    later = Client().get(url)
    assert later["X-Masthead-Cache"] == "miss" and later.json()["count"] == 2


def test_a_process_asks_for_a_purge_once_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    """Within a second of its last purge a process asks neither the shared cache nor purges."""
    purged: list[list[str]] = []
    monkeypatch.setattr(live, "purge_urls", purged.append)
    asked: list[str] = []
    real_add = caches["default"].add

    def add(key: str, *args: Any, **kwargs: Any) -> bool:
        asked.append(key)
        return bool(real_add(key, *args, **kwargs))

    monkeypatch.setattr(caches["default"], "add", add)
    live.invalidate(7)
    live.invalidate(7)
    live.invalidate(8)
    assert purged == [["/discussion/7/live.json"], ["/discussion/8/live.json"]]
    assert len(asked) == 2
    live.recent_purges[7] -= live.PURGE_INTERVAL  # A second later:
    caches["default"].clear()
    live.invalidate(7)
    assert purged[-1] == ["/discussion/7/live.json"] and len(asked) == 3


def test_feed_lifetime_follows_the_last_change() -> None:
    """Kept for the polling interval when quiet, one second while changes come in."""
    now = timezone.now()
    assert live.shared_lifetime(None) == 3
    assert live.shared_lifetime(now - dt.timedelta(seconds=2)) == 1
    assert live.shared_lifetime(now - dt.timedelta(seconds=live.BUSY_SECONDS + 1)) == 3


def test_live_feed_conditional_request(article: Any) -> None:
    """A poll with the current ETag gets 304 from Django."""
    client = Client()
    first = client.get(f"/discussion/{article.pk}/live.json")
    caches["pages"].clear()
    second = client.get(f"/discussion/{article.pk}/live.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304


def test_reactions_and_removals_reach_the_feed(
    article: Any, reader: Any, other_reader: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """Reaction counts and deleted or rejected comments show in the next feed,
    which says which of them were deleted (the live placeholder's wording)."""
    with django_capture_on_commit_callbacks(execute=True):
        comment = posted(reader, article)
        other = posted(reader, article, "Another")
        third = posted(other_reader, article, "A third")
        actions.react(comment, user=other_reader)
        actions.delete_own_comment(other, actor=reader)
        actions.change_status(third, CommentStatus.REJECTED, actor=None, rule="R1")
    feed = Client().get(f"/discussion/{article.pk}/live.json").json()
    assert feed["reactions"] == {str(comment.pk): 1}
    assert feed["reactions_complete"] is True  # Comments it leaves out have none.
    assert sorted(feed["removed"]) == sorted([other.pk, third.pk])
    assert feed["deleted"] == [other.pk]


def test_the_feed_carries_recent_changes_to_older_comments(
    article: Any, reader: Any, other_reader: Any, settings: Settings
) -> None:
    """An edit, or a return to view, of a comment older than the feed's newest reaches it.

    Before the fix the feed carried only the newest comments: on a busy article
    an edit made within the window, or a comment a moderator approved again,
    never reached the readers' pages until they reloaded.
    """
    settings.DISCUSSION_LIVE_FEED_SIZE = 3
    edited = posted(reader, article, "The ferry leaves at nine")
    returned = posted(reader, article, "The quay is closed")
    actions.change_status(returned, CommentStatus.HELD, actor=None, note="a moderator")
    for n in range(3):
        posted(other_reader, article, f"Later remark {n}")
    actions.edit_comment(edited, actor=reader, text="The ferry leaves at ten")
    actions.change_status(returned, CommentStatus.APPROVED, actor=None, note="a moderator")
    feed = Client().get(f"/discussion/{article.pk}/live.json").json()
    items = {item["id"]: item for item in feed["comments"]}
    assert len(items) == 5
    assert items[edited.pk]["edited"] and "at ten" in items[edited.pk]["html"]
    assert "The quay is closed" in items[returned.pk]["html"]
    # Updated where a page shows them, never added to it as new comments.
    assert [i for i, item in items.items() if item["update_only"]] == [returned.pk, edited.pk]


def test_thread_sorts_pages_and_depth(article: Any, reader: Any, other_reader: Any) -> None:
    """Threads sort, page, indent to the max depth and then name the parent."""
    first = posted(reader, article, "First")
    posted(reader, article, "Second")
    chain = first
    for n in range(5):
        chain = posted(
            other_reader if n % 2 == 0 else reader, article, f"Level {n + 1}", parent=chain
        )
    html = Client().get(f"/discussion/{article.pk}/thread/?sort=oldest").content.decode()
    assert html.index("First") < html.index("Second")
    assert "comment--depth-3" in html and "comment--depth-4" not in html
    assert "in reply to @Teodor Vance" in html
    newest = Client().get(f"/discussion/{article.pk}/thread/?sort=newest").content.decode()
    assert newest.index("Second") < newest.index("First")


def test_a_reply_past_the_depth_does_not_name_a_deleted_parents_author(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """A reader who deleted their comment is not named by the replies below it."""
    chain = posted(reader, article, "Opening")
    for n in range(2):
        chain = posted(reader, article, f"Level {n + 1}", parent=chain)
    deleted = posted(other_reader, article, "Level 3", parent=chain)  # At the maximum depth.
    reply = posted(reader, article, "Still answering the pier question", parent=deleted)
    actions.delete_own_comment(deleted, actor=other_reader)
    html = Client().get(f"/discussion/{article.pk}/thread/?sort=oldest").content.decode()
    assert "Still answering the pier question" in html
    assert "in reply to a deleted comment" in html
    assert "Teodor Vance" not in html
    reply.refresh_from_db()
    assert "Teodor Vance" not in live.render_comment(reply)


@pytest.mark.parametrize("sort", ["newest", "oldest", "reactions", "replies"])
def test_show_more_continues_after_the_last_thread_shown(
    article: Any, reader: Any, settings: Settings, sort: str
) -> None:
    """The "Show more" link follows the last thread shown: a deletion leaves no gap.

    With page numbers alone, deleting a comment of the first page moved the
    first comment of the second page onto the first, and the reader never saw it.
    """
    import re

    settings.DISCUSSION_PAGE_SIZE = 2
    made = [posted(reader, article, f"Pier notice {n}") for n in range(4)]
    Comment.objects.update(created_at=made[0].created_at)  # Ties: the id decides.
    url = f"/discussion/{article.pk}/thread/?sort={sort}"
    first = Client().get(url).content.decode()
    shown = [int(i) for i in re.findall(r'data-comment-id="(\d+)"', first)]
    after = re.search(r'data-after="(\d+)"', first)
    assert len(shown) == 2 and after is not None and int(after.group(1)) == shown[-1]
    actions.delete_own_comment(Comment.objects.get(pk=shown[0]), actor=reader)
    more = Client().get(f"{url}&page=2&after={after.group(1)}").content.decode()
    rest = [int(i) for i in re.findall(r'data-comment-id="(\d+)"', more)]
    assert sorted(shown + rest) == sorted(c.pk for c in made)
    assert "data-more" not in more


@pytest.mark.parametrize(
    "query",
    [
        "?sort=drop%20table",
        "?page=-5",
        "?after=99999999999999999999",
        "?after=-1&page=2",
        "?after=%00",
        "?page=99999999999999",
        "?tab=<script>",
        "?page=x",
    ],
)
def test_thread_tolerates_hostile_queries(article: Any, query: str) -> None:
    """Unknown sorts, tabs and page numbers fall back instead of failing."""
    response = Client().get(f"/discussion/{article.pk}/thread/{query}")
    assert response.status_code == 200
    assert b"<script>" not in response.content


def test_reactions_sort_and_picks_tab(article: Any, reader: Any, other_reader: Any) -> None:
    """Most recommended comes first in that sort; picks have their own tab."""
    plain = posted(reader, article, "Plain")
    liked = posted(reader, article, "Liked")
    Comment.objects.filter(pk=plain.pk).update(created_at=liked.created_at)
    actions.react(liked, user=other_reader)
    html = Client().get(f"/discussion/{article.pk}/thread/?sort=reactions").content.decode()
    assert html.index("Liked") < html.index("Plain")
    actions.set_editors_pick(plain, picked=True, actor=other_reader)
    picks = Client().get(f"/discussion/{article.pk}/thread/?tab=picks").content.decode()
    assert "Plain" in picks and "Liked" not in picks and "Editors' pick" in picks


def test_a_placeholder_sorts_as_recommended_by_no_one(
    article: Any, reader: Any, other_reader: Any, settings: Settings
) -> None:
    """A deleted comment kept over its replies counts no recommendations in that sort.

    Before the fix the "Comment deleted" placeholder kept its old count and
    headed "Most recommended", above comments readers had recommended, while
    showing no count (the live feed lists none for it either).
    """
    import re

    settings.DISCUSSION_PAGE_SIZE = 1
    liked = posted(reader, article, "Liked then deleted")
    plain = posted(reader, article, "Plain one")
    Comment.objects.filter(pk=plain.pk).update(created_at=liked.created_at)
    from .conftest import make_reader

    third = make_reader("Odile Brack")
    actions.react(liked, user=other_reader)
    actions.react(liked, user=third)
    actions.react(plain, user=third)
    posted(other_reader, article, "An answer about the quay", parent=liked)
    actions.delete_own_comment(liked, actor=reader)
    url = f"/discussion/{article.pk}/thread/?sort=reactions"
    first = Client().get(url).content.decode()
    assert "Plain one" in first and "Comment deleted" not in first
    after = re.search(r'data-after="(\d+)"', first)
    assert after is not None and int(after.group(1)) == plain.pk
    more = Client().get(f"{url}&page=2&after={after.group(1)}").content.decode()
    assert "Comment deleted" in more and "An answer about the quay" in more
    feed = Client().get(f"/discussion/{article.pk}/live.json").json()
    assert str(liked.pk) not in feed["reactions"]


def test_thread_fragment_cached_until_change(
    article: Any, reader: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A thread page is rendered once and re-rendered after a change."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = f"/discussion/{article.pk}/thread/"
    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    assert len(queries) <= 2  # The article and its discussion version.
    with django_capture_on_commit_callbacks(execute=True):
        posted(reader, article, "Brand new view")
    assert b"Brand new view" in client.get(url).content


def test_held_comment_shown_only_to_author(article: Any, reader: Any) -> None:
    """Others never see a held comment; its author sees it with the rule."""
    from unittest import mock

    from masthead.discussion.moderation import screening

    with mock.patch.object(screening, "screen", return_value=screening.Decision("hold", "R6")):
        comment = posted(reader, article, "Call me on the number")
    assert b"Call me" not in Client().get(f"/discussion/{article.pk}/thread/").content
    state = client_for(reader).get(f"/discussion/{article.pk}/state.json").json()
    assert state["hidden"][0]["id"] == comment.pk and state["hidden"][0]["rule"] == "R6"
    page = client_for(reader).get(f"/discussion/{article.pk}/").content.decode()
    assert "Held for review: rule R6" in page


def test_state_is_private_and_lists_own_things(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """The signed-in state is private and knows own, editable and reacted comments."""
    mine = posted(reader, article)
    theirs = posted(other_reader, article)
    actions.react(theirs, user=reader)
    response = client_for(reader).get(f"/discussion/{article.pk}/state.json")
    data = response.json()
    assert "private" in response["Cache-Control"]
    assert data["own"] == [mine.pk] and data["reacted"] == [theirs.pk]
    assert [e["id"] for e in data["editable"]] == [mine.pk]
    assert data["csrf_token"] and data["can_post"] is True
    assert Client().get(f"/discussion/{article.pk}/state.json").json() == {"authenticated": False}


def test_me_is_public_for_anonymous_and_private_for_readers(reader: Any) -> None:
    """Anonymous readers share one cached answer; signed-in ones get their own."""
    response = Client().get("/discussion/me.json")
    assert "public" in response["Cache-Control"] and not response.has_header("Vary")
    assert response["X-Masthead-Cache"] == "miss"  # Stored for every anonymous reader.
    data = client_for(reader).get("/discussion/me.json")
    assert data.json()["display_name"] == "Marta Quill"
    assert "private" in data["Cache-Control"]


def test_edit_delete_react_over_http(article: Any, reader: Any, other_reader: Any) -> None:
    """The author edits and deletes; another reader reacts, all with CSRF."""
    comment = posted(reader, article)
    client = client_for(reader)
    response = json_post(client, f"/discussion/comments/{comment.pk}/edit/", {"text": "Edited"})
    assert response.status_code == 201 and "edited" in response.json()["html"]
    response = json_post(
        client_for(other_reader), f"/discussion/comments/{comment.pk}/edit/", {"text": "x"}
    )
    assert response.status_code == 403
    response = json_post(client_for(other_reader), f"/discussion/comments/{comment.pk}/react/", {})
    assert response.json() == {"id": comment.pk, "count": 1, "reacted": True}
    response = json_post(client, f"/discussion/comments/{comment.pk}/delete/", {})
    assert response.json()["status"] == CommentStatus.DELETED
    assert json_post(client, "/discussion/comments/0/delete/", {}).status_code == 404


def test_no_js_page_posts_and_redirects(article: Any, reader: Any) -> None:
    """Without JavaScript the discussion page has the form and posting redirects back."""
    client = client_for(reader)
    page = client.get(f"/discussion/{article.pk}/")
    assert b'name="csrfmiddlewaretoken"' in page.content
    assert "private" in page["Cache-Control"]
    response = csrf_post(client, f"/discussion/{article.pk}/comments/", {"text": "By form"})
    assert response.status_code == 302 and "#comment-" in response["Location"]
    anonymous = Client().get(f"/discussion/{article.pk}/")
    assert b"By form" in anonymous.content and b"Sign in" in anonymous.content
    assert "public" not in anonymous["Cache-Control"]


def test_no_js_page_keeps_a_refused_reply_and_its_target(article: Any, reader: Any) -> None:
    """Without JavaScript a too-long reply comes back in the form, still a reply, with the error.

    Before the fix the page came back with the error and an empty form, and
    the reader's text (and whom it answered) was lost.
    """
    top = posted(reader, article, "The Brackenford tram line reopens in May.")
    client = client_for(reader)
    text = "The depot at Ollery Cross " + "is not ready " * 400
    response = csrf_post(
        client, f"/discussion/{article.pk}/comments/", {"text": text, "parent": str(top.pk)}
    )
    assert response.status_code == 302
    assert f"reply={top.pk}" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "limit is 5,000" in page
    assert text.strip() in page
    assert f'name="parent" value="{top.pk}"' in page
    assert 'name="acknowledge"' not in page  # No "Post anyway" for a refused text.
    assert (
        "The depot at Ollery Cross" not in client.get(f"/discussion/{article.pk}/").content.decode()
    )


def test_counts_endpoint(article: Any, reader: Any) -> None:
    """Counts of many articles come in one response; junk ids are ignored."""
    posted(reader, article)
    data = Client().get(f"/discussion/counts.json?ids={article.pk},abc,-1,{'9' * 30},7").json()
    assert data == {str(article.pk): 1, "7": 0}
    many = ",".join(str(n) for n in range(500))
    assert len(Client().get(f"/discussion/counts.json?ids={many}").json()) == 100


def test_counts_leave_out_restricted_and_withdrawn_articles(
    article: Any, reader: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """A restricted or unpublished article's count is not told (0, as for none)."""
    from wagtail.models import PageViewRestriction

    from masthead.testing.factories import make_article

    withdrawn = make_article(title="Breakwater repairs slip again")
    for target, text in ((article, "Paint will not hold it."), (withdrawn, "Nor will tar.")):
        actions.set_article_mode(target, mode="open")
        posted(reader, target, text)
    url = f"/discussion/counts.json?ids={article.pk},{withdrawn.pk}"
    assert Client().get(url).json() == {str(article.pk): 1, str(withdrawn.pk): 1}
    with django_capture_on_commit_callbacks(execute=True):  # Caches are emptied then.
        withdrawn.unpublish()
        PageViewRestriction.objects.create(
            page=article, restriction_type=PageViewRestriction.PASSWORD, password="anchor"
        )
    assert Client().get(url).json() == {str(article.pk): 0, str(withdrawn.pk): 0}


def test_unsubscribe_by_signed_link(reader: Any) -> None:
    """A signed link turns reply emails off in one click; a forged one is refused."""
    actions.set_display_name(reader, "Marta Quill", notify_replies=True)
    token = unsubscribe_token(reader.pk)
    response = Client().post(f"/discussion/unsubscribe/{token}/")
    assert response.status_code == 200
    reader.reader_profile.refresh_from_db()
    assert reader.reader_profile.notify_replies is False
    assert Client().get(f"/discussion/unsubscribe/{token}x/").status_code == 400
    assert Client().get(f"/discussion/unsubscribe/{'a' * 500}/").status_code == 400


def test_opening_the_unsubscribe_link_only_asks(reader: Any) -> None:
    """A GET of the unsubscribe link (a mail scanner or link preview opening it)
    changes nothing and shows a button that posts to the same address; the POST
    (the button, or a mail client's one-click per RFC 8058) turns emails off.

    Before the fix a GET unsubscribed, so scanners that open every link in a
    message turned readers' reply emails off without their asking.
    """
    actions.set_display_name(reader, "Marta Quill", notify_replies=True)
    url = f"/discussion/unsubscribe/{unsubscribe_token(reader.pk)}/"
    page = Client().get(url)
    assert page.status_code == 200
    reader.reader_profile.refresh_from_db()
    assert reader.reader_profile.notify_replies is True
    html = page.content.decode()
    assert f'<form method="post" action="{url}"' in html and "<button" in html
    assert "private" in page["Cache-Control"]
    done = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and b"You are unsubscribed" in done.content
    reader.reader_profile.refresh_from_db()
    assert reader.reader_profile.notify_replies is False


def test_download_and_delete_account(article: Any, reader: Any) -> None:
    """A reader downloads their data, then deletes the account with their password."""
    from .conftest import PASSWORD

    posted(reader, article, "My own words")
    client = client_for(reader)
    data = json.loads(client.get("/discussion/account/data.json").content)
    assert data["comments"][0]["text"] == "My own words"
    assert data["profile"]["display_name"] == "Marta Quill"
    wrong = csrf_post(client, "/discussion/account/delete/", {"password": "nope"})
    assert wrong.status_code == 302
    done = csrf_post(client, "/discussion/account/delete/", {"password": PASSWORD})
    assert done.status_code == 200 and b"account is deleted" in done.content
    assert Comment.objects.get().body == ""


def test_comments_of_a_restricted_article_cannot_be_recommended(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """Recommending a comment behind a view restriction the reader has not passed
    is a 404 that records nothing (nor tells the count)."""
    from wagtail.models import PageViewRestriction

    comment = posted(reader, article, "The harbour master retires in spring.")
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="anchor"
    )
    response = json_post(client_for(other_reader), f"/discussion/comments/{comment.pk}/react/", {})
    assert response.status_code == 404
    comment.refresh_from_db()
    assert comment.reaction_count == 0


def test_downloaded_data_lists_the_readers_sanctions(reader: Any) -> None:
    """The data download lists every sanction on the reader, revoked ones too, with
    its rule and reason, and without the moderator who decided it.

    Before the fix the download left sanctions out, though the site holds them
    about the reader and shows them the ones in force.
    """
    from masthead.discussion.moderation import actions as moderation
    from masthead.discussion.moderation.tests.helpers import make_moderator

    moderator = make_moderator()
    warning = moderation.sanction_reader(
        reader, "warn", moderator=moderator, rule="attacks", reason="Name-calling at the quay."
    )
    moderation.revoke_sanction(warning, moderator=moderator)
    moderation.sanction_reader(
        reader, "suspend", moderator=moderator, rule="attacks", reason="Again.", days=3
    )
    response = client_for(reader).get("/discussion/account/data.json")
    sanctions = json.loads(response.content)["sanctions"]
    assert [(s["kind"], s["rule"], s["reason"]) for s in sanctions] == [
        ("warn", "attacks", "Name-calling at the quay."),
        ("suspend", "attacks", "Again."),
    ]
    assert sanctions[0]["revoked_at"] and sanctions[1]["revoked_at"] is None
    assert sanctions[1]["ends_at"] and sanctions[0]["ends_at"] is None
    assert moderator.get_username() not in response.content.decode()


def test_downloaded_data_includes_the_readers_trust_counts(reader: Any) -> None:
    """The data download includes the counts of approved and rejected comments
    that moderation keeps about the reader (screening reads them).

    Before the fix the download left them out, though the site holds them about
    the reader and screening decides with them.
    """
    from masthead.discussion.moderation.models import ReaderTrust

    ReaderTrust.objects.create(reader=reader, approved_count=4, rejected_count=1)
    data = json.loads(client_for(reader).get("/discussion/account/data.json").content)
    assert data["trust"]["approved_comments"] == 4
    assert data["trust"]["rejected_comments"] == 1
    assert data["trust"]["updated_at"]


def test_a_failed_account_deletion_leaves_the_reader_signed_in(
    reader: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the deletion itself fails, the account stays and so does the reader's session.

    Before the fix the reader was signed out before the deletion ran: one that
    failed (a database error) left the account as it was but signed them out.
    """
    from django.contrib.auth import get_user_model
    from django.db import OperationalError

    from .conftest import PASSWORD

    def failing(user: Any) -> None:
        raise OperationalError("deadlock detected")

    monkeypatch.setattr(actions, "delete_account", failing)
    client = client_for(reader)
    with pytest.raises(OperationalError):
        csrf_post(client, "/discussion/account/delete/", {"password": PASSWORD})
    assert get_user_model().objects.filter(pk=reader.pk).exists()
    assert client.get("/discussion/account/").status_code == 200  # Still signed in.


def test_password_guesses_on_account_deletion_are_limited(reader: Any, settings: Settings) -> None:
    """A signed-in session cannot guess the account's password without end: past
    five tries a minute even the right one is refused and the account stays."""
    from django.contrib.auth import get_user_model

    from .conftest import PASSWORD

    settings.DISCUSSION_RATELIMIT_ENABLED = True
    client = client_for(reader)
    for guess in ("seaweed1", "seaweed2", "seaweed3", "seaweed4", "seaweed5"):
        csrf_post(client, "/discussion/account/delete/", {"password": guess})
    refused = csrf_post(client, "/discussion/account/delete/", {"password": PASSWORD}, follow=True)
    assert b"Too many tries" in refused.content
    assert get_user_model().objects.filter(pk=reader.pk).exists()


def test_adding_an_email_address_asks_for_the_password(reader: Any) -> None:
    """A signed-in session must give the account's password again before it adds an
    email address (the way to take an account over: add one's own, make it primary,
    reset the password); with it, the address is added.

    Before the fix a borrowed session added an address without the password,
    which account deletion asks for so that such a session cannot act alone.
    """
    from allauth.account.models import EmailAddress

    from .conftest import PASSWORD

    client = client_for(reader)
    data = {"email": "skerry.watcher@example.org", "action_add": ""}
    asked = csrf_post(client, "/accounts/email/", data)
    assert asked.status_code == 302 and "/accounts/reauthenticate/" in asked["Location"]
    assert not EmailAddress.objects.filter(email="skerry.watcher@example.org").exists()
    page = client.get(asked["Location"])
    assert page.status_code == 200 and b"site-header" in page.content  # The site's layout.
    confirmed = csrf_post(client, "/accounts/reauthenticate/", {"password": PASSWORD})
    assert confirmed.status_code == 302
    csrf_post(client, "/accounts/email/", data)
    assert EmailAddress.objects.filter(user=reader, email="skerry.watcher@example.org").exists()


def test_display_name_changes_are_rate_limited(
    article: Any, reader: Any, settings: Settings
) -> None:
    """Renaming (which refreshes every thread the reader wrote in) is limited as
    posting is: past the account's rate the name stays and the answer is 429."""
    settings.DISCUSSION_RATELIMIT_ENABLED = True
    settings.DISCUSSION_RATE_PER_ACCOUNT = "3/m"
    posted(reader, article, "Buoy seven is drifting again.")
    client = client_for(reader)
    statuses = [
        csrf_post(
            client, "/discussion/account/", {"display_name": f"Skerry Watcher {n}"}
        ).status_code
        for n in range(4)
    ]
    assert statuses == [302, 302, 302, 429]
    reader.reader_profile.refresh_from_db()
    assert reader.reader_profile.display_name == "Skerry Watcher 2"


def test_account_page_changes_name(reader: Any, other_reader: Any) -> None:
    """The display name can change, but not to one another reader has."""
    client = client_for(reader)
    csrf_post(client, "/discussion/account/", {"display_name": "teodor vance"})
    reader.reader_profile.refresh_from_db()
    assert reader.reader_profile.display_name == "Marta Quill"
    csrf_post(client, "/discussion/account/", {"display_name": "Marta Q", "notify_replies": "on"})
    reader.reader_profile.refresh_from_db()
    assert reader.reader_profile.display_name == "Marta Q" and reader.reader_profile.notify_replies


def test_no_js_page_lets_authors_edit_and_delete(
    article: Any, reader: Any, other_reader: Any, settings: Settings
) -> None:
    """Without JavaScript an author finds Edit (within the window) and Delete for their own."""
    mine = posted(reader, article, "Mine to change")
    theirs = posted(other_reader, article, "Not mine")
    client = client_for(reader)
    page = client.get(f"/discussion/{article.pk}/").content.decode()
    assert f'href="/discussion/comments/{mine.pk}/edit/"' in page
    assert f'action="/discussion/comments/{mine.pk}/delete/"' in page
    assert f"/discussion/comments/{theirs.pk}/edit/" not in page
    assert f"/discussion/comments/{theirs.pk}/delete/" not in page
    edited = csrf_post(client, f"/discussion/comments/{mine.pk}/edit/", {"text": "Changed"})
    assert edited.status_code == 302
    mine.refresh_from_db()
    assert mine.body == "Changed" and mine.edited_at is not None
    settings.DISCUSSION_EDIT_WINDOW_SECONDS = 0
    page = client.get(f"/discussion/{article.pk}/").content.decode()
    assert f"/discussion/comments/{mine.pk}/edit/" not in page  # The window has closed.
    deleted = csrf_post(client, f"/discussion/comments/{mine.pk}/delete/", {})
    assert deleted.status_code == 302
    mine.refresh_from_db()
    assert mine.status == CommentStatus.DELETED
    page = client.get(f"/discussion/{article.pk}/").content.decode()
    assert f"/discussion/comments/{mine.pk}/delete/" not in page


def test_no_js_edit_form_keeps_a_refused_edit(article: Any, reader: Any) -> None:
    """Without JavaScript a too-long edit shows the edit form again, with the text and the error.

    Before the fix the reader was sent to the discussion page and the edit was lost.
    """
    mine = posted(reader, article, "The Saltmarsh bridge toll ends in June.")
    client = client_for(reader)
    text = "The Saltmarsh bridge toll ends in July, " + "not June " * 600
    response = csrf_post(client, f"/discussion/comments/{mine.pk}/edit/", {"text": text})
    assert response.status_code == 400
    page = response.content.decode()
    assert "limit is 5,000" in page and text.strip() in page
    assert 'name="acknowledge"' not in page
    mine.refresh_from_db()
    assert mine.body == "The Saltmarsh bridge toll ends in June." and mine.edited_at is None


def test_a_huge_number_of_days_before_closing_breaks_no_page(article: Any) -> None:
    """Days past the year 9999 mean "never closes"; the admin and the actions refuse them.

    Before the fix the closing date overflowed: the live feed, the no-JS page and
    the admin's own Discussion view (needed to repair it) all answered 500.
    """
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError
    from wagtail.models import Site

    from masthead.discussion.models import ArticleDiscussion, DiscussionMode, DiscussionSettings
    from masthead.discussion.permissions import forget_site_settings

    actions.set_article_mode(article, mode=DiscussionMode.AUTO_CLOSE, close_after_days=14)
    # A value stored before there was a maximum.
    ArticleDiscussion.objects.filter(article_id=article.pk).update(close_after_days=3_000_000)
    client = Client(raise_request_exception=False)
    assert client.get(f"/discussion/{article.pk}/live.json").status_code == 200
    assert client.get(f"/discussion/{article.pk}/").status_code == 200
    editor = get_user_model().objects.create_superuser(
        "harbour-editor", "harbour-editor@example.org", "pw-lowmere-4821"
    )
    client.force_login(editor)
    url = f"/admin/discussion/article/{article.pk}/"
    assert client.get(url).status_code == 200
    client.post(url, {"mode": "auto", "close_after_days": "3650"})
    assert ArticleDiscussion.objects.get(article_id=article.pk).close_after_days == 3650
    response = client.post(url, {"mode": "auto", "close_after_days": "3651"}, follow=True)
    assert "between 1 and 3650" in response.content.decode()
    assert ArticleDiscussion.objects.get(article_id=article.pk).close_after_days == 3650
    with pytest.raises(actions.DiscussionError):
        actions.set_article_mode(article, mode=DiscussionMode.AUTO_CLOSE, close_after_days=10**9)

    actions.set_article_mode(article, mode=DiscussionMode.DEFAULT)
    site_settings = DiscussionSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.default_mode = DiscussionMode.AUTO_CLOSE
    site_settings.close_after_days = 3_000_000
    site_settings.save()
    forget_site_settings()
    assert client.get(f"/discussion/{article.pk}/live.json").status_code == 200
    with pytest.raises(ValidationError):
        site_settings.full_clean()  # The Wagtail settings form validates the same way.


def test_superscript_digits_are_not_ids(article: Any, reader: Any) -> None:
    """ "²" passes str.isdigit() but is no number: counts ignore it, a reply target is refused.

    Before the fix int("²") raised ValueError: counts.json, posting a reply and
    the article's admin Discussion view answered 500.
    """
    from django.contrib.auth import get_user_model

    client = Client(raise_request_exception=False)
    counts = client.get("/discussion/counts.json", {"ids": f"²,{article.pk}"})
    assert counts.status_code == 200 and list(counts.json()) == [str(article.pk)]
    signed_in = client_for(reader)
    signed_in.raise_request_exception = False
    reply = json_post(
        signed_in, f"/discussion/{article.pk}/comments/", {"text": "Agreed.", "parent": "²"}
    )
    assert reply.status_code == 400
    editor = get_user_model().objects.create_superuser(
        "pier-editor", "pier-editor@example.org", "pw-lowmere-9315"
    )
    client.force_login(editor)
    url = f"/admin/discussion/article/{article.pk}/"
    assert client.post(url, {"mode": "auto", "close_after_days": "²"}).status_code == 302
    assert client.post(url, {"comment": "²", "pick": "1"}).status_code == 302


def test_a_new_display_name_shows_at_once_in_the_thread(article: Any, reader: Any) -> None:
    """Renaming oneself changes the name on one's comments in the cached thread fragment.

    Before the fix the fragment, keyed by the article's discussion version, kept
    the old name for up to an hour.
    """
    posted(reader, article, "About the ferry timetable.")
    client = Client()
    url = f"/discussion/{article.pk}/thread/"
    assert "Marta Quill" in client.get(url).content.decode()
    actions.set_display_name(reader, "Marta of Lowmere", notify_replies=False)
    html = client.get(url).content.decode()
    assert "Marta Quill" not in html and "Marta of Lowmere" in html


def test_restricted_article_discussion_stays_behind_its_restriction(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """Comments under a password-protected article are not served to readers who have
    not given the password (page, thread, live feed, posting); those who have get them
    unshared."""
    from wagtail.models import PageViewRestriction

    posted(reader, article, "The lighthouse keepers' rota is changing.")
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.PASSWORD, password="kelp-and-brine"
    )
    outsider = client_for(other_reader)
    for path in ("", "thread/", "live.json", "state.json"):
        response = Client().get(f"/discussion/{article.pk}/{path}")
        assert response.status_code == 404, path
        assert b"lighthouse" not in response.content
    response = json_post(outsider, f"/discussion/{article.pk}/comments/", {"text": "Let me in."})
    assert response.status_code == 404
    assert Comment.objects.count() == 1

    session = outsider.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    response = outsider.get(f"/discussion/{article.pk}/live.json")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert b"lighthouse" in outsider.get(f"/discussion/{article.pk}/thread/").content


def test_a_placeholder_does_not_say_its_comment_was_staffs_or_edited(
    article: Any, reader: Any
) -> None:
    """A deleted comment's placeholder tells nothing of its author or its edits."""
    from .conftest import make_reader

    staff = make_reader("Ines Marlow", is_staff=True)
    deleted = posted(staff, article, "A note from the desk")
    actions.edit_comment(deleted, actor=staff, text="A corrected note from the desk")
    posted(reader, article, "Thanks for the note", parent=deleted)
    actions.delete_own_comment(deleted, actor=staff)
    html = Client().get(f"/discussion/{article.pk}/thread/").content.decode()
    assert "Comment deleted" in html and "Thanks for the note" in html
    assert "comment--staff" not in html
    assert f'data-comment-id="{deleted.pk}" data-depth="0" data-edited=""' in html


def test_unsubscribing_is_rate_limited_per_reader_and_address(
    reader: Any, settings: Settings
) -> None:
    """Unsubscribe POSTs (sent without a session by mail clients) are limited per
    reader of the signed link and per address, with the friendly 429.

    Before the fix the endpoint had no limit: every POST was a write, and one
    signed link could be replayed without end.
    """
    settings.DISCUSSION_RATELIMIT_ENABLED = True
    settings.DISCUSSION_RATE_PER_ACCOUNT = "3/m"
    settings.DISCUSSION_RATE_PER_IP = "5/m"
    caches["default"].clear()
    url = f"/discussion/unsubscribe/{unsubscribe_token(reader.pk)}/"
    statuses = [Client().post(url, REMOTE_ADDR=f"198.51.100.{n}").status_code for n in range(4)]
    assert statuses == [200, 200, 200, 429]
    others = [make_reader() for _ in range(3)]
    links = [f"/discussion/unsubscribe/{unsubscribe_token(other.pk)}/" for other in others]
    from_one_address = [Client().post(link, REMOTE_ADDR="198.51.100.9") for link in links * 2]
    codes = [response.status_code for response in from_one_address]
    assert codes == [200] * 5 + [429]
    assert from_one_address[-1]["Retry-After"] == "60"
    assert b"Slow down" in from_one_address[-1].content


def test_resubscribing_is_rate_limited(reader: Any, settings: Settings) -> None:
    """Turning reply emails back on is limited at the account's rate, with the 429.

    Before the fix the endpoint had no limit.
    """
    settings.DISCUSSION_RATELIMIT_ENABLED = True
    settings.DISCUSSION_RATE_PER_ACCOUNT = "3/m"
    caches["default"].clear()
    client = client_for(reader)
    statuses = [
        csrf_post(client, "/discussion/account/resubscribe/", {}).status_code for _ in range(4)
    ]
    assert statuses == [302, 302, 302, 429]


def test_recommendations_reach_the_accounts_rate_from_one_address(
    article: Any, reader: Any, other_reader: Any, settings: Settings
) -> None:
    """A reader on an address of their own can recommend as often as the account's
    rate allows; past it the answer is 429.

    Before the fix the per-address limit was the posting rate, lower than the
    recommendation rate, so the documented per-account rate could never be reached.
    """
    made = [posted(other_reader, article, f"Tide table {n} is out.") for n in range(5)]
    settings.DISCUSSION_RATELIMIT_ENABLED = True
    settings.DISCUSSION_REACTION_RATE = "4/m"
    settings.DISCUSSION_RATE_PER_ACCOUNT = "1/m"
    settings.DISCUSSION_RATE_PER_IP = "3/m"  # An address stands for three posters.
    caches["default"].clear()
    client = client_for(reader)
    statuses = [
        json_post(client, f"/discussion/comments/{c.pk}/react/", {}).status_code for c in made
    ]
    assert statuses == [200, 200, 200, 200, 429]


@pytest.mark.parametrize(
    ("per_ip", "account_rate", "expected"),
    [
        ("60/m", "10/m", "60/60s"),  # Posting: the per-address rate itself.
        ("5/h", "10/m", "5/3600s"),
        ("60/m", "120/m", "720/60s"),  # Recommendations: six readers' worth.
        ("60/m", "5/h", "30/3600s"),  # Appeals.
        ("1/d", "10/m", "1/86400s"),
    ],
)
def test_address_rate_scales_every_write_as_posting(
    settings: Settings, per_ip: str, account_rate: str, expected: str
) -> None:
    """An address's limit of a write is its per-account rate times the readers an
    address stands for when posting; posting's own is the per-address rate."""
    from masthead.discussion.views import address_rate

    settings.DISCUSSION_RATE_PER_IP = per_ip
    settings.DISCUSSION_RATE_PER_ACCOUNT = "10/m"
    assert address_rate(account_rate) == expected


def test_an_article_past_its_expiry_has_no_discussion(article: Any, reader: Any) -> None:
    """Past its expire_at an article's thread, live feed and posting answer 404.

    Before the fix its comments stayed readable, and open to new ones, until
    the scheduler's next run unpublished the article.
    """
    from masthead.newsroom.models import ArticlePage

    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - dt.timedelta(seconds=1)
    )
    client = client_for(reader)
    assert client.get(f"/discussion/{article.pk}/live.json").status_code == 404
    assert client.get(f"/discussion/{article.pk}/thread/").status_code == 404
    url = f"/discussion/{article.pk}/comments/"
    assert json_post(client, url, {"text": "Still here?"}).status_code == 404


def test_hostile_thread_queries_store_no_fragment_each(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """Thread pages past the last and "Show more" anchors are answered, not kept:
    only the pages a thread has (and its empty first page) are stored.

    Before the fix every value of ``after`` (any number up to ten digits) and
    every page number up to 10,000 stored a fragment of its own in the shared
    page cache, so a script walking through them filled it and pushed every
    cached page out (the file cache culls a third of its entries when full).
    """
    first = actions.post_comment(author=reader, article=article, text="Ferries first.").comment
    actions.post_comment(author=other_reader, article=article, text="Then the buses.")
    assert first is not None
    client = Client()
    url = f"/discussion/{article.pk}/thread/"
    assert client.get(url).status_code == 200
    assert client.get(f"{url}?tab=picks").status_code == 200

    def stored() -> int:
        return sum("discussion:fragment" in key for key in caches["pages"]._cache)  # type: ignore[attr-defined]

    before = stored()
    for n in range(2, 40):
        for query in (f"page={n}", f"after={n * 7919}", f"after={first.pk}&page={n}"):
            response = client.get(f"{url}?{query}")
            assert response.status_code == 200, query
    assert stored() == before
    assert b"Ferries first." in client.get(f"{url}?sort=oldest").content
    assert stored() == before + 1


def test_a_second_edit_within_the_same_second_reaches_open_pages(article: Any, reader: Any) -> None:
    """Two edits of a comment within one second carry different edit marks in the live
    feed, and a thread page carries the same mark as the feed for the same edit.

    Before the fix the mark was the edit's whole second: a page that had polled
    after the first edit saw the second one's feed with the same mark and kept
    the first text until it was reloaded.
    """
    from masthead.testing.clock import clock_at

    comment = posted(reader, article, "The ferry leaves at nine")
    moment = timezone.now().replace(microsecond=100_000)
    client = Client()

    def feed_item() -> dict[str, Any]:
        caches["pages"].clear()
        feed = client.get(f"/discussion/{article.pk}/live.json").json()
        return next(item for item in feed["comments"] if item["id"] == comment.pk)

    with clock_at(moment):
        actions.edit_comment(comment, actor=reader, text="The ferry leaves at ten")
    first = feed_item()
    with clock_at(moment + dt.timedelta(milliseconds=500)):
        actions.edit_comment(comment, actor=reader, text="The ferry leaves at eleven")
    second = feed_item()
    assert "at eleven" in second["html"]
    assert second["edited"] != first["edited"]
    caches["pages"].clear()
    page = client.get(f"/discussion/{article.pk}/thread/").content.decode()
    assert f'data-edited="{second["edited"]}"' in page
