"""Template tags of the distribution app: the head of every page, W3C times."""

from __future__ import annotations

import datetime as dt

from django import template

from masthead.distribution.head import HeadMeta, build_head

register = template.Library()


@register.simple_tag(takes_context=True)
def head_meta(context: template.Context) -> HeadMeta | None:
    """Return what the head of the page being rendered says about it."""
    return build_head(context.flatten())  # type: ignore[arg-type]


@register.filter
def w3c(moment: dt.datetime | None) -> str:
    """Return a time in the W3C date-time form sitemaps use, to the second."""
    if moment is None:
        return ""
    return moment.isoformat(timespec="seconds")
