"""``{% page_part "name" %}``: the slot of a page part owned by another app.

The article template names every part of the reference page in order. A part
is the template ``parts/<name>.html`` shipped by the app that builds it; a part
whose app is not installed renders nothing, so no dead control appears.
"""

from __future__ import annotations

import functools
from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@functools.cache
def find_part(name: str) -> Any:
    """Return the compiled template of a part, or None when no installed app ships it."""
    try:
        return get_template(f"parts/{name}.html").template  # type: ignore[attr-defined]
    except template.TemplateDoesNotExist:
        return None


@register.simple_tag(takes_context=True)
def page_part(context: template.Context, name: str) -> SafeString:
    """Render ``parts/<name>.html`` within the current context, or nothing."""
    part = find_part(name)
    if part is None:
        return mark_safe("")
    with context.push():
        # The part is a template rendered with autoescaping: its output is already safe.
        return mark_safe(part.render(context))  # noqa: S308
