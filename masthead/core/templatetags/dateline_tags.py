"""Template tags for datelines: ``{% dateline published updated %}``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.http import HttpRequest
from wagtail.models import Site

from masthead.core.dateline import DatelineStyle, format_dateline, format_day, iso_datetime
from masthead.core.models import SiteIdentity

register = template.Library()


def style_for_request(request: HttpRequest | None) -> tuple[DatelineStyle, str]:
    """Return the dateline style and "updated" label of the request's site."""
    if request is None:
        return DatelineStyle(), "Updated"
    return _style_of(SiteIdentity.for_request(request))


def default_site_style() -> DatelineStyle:
    """Return the dateline style of the default site, for text made outside a request."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return DatelineStyle() if site is None else _style_of(SiteIdentity.for_site(site))[0]


def _style_of(identity: SiteIdentity) -> tuple[DatelineStyle, str]:
    style = DatelineStyle(
        timezone=identity.display_timezone,
        utc_label=identity.utc_label,
        format=identity.dateline_format,
    )
    return style, identity.updated_label


@register.inclusion_tag("core/includes/dateline.html", takes_context=True)
def dateline(
    context: dict[str, Any], published: dt.datetime | None, updated: dt.datetime | None = None
) -> dict[str, Any]:
    """Render the dateline: publication time, then the update time when there is one."""
    style, updated_label = style_for_request(context.get("request"))
    result: dict[str, Any] = {"published": None, "updated": None}
    if published is not None:
        result["published"] = {
            "iso": iso_datetime(published),
            "text": format_dateline(published, style),
        }
    if updated is not None and (published is None or updated > published):
        result["updated"] = {"iso": iso_datetime(updated), "text": format_dateline(updated, style)}
        result["updated_label"] = updated_label
    return result


@register.simple_tag(takes_context=True)
def short_dateline(context: dict[str, Any], moment: dt.datetime | None) -> str:
    """Return a moment in the site's dateline style, for lists."""
    if moment is None:
        return ""
    style, _ = style_for_request(context.get("request"))
    return format_dateline(moment, style)


@register.simple_tag(takes_context=True)
def site_date(
    context: dict[str, Any], moment: dt.datetime | None, date_format: str = "d F Y"
) -> str:
    """Return the day of a moment in the site's zone (``05 July 2020``), as datelines date it."""
    if moment is None:
        return ""
    style, _ = style_for_request(context.get("request"))
    return format_day(moment, style, date_format)


@register.filter
def isoformat(moment: dt.datetime | None) -> str:
    """Return the ISO 8601 form of a datetime for ``<time datetime>``."""
    return iso_datetime(moment) if moment else ""
