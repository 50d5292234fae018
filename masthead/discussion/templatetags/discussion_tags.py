"""Template helpers of the discussion app."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from masthead.discussion.models import Comment
from masthead.discussion.threads import Node, display_name

register = template.Library()


@register.simple_tag
def comment_author(comment: Comment) -> str:
    """Return the display name shown for a comment's author (escaped by the template)."""
    return display_name(comment)


@register.simple_tag
def comment_threads(nodes: list[Node], article_id: int) -> SafeString:
    """Render comments with their replies (a Jinja2 template, see discussion.live)."""
    from masthead.discussion.live import render_nodes

    return render_nodes(nodes, article_id)


@register.simple_tag
def discussion_poll_seconds() -> int:
    """Return how often the page script polls the live feed."""
    from masthead.discussion import conf

    return conf.live_poll_seconds()
