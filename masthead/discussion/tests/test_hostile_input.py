"""Every public endpoint of the discussion against malformed, hostile and oversized input.

Each answers with a 2xx, 3xx or 4xx and a clear message: never a 500, never
markup a reader typed, never a change it should not make.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from masthead.discussion import actions
from masthead.discussion.models import Comment, CommentStatus, ReaderProfile

from .conftest import PASSWORD, client_for, csrf_post, json_post

pytestmark = pytest.mark.django_db

HUGE_ID = "9" * 30  # Far beyond any database integer.


def posted(author: Any, article: Any, text: str = "About the ferry timetable.") -> Comment:
    result = actions.post_comment(author=author, article=article, text=text)
    assert result.comment is not None
    return result.comment


@pytest.mark.parametrize(
    "path",
    [
        "/discussion/{huge}/",
        "/discussion/{huge}/thread/",
        "/discussion/{huge}/live.json",
        "/discussion/{huge}/state.json",
        "/discussion/comments/{huge}/edit/",
        "/discussion/0/live.json",
    ],
)
def test_unknown_or_huge_ids_are_404(reader: Any, path: str) -> None:
    """Ids beyond any integer column are 404, not a database overflow."""
    url = path.format(huge=HUGE_ID)
    assert client_for(reader).get(url).status_code == 404
    assert Client().get(url).status_code == 404


@pytest.mark.parametrize("action", ["delete", "react", "edit"])
def test_writes_to_huge_ids_are_404(reader: Any, action: str) -> None:
    """A write to a comment id beyond any integer is 404."""
    response = json_post(client_for(reader), f"/discussion/comments/{HUGE_ID}/{action}/", {})
    assert response.status_code == 404


def test_non_article_pages_have_no_discussion(article: Any) -> None:
    """The id of a page that is not an article (the section) is 404 everywhere."""
    section_id = article.get_parent().pk
    for suffix in ("", "thread/", "live.json"):
        assert Client().get(f"/discussion/{section_id}/{suffix}").status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("post", "/discussion/{a}/live.json"),
        ("post", "/discussion/{a}/thread/"),
        ("post", "/discussion/me.json"),
        ("post", "/discussion/counts.json"),
        ("get", "/discussion/{a}/comments/"),
        ("get", "/discussion/comments/{c}/delete/"),
        ("get", "/discussion/comments/{c}/react/"),
        ("put", "/discussion/comments/{c}/edit/"),
        ("get", "/discussion/account/resubscribe/"),
    ],
)
def test_wrong_methods_are_refused(article: Any, reader: Any, method: str, path: str) -> None:
    """Reads refuse writes and writes refuse reads (405), changing nothing."""
    comment = posted(reader, article)
    client = client_for(reader)
    client.cookies["csrftoken"] = "k" * 32
    url = path.format(a=article.pk, c=comment.pk)
    response = getattr(client, method)(url, HTTP_X_CSRFTOKEN="k" * 32)
    assert response.status_code == 405
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED and comment.reaction_count == 0


@pytest.mark.parametrize("text", ["\x00\x01\x02", " \n\r\n\t ", "\x7f\x9f\n\n"])
def test_posts_of_nothing_are_refused(article: Any, reader: Any, text: str) -> None:
    """Text that is empty once control characters and blanks are gone is refused."""
    response = json_post(client_for(reader), f"/discussion/{article.pk}/comments/", {"text": text})
    assert response.status_code == 400 and "Write something" in response.json()["error"]
    assert not Comment.objects.exists()


def test_control_characters_are_stripped_and_markup_escaped(article: Any, reader: Any) -> None:
    """NUL and other controls never reach the database; typed markup stays text."""
    text = "Tide\x00 tables\x1b[31m <img src=x onerror=alert(1)> \u202eevil\u202c"
    response = json_post(client_for(reader), f"/discussion/{article.pk}/comments/", {"text": text})
    assert response.status_code == 201
    comment = Comment.objects.get()
    assert "\x00" not in comment.body and "\x1b" not in comment.body
    assert "<img" not in comment.body_html and "&lt;img" in comment.body_html


def test_length_limit_counts_after_normalising(article: Any, reader: Any) -> None:
    """5,000 characters pass; 5,001 get the clear message; CRLF counts as one."""
    client = client_for(reader)
    url = f"/discussion/{article.pk}/comments/"
    assert json_post(client, url, {"text": "a\r\n" * 2500}).status_code == 201
    response = json_post(client, url, {"text": "b" * 5001})
    assert response.status_code == 400 and "limit is 5,000" in response.json()["error"]


def test_repeated_and_odd_form_fields(article: Any, reader: Any) -> None:
    """Repeated fields, a negative parent and a junk acknowledgement are handled."""
    client = client_for(reader)
    url = f"/discussion/{article.pk}/comments/"
    client.cookies["csrftoken"] = "k" * 32
    response = client.post(
        url,
        "text=first&text=second&acknowledge=%00%00",
        content_type="application/x-www-form-urlencoded",
        HTTP_X_CSRFTOKEN="k" * 32,
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 201 and Comment.objects.get().body == "second"
    assert json_post(client, url, {"text": "x", "parent": "-1"}).status_code == 400
    assert json_post(client, url, {"text": "x", "parent": "1e3"}).status_code == 400


def test_reply_to_a_comment_on_another_article(article: Any, reader: Any) -> None:
    """A parent id from another article is 'gone' for this one."""
    from masthead.testing.factories import make_article

    other = make_article(title="Another story")
    actions.set_article_mode(other, mode="open")
    elsewhere = posted(reader, other)
    response = json_post(
        client_for(reader),
        f"/discussion/{article.pk}/comments/",
        {"text": "x", "parent": str(elsewhere.pk)},
    )
    assert response.status_code == 404


def test_discussion_page_tolerates_hostile_queries(article: Any, reader: Any) -> None:
    """Junk reply targets, pages and confirm flags fall back to the plain page."""
    client = client_for(reader)
    for query in (
        f"?reply={HUGE_ID}",
        "?reply=<script>",
        "?reply=-4",
        "?page=" + "9" * 50,
        "?confirm=1",
        "?sort=%00&tab=%ff",
    ):
        response = client.get(f"/discussion/{article.pk}/{query}")
        assert response.status_code == 200, query
        assert b"<script>" not in response.content
        # ?confirm=1 alone (no draft sent back with a warning) does not skip the warning.
        assert b'name="acknowledge"' not in response.content


def test_live_feed_with_junk_validators(article: Any) -> None:
    """Junk If-None-Match headers get the full feed."""
    for etag in ('"nope"', "*" * 5000, "\u00ff"):
        response = Client().get(f"/discussion/{article.pk}/live.json", HTTP_IF_NONE_MATCH=etag)
        assert response.status_code == 200 and response.json()["article"] == article.pk


def test_counts_with_hostile_ids(article: Any, reader: Any) -> None:
    """Oversized, non-ASCII and negative ids are ignored; the answer stays small."""
    posted(reader, article)
    junk = ",".join(["-1", "1e9", "\u0661\u0662", "0x10", " ", "<b>", "9" * 11] + ["5"] * 5000)
    response = Client().get("/discussion/counts.json", {"ids": junk})
    assert response.status_code == 200
    assert len(response.json()) <= 100
    huge = Client().get("/discussion/counts.json", {"ids": "1," * 200_000})
    assert huge.status_code == 200 and set(huge.json()) <= {"1"}


def test_me_with_a_forged_session_cookie(db: None) -> None:
    """A forged session cookie is an anonymous reader, never someone else."""
    client = Client()
    client.cookies["sessionid"] = "forged-" + "x" * 4000
    data = client.get("/discussion/me.json").json()
    assert data == {"authenticated": False}


def test_edit_by_others_and_after_delete(article: Any, reader: Any, other_reader: Any) -> None:
    """Others cannot edit, delete or open the edit form; a deleted comment stays deleted."""
    comment = posted(reader, article)
    intruder = client_for(other_reader)
    assert json_post(intruder, f"/discussion/comments/{comment.pk}/delete/", {}).status_code == 403
    assert intruder.get(f"/discussion/comments/{comment.pk}/edit/").status_code == 302
    owner = client_for(reader)
    assert json_post(owner, f"/discussion/comments/{comment.pk}/delete/", {}).status_code == 200
    again = json_post(owner, f"/discussion/comments/{comment.pk}/delete/", {})
    assert again.status_code == 400
    edit = json_post(owner, f"/discussion/comments/{comment.pk}/edit/", {"text": "Back again"})
    assert edit.status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.DELETED


def test_edit_with_oversized_text(article: Any, reader: Any) -> None:
    """An oversized edit is refused with the limit and the comment is unchanged."""
    comment = posted(reader, article, "Original words")
    response = json_post(
        client_for(reader), f"/discussion/comments/{comment.pk}/edit/", {"text": "z" * 300_000}
    )
    assert response.status_code == 400 and "limit" in response.json()["error"]
    comment.refresh_from_db()
    assert comment.body == "Original words" and comment.edited_at is None


def test_reactions_to_own_hidden_and_anonymous(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """No reaction to one's own comment, a hidden one, or without signing in."""
    comment = posted(reader, article)
    own = json_post(client_for(reader), f"/discussion/comments/{comment.pk}/react/", {})
    assert own.status_code == 400
    anonymous = Client().post(
        f"/discussion/comments/{comment.pk}/react/", HTTP_ACCEPT="application/json"
    )
    assert anonymous.status_code == 403
    actions.change_status(comment, CommentStatus.HELD, actor=None, rule="spam")
    hidden = json_post(client_for(other_reader), f"/discussion/comments/{comment.pk}/react/", {})
    assert hidden.status_code == 400
    junk = json_post(
        client_for(other_reader), f"/discussion/comments/{comment.pk}/react/", {"remove": "\x00"}
    )
    assert junk.status_code == 400
    comment.refresh_from_db()
    assert comment.reaction_count == 0


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("x" * 10_000, False),
        ("a", False),
        ("\u202eytrauQ ataM", True),  # The override is dropped, the rest is a fresh name.
        ("Staff\u200b", True),
        ("<script>alert(1)</script>", True),  # Allowed as text, escaped wherever shown.
        ("\x00\x00", False),
        # 40 characters whose compatibility forms spell out 720 (past the
        # name key's column: PostgreSQL refused the save with a 500).
        ("\ufdfa" * 40, False),
    ],
)
def test_account_rejects_or_cleans_hostile_names(reader: Any, name: str, kept: bool) -> None:
    """Names out of bounds are refused; control and format characters are removed."""
    csrf_post(client_for(reader), "/discussion/account/", {"display_name": name})
    saved = ReaderProfile.objects.get(user=reader).display_name
    if not kept:
        assert saved == "Marta Quill"
        return
    assert saved != "Marta Quill"
    assert not any(ch in saved for ch in "\u202e\u200b\x00")
    page = client_for(reader).get("/discussion/account/").content.decode()
    assert "<script>alert(1)</script>" not in page


