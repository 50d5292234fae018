"""Template tags of the newsroom: section navigation and an article's section."""

from __future__ import annotations

from typing import Any

from django import template

from masthead.newsroom.sections import SectionEntry, section_directory, section_of

register = template.Library()


@register.inclusion_tag("newsroom/includes/navigation.html", takes_context=True)
def section_navigation(context: dict[str, Any]) -> dict[str, Any]:
    """Return the live sections shown in menus."""
    request = context.get("request")
    if request is None:
        return {"sections": []}
    return {"sections": [entry for entry in section_directory(request) if entry["in_menu"]]}


@register.simple_tag(takes_context=True)
def article_section(context: dict[str, Any], page: Any) -> SectionEntry | None:
    """Return the section an article sits in, without a query."""
    request = context.get("request")
    if request is None or page is None:
        return None
    return section_of(request, page.url_path)
