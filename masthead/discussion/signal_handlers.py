"""Signals the discussion app listens to: allauth sign-ups and settings changes."""

from __future__ import annotations

import contextlib
from typing import Any

from allauth.account.signals import user_signed_up
from django.db import transaction
from django.db.models.signals import post_save

from masthead.discussion.models import DiscussionSettings


def name_new_reader(request: Any, user: Any, **kwargs: Any) -> None:
    """Give a new reader the display name typed on the sign-up form (or a default)."""
    from masthead.discussion import actions

    profile = actions.ensure_profile(user)
    typed = str(getattr(request, "POST", {}).get("display_name", "") or "")[:200]
    if typed.strip():
        # Taken or too short: the reader keeps the default and can change it.
        with contextlib.suppress(actions.DiscussionError):
            actions.set_display_name(user, typed, notify_replies=profile.notify_replies)


def settings_changed(**kwargs: Any) -> None:
    """Refresh the cached settings and every cached live feed once the switches' change commits.

    Dropped before the commit, another process could cache the old settings again.
    """
    from masthead.core.signal_handlers import purge_all
    from masthead.discussion.permissions import forget_site_settings

    transaction.on_commit(forget_site_settings)
    purge_all(DiscussionSettings)


def register_signal_handlers() -> None:
    """Connect the handlers (called from AppConfig.ready)."""
    user_signed_up.connect(name_new_reader, dispatch_uid="discussion_name_new_reader")
    post_save.connect(
        settings_changed, sender=DiscussionSettings, dispatch_uid="discussion_settings_changed"
    )