def test_account_endpoints_need_a_session(db: None) -> None:
    """Account pages send anonymous readers to sign in; nothing is deleted."""
    for url in ("/discussion/account/", "/discussion/account/data.json"):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    response = Client().post("/discussion/account/delete/", {"password": "x"})
    assert response.status_code in (302, 403)


def test_delete_account_with_an_oversized_password(article: Any, reader: Any) -> None:
    """A megabyte of password is refused quickly and the account stays."""
    posted(reader, article)
    response = csrf_post(
        client_for(reader), "/discussion/account/delete/", {"password": "p" * 1_000_000}
    )
    assert response.status_code == 302
    reader.refresh_from_db()
    assert Comment.objects.get().author_id == reader.pk
    good = csrf_post(client_for(reader), "/discussion/account/delete/", {"password": PASSWORD})
    assert good.status_code == 200


@pytest.mark.parametrize(
    "token",
    ["", "%00", "..%2F..%2Fetc", "\u00e9" * 50, "a:b:c", "e30:1tZ:bad"],
)
def test_unsubscribe_with_forged_tokens(reader: Any, token: str) -> None:
    """Forged, empty and odd tokens change nothing."""
    actions.set_display_name(reader, "Marta Quill", notify_replies=True)
    response = Client().post(f"/discussion/unsubscribe/{token}/")
    assert response.status_code in (400, 404)
    assert ReaderProfile.objects.get(user=reader).notify_replies is True


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("n" * 100_000, None),
        ("\u202e\u200bQuay Watcher\x00", "Quay Watcher"),
        ("", None),
        ("\ufdfa" * 40, None),
    ],
)
def test_sign_up_with_hostile_display_names(db: None, typed: str, expected: str | None) -> None:
    """Sign-up never fails on the display name: a bad one leaves the default name."""
    response = Client().post(
        "/accounts/signup/",
        {
            "email": "hostile@example.org",
            "password1": "a-long-pass-phrase-77",
            "password2": "a-long-pass-phrase-77",
            "display_name": typed,
        },
    )
    assert response.status_code == 302
    name = ReaderProfile.objects.get().display_name
    if expected is None:
        assert name.startswith("reader-")
    else:
        assert name == expected
