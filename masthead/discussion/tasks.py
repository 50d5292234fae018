"""Background work of the discussion app."""

from __future__ import annotations

from django_tasks import task


@task()
def send_reply_notification(comment_id: int) -> bool:
    """Email the parent's author about a visible reply; return whether one was sent."""
    from masthead.discussion.models import Comment
    from masthead.discussion.notifications import reply_email

    reply = (
        Comment.objects.select_related("parent__author", "article", "author__reader_profile")
        .filter(pk=comment_id)
        .first()
    )
    if reply is None or not reply.is_visible:
        return False
    message = reply_email(reply)
    if message is None:
        return False
    message.send()
    return True
