"""The reader's side of moderation inside the discussion: reasons, rules, appeal, reports.

Screening here is the real pipeline with the default word lists, so these
tests also hold the contract between posting and moderation.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import caches
from django.test import Client

from masthead.discussion import actions
from masthead.discussion.models import Comment, CommentStatus
from masthead.discussion.moderation.models import Appeal

from .conftest import client_for, csrf_post, json_post

pytestmark = pytest.mark.django_db

HELD_TEXT = "Ring the contractor on 07700 900 222 and complain about the wall."
REJECTED_TEXT = "f.u.c.k the harbour board and its wall"
SUSPECT_TEXT = "Only an idiot would put the new ferry ramp on the mudflats."


def test_held_comment_shows_its_author_the_reason_and_rule(article: Any, reader: Any) -> None:
    """The author of a held comment gets the numbered rule and the reason; nobody else does."""
    response = json_post(
        client_for(reader), f"/discussion/{article.pk}/comments/", {"text": HELD_TEXT}
    )
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == CommentStatus.HELD and data["visible"] is False
    assert data["rule"] == "privacy"
    assert data["rule_title"] == "7. Respect privacy; be who you are"
    assert "phone number" in data["reason"]
    assert data["appeal_url"] == ""  # Only rejections are appealed.
    state = client_for(reader).get(f"/discussion/{article.pk}/state.json").json()
    assert [h["rule_title"] for h in state["hidden"]] == ["7. Respect privacy; be who you are"]
    page = client_for(reader).get(f"/discussion/{article.pk}/").content.decode()
    assert "Held for review: rule 7. Respect privacy; be who you are" in page
    assert "phone number" in page
    for client in (Client(), client_for(actions_reader())):
        assert b"07700" not in client.get(f"/discussion/{article.pk}/thread/").content
        assert b"07700" not in client.get(f"/discussion/{article.pk}/live.json").content
        assert b"07700" not in client.get(f"/discussion/{article.pk}/").content


def actions_reader() -> Any:
    """Return another signed-in reader (a stranger to the comment)."""
    from .conftest import make_reader

    return make_reader("Passer By")


def test_rejected_comment_offers_one_appeal(article: Any, reader: Any) -> None:
    """A rejection shows its rule and an appeal link until the reader has appealed."""
    response = json_post(
        client_for(reader), f"/discussion/{article.pk}/comments/", {"text": REJECTED_TEXT}
    )
    data = response.json()
    assert data["status"] == CommentStatus.REJECTED
    assert data["rule_title"].startswith("9. ")
    assert data["appeal_url"] == f"/moderation/comments/{data['id']}/appeal/"
    page = client_for(reader).get(f"/discussion/{article.pk}/").content.decode()
    assert "Appeal this decision" in page and data["appeal_url"] in page
    comment = Comment.objects.get(pk=data["id"])
    Appeal.objects.create(comment=comment, appellant=reader, reason="It was about the board.")
    state = client_for(reader).get(f"/discussion/{article.pk}/state.json").json()
    assert state["hidden"][0]["appeal_url"] == "" and state["hidden"][0]["appealed"] is True
    page = client_for(reader).get(f"/discussion/{article.pk}/").content.decode()
    assert "You have appealed this decision." in page


def test_suspect_words_warn_once_then_hold(article: Any, reader: Any) -> None:
    """A suspect word warns first (nothing saved); posting anyway holds the comment."""
    client = client_for(reader)
    url = f"/discussion/{article.pk}/comments/"
    warned = json_post(client, url, {"text": SUSPECT_TEXT})
    assert warned.status_code == 409
    warning = warned.json()
    assert warning["warning"] is True and warning["rule"] == "attacks"
    assert warning["rule_title"] == "1. No personal attacks"
    assert "1. No personal attacks" in warning["message"]
    assert not Comment.objects.exists()
    edited = json_post(client, url, {"text": SUSPECT_TEXT.replace("an idiot", "a planner")})
    assert edited.status_code == 201 and edited.json()["visible"] is True
    anyway = json_post(client, url, {"text": SUSPECT_TEXT, "acknowledge": "1"})
    assert anyway.status_code == 201 and anyway.json()["status"] == CommentStatus.HELD


def test_warning_without_javascript_keeps_the_draft_once(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """The plain form comes back with the text, the reply target and 'Post anyway', once."""
    parent = actions.post_comment(author=other_reader, article=article, text="The ramp plan.")
    assert parent.comment is not None
    client = client_for(reader)
    response = csrf_post(
        client,
        f"/discussion/{article.pk}/comments/",
        {"text": SUSPECT_TEXT, "parent": str(parent.comment.pk)},
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?confirm=1&reply={parent.comment.pk}#comment-form")
    page = client.get(response["Location"]).content.decode()
    assert "Only an idiot would put" in page and 'name="acknowledge" value="1"' in page
    assert f'name="parent" value="{parent.comment.pk}"' in page and "Post anyway" in page
    again = client.get(response["Location"]).content.decode()
    assert "Only an idiot would put" not in again and 'name="acknowledge"' not in again


def test_state_gives_rules_to_report_and_what_the_reader_did(
    article: Any, reader: Any, other_reader: Any
) -> None:
    """The private state carries the rules to cite and the reader's reports and disagreements."""
    theirs = actions.post_comment(author=other_reader, article=article, text="Ferries are fine.")
    assert theirs.comment is not None
    client = client_for(reader)
    report = json_post(
        client, f"/moderation/comments/{theirs.comment.pk}/report/", {"rule": "spam"}
    )
    assert report.status_code == 200
    disagree = json_post(client, f"/moderation/comments/{theirs.comment.pk}/disagree/", {})
    assert disagree.status_code == 200
    state = client.get(f"/discussion/{article.pk}/state.json").json()
    assert state["reported"] == [theirs.comment.pk]
    assert state["disagreed"] == [theirs.comment.pk]
    codes = [rule["code"] for rule in state["rules"]]
    assert codes[:2] == ["attacks", "hate"] and "misinformation" in codes
    assert state["rules"][0]["label"] == "1. No personal attacks"


