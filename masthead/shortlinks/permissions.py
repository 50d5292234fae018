"""Who may give a page or a tag's page a short link, or change one: the one path.

The page header's and the tags listing's "Short link" views and the snippet's
add and edit forms all ask here, so an editor refused in one is refused in all.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from masthead.tagging.permissions import can_change_tags


def can_link_page(user: Any, page: Page) -> bool:
    """Return whether a user may give a page a short link (they may edit the page)."""
    return bool(page.permissions_for_user(user).can_edit())


def can_link_tags(user: Any) -> bool:
    """Return whether a user may give tag pages short links (they may edit tags)."""
    return can_change_tags(user)
