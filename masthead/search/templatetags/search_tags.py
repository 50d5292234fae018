"""Template tags of the search boxes."""

from __future__ import annotations

from django import template

from masthead.search import conf

register = template.Library()


@register.simple_tag
def query_max_length() -> int:
    """Return how many characters of a query search reads, for the boxes' maxlength."""
    return conf.max_query_length()
