"""Signals the discussion app sends for other apps (moderation's audit log)."""

from django.dispatch import Signal

# Sent inside the transaction of every comment status change, including the
# first status of a new comment (from_status=""). Keyword arguments:
# comment (Comment), actor (User, or None when the system decided),
# from_status (str), to_status (str), rule (str), note (str).
comment_status_changed = Signal()
