"""Template tags of the moderation app: the link to the community standards."""

from __future__ import annotations

from django import template

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
