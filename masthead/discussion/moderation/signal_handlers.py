"""Signal handlers of the moderation app: the audit log, word-list cache, standards cache."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished


def on_comment_status_changed(sender: Any, **kwargs: Any) -> None:
    """Write the audit-log entry of a comment's status change."""
    from masthead.discussion.moderation.actions import record_status_change

    record_status_change(
        comment=kwargs["comment"],
        actor=kwargs.get("actor"),
        from_status=kwargs.get("from_status", ""),
        to_status=kwargs["to_status"],
        rule=kwargs.get("rule", ""),
        note=kwargs.get("note", ""),
    )


def on_wordlist_changed(sender: Any, **kwargs: Any) -> None:
    """Drop this process's matcher; other processes notice the change on their next check."""
    from masthead.discussion.moderation.matching import invalidate

    invalidate()


def on_standards_changed(sender: Any, **kwargs: Any) -> None:
    """Drop the cached rules when the standards page is published or unpublished."""
    from masthead.discussion.moderation.standards import forget_rules

    forget_rules()


def register_signal_handlers() -> None:
    """Connect the handlers (called from AppConfig.ready)."""
    from masthead.discussion.moderation.models import CommunityStandardsPage, WordListEntry
    from masthead.discussion.signals import comment_status_changed

    comment_status_changed.connect(on_comment_status_changed, dispatch_uid="moderation-audit")
    post_save.connect(on_wordlist_changed, sender=WordListEntry, dispatch_uid="moderation-words")
    post_delete.connect(on_wordlist_changed, sender=WordListEntry, dispatch_uid="moderation-wd")
    for signal in (page_published, page_unpublished):
        signal.connect(on_standards_changed, sender=CommunityStandardsPage)
