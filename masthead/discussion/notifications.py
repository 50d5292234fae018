"""Reply notification emails and their signed one-click unsubscribe links."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from masthead.discussion.models import Comment, ReaderProfile
from masthead.discussion.threads import display_name

UNSUBSCRIBE_SALT = "masthead.discussion.unsubscribe"


def unsubscribe_token(user_id: int) -> str:
    """Return the signed token that turns off a reader's reply emails."""
    return signing.dumps({"u": user_id}, salt=UNSUBSCRIBE_SALT, compress=True)


def read_unsubscribe_token(token: str) -> int | None:
    """Return the user id a token was signed for, or None when it is not valid."""
    if len(token) > 200:
        return None
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    user_id = data.get("u") if isinstance(data, dict) else None
    return user_id if isinstance(user_id, int) else None


def base_url() -> str:
    """Return the absolute base of links in emails."""
    return str(getattr(settings, "WAGTAILADMIN_BASE_URL", "")).rstrip("/")


def reply_email(reply: Comment) -> EmailMultiAlternatives | None:
    """Return the email telling a parent comment's author about a reply, or None."""
    parent = reply.parent
    if parent is None or parent.author is None or parent.author_id == reply.author_id:
        return None
    if not parent.is_visible:
        return None  # Deleted by its author or hidden: "your comment" is not on the page.
    author_id: int = parent.author.pk
    profile = ReaderProfile.objects.filter(user_id=author_id).first()
    if profile is None or not profile.notify_replies or not parent.author.email:
        return None
    unsubscribe = base_url() + reverse(
        "discussion:unsubscribe", args=[unsubscribe_token(author_id)]
    )
    context: dict[str, Any] = {
        "replier": display_name(reply),
        "reply_text": reply.body,
        "article_title": reply.article.title,
        "url": f"{base_url()}{reverse('discussion:page', args=[reply.article_id])}"
        f"#comment-{reply.pk}",
        "unsubscribe_url": unsubscribe,
    }
    message = EmailMultiAlternatives(
        subject=f"{context['replier']} replied to your comment",
        body=render_to_string("discussion/email/reply.txt", context),
        to=[parent.author.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message
