"""Template tags of the moderation app: the standards link, rule labels, an author's view."""

from __future__ import annotations

from typing import Any

from django import template

from masthead.discussion.models import Comment
from masthead.discussion.moderation.reader_state import author_view
from masthead.discussion.moderation.standards import describe_rule, standards_url

register = template.Library()


@register.simple_tag
def community_standards_url() -> str:
    """Return the URL of the live Community standards page, or "" (cached briefly)."""
    return standards_url()


@register.filter
def rule_label(code: str) -> str:
    """Return "3. No threats or incitement to violence" for a rule code."""
    return describe_rule(code)


@register.simple_tag
def moderation_state(comment: Comment) -> dict[str, Any]:
    """Return the author's view of their comment: rule, reason, appeal (authors only)."""
    return author_view(comment)
