"""Builders shared by the moderation tests."""

from __future__ import annotations

import itertools
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from masthead.discussion import actions as discussion_actions
from masthead.discussion.moderation.history import NewReader
from masthead.discussion.moderation.matching import Term, WordMatcher
from masthead.discussion.moderation.screening import Decision, Submission, screen
from masthead.discussion.moderation.wordlists import default_terms

_people = itertools.count(1)
DEFAULT_MATCHER = WordMatcher(default_terms())


def make_reader(**fields: Any) -> Any:
    """Create a reader account."""
    n = next(_people)
    return get_user_model().objects.create_user(
        username=f"reader{n}@example.org", email=f"reader{n}@example.org", **fields
    )


def make_moderator(**fields: Any) -> Any:
    """Create a staff user allowed to moderate (and to use the admin)."""
    n = next(_people)
    user = get_user_model().objects.create_user(
        username=f"moderator{n}", email=f"moderator{n}@example.org", is_staff=True, **fields
    )
    user.user_permissions.add(
        Permission.objects.get(codename="moderate_comments"),
        Permission.objects.get(codename="access_admin"),
    )
    return get_user_model().objects.get(pk=user.pk)  # fresh permission cache


def post(article: Any, author: Any, text: str, **kwargs: Any) -> Any:
    """Post a comment through the discussion app's action; return the comment."""
    result = discussion_actions.post_comment(author=author, article=article, text=text, **kwargs)
    assert result.comment is not None, result.warning
    return result.comment


def screen_text(text: str, *terms: Term, history: NewReader | None = None) -> Decision:
    """Screen a new reader's text with the default lists (or the terms given)."""
    matcher = WordMatcher(terms) if terms else DEFAULT_MATCHER
    submission = Submission(text=text, author_id=None, author_is_staff=False, article_id=1)
    return screen(submission, matcher=matcher, history=history or NewReader())