def test_every_comment_has_a_report_link_and_forms_link_the_standards(
    article: Any, reader: Any
) -> None:
    """Shared thread HTML links each comment's report form; the form links the standards."""
    from masthead.discussion.moderation.actions import ensure_standards_page

    comment = actions.post_comment(author=reader, article=article, text="Good news at last.")
    assert comment.comment is not None
    thread = Client().get(f"/discussion/{article.pk}/thread/").content.decode()
    assert f'href="/moderation/comments/{comment.comment.pk}/report/"' in thread
    standards = ensure_standards_page()
    caches["pages"].clear()  # The article page was not stored with the new link yet.
    article_html = Client().get(article.url).content.decode()
    form = article_html[article_html.index('id="comment-form"') :]
    assert f'href="{standards.url}">community standards</a>' in form
    page = client_for(reader).get(f"/discussion/{article.pk}/").content.decode()
    assert f'href="{standards.url}">Community standards</a>' in page


def test_header_account_links_load_their_target_size_styles(article: Any) -> None:
    """The header's account part brings the stylesheet that sizes its links."""
    html = Client().get(article.url).content.decode()
    assert "discussion/header_account.css" in html


def test_edit_warning_without_javascript(article: Any, reader: Any) -> None:
    """A plain-form edit that would be held comes back with the warning and 'Save anyway'."""
    comment = actions.post_comment(author=reader, article=article, text="The ramp is fine.")
    assert comment.comment is not None
    client = client_for(reader)
    url = f"/discussion/comments/{comment.comment.pk}/edit/"
    page = csrf_post(client, url, {"text": SUSPECT_TEXT})
    html = page.content.decode()
    assert page.status_code == 200 and "1. No personal attacks" in html
    assert 'name="acknowledge" value="1"' in html and "Save anyway" in html
    assert "Only an idiot would put" in html
    assert Comment.objects.get(pk=comment.comment.pk).body == "The ramp is fine."
    saved = csrf_post(client, url, {"text": SUSPECT_TEXT, "acknowledge": "1"})
    assert saved.status_code == 302
    assert Comment.objects.get(pk=comment.comment.pk).status == CommentStatus.HELD
