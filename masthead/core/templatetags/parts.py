"""``{% page_part "name" %}``: the slot of a page part owned by another app.

The article template names every part of the reference page in order. A part
is the template ``parts/<name>.html`` shipped by the app that builds it; a part
whose app is not installed renders nothing, so no dead control appears.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def page_part(context: template.Context, name: str) -> SafeString:
    """Render ``parts/<name>.html`` with the current context, or nothing."""
    try:
        part = get_template(f"parts/{name}.html")
    except template.TemplateDoesNotExist:
        return mark_safe("")
    flat: dict[str, Any] = dict(context.flatten())  # type: ignore[arg-type]
    # The part is a template rendered with autoescaping: its output is already safe.
    return mark_safe(part.render(flat, context.get("request")))  # noqa: S308
