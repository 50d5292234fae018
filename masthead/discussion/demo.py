"""Demo discussion: invented readers commenting on the newest demo articles."""

from __future__ import annotations

import contextlib
import logging

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction

from masthead.discussion import actions
from masthead.discussion.models import Comment
from masthead.discussion.write_lock import serialised_writes

logger = logging.getLogger(__name__)

DEMO_READERS = [
    ("marta.quill@example.org", "Marta from Lowmere"),
    ("teodor.vance@example.org", "Teodor V"),
    ("ines.halloway@example.org", "Ines Halloway"),
]
DEMO_THREAD = [
    (0, None, "The ferry times matter more to us in **Lowmere** than any bridge plan ever did."),
    (1, 0, "Fair point, but the bridge would have kept the clinic open in *winter*."),
    (2, 1, "The council papers are public: https://example.org/lowmere-council-minutes"),
    (0, 1, "I read them. The clinic figures were for the old timetable, not the new one."),
    (1, None, "Good to see the harbour works finally reported properly.\n\nMore of this, please."),
]


def load_demo_discussion(articles: int = 3) -> int:
    """Add demo readers and comments to the newest articles; return comments added."""
    # The write lock before the transaction, as posting takes them (write_lock.py).
    with serialised_writes(), transaction.atomic():
        return _load_demo_discussion(articles)


def _load_demo_discussion(articles: int) -> int:
    from masthead.newsroom.models import ArticlePage

    readers = [_reader(email, name) for email, name in DEMO_READERS]
    added = 0
    for article in ArticlePage.objects.live().order_by("-first_published_at")[:articles]:
        if Comment.objects.filter(article_id=article.pk).exists():
            continue
        posted: list[Comment] = []
        for reader_index, parent_index, text in DEMO_THREAD:
            parent = posted[parent_index] if parent_index is not None else None
            try:
                result = actions.post_comment(
                    author=readers[reader_index],
                    article=article,
                    text=text,
                    parent=parent,
                    warning_acknowledged=True,
                )
            except actions.DiscussionError as error:
                logger.info("Demo comment skipped on %s: %s", article.pk, error.message)
                break
            if result.comment is None or not result.comment.is_visible:
                break
            posted.append(result.comment)
            added += 1
    return added


def _reader(email: str, display_name: str) -> object:
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=email, defaults={"email": email})
    if created:
        user.set_unusable_password()
        user.save()
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    actions.ensure_profile(user)
    with contextlib.suppress(actions.DiscussionError):  # Already named by an earlier run.
        actions.set_display_name(user, display_name, notify_replies=False)
    return user
