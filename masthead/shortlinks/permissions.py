"""Who may give a page or a tag's page a short link, or change one: the one path.

The page header's and the tags listing's "Short link" views, the snippet's add
and edit forms and (through the model's permission policy) its delete views
all ask here, so an editor refused in one is refused in all.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy

from masthead.shortlinks.models import ShortLink
from masthead.tagging.permissions import can_change_tags


def can_link_page(user: Any, page: Page) -> bool:
    """Return whether a user may give a page a short link (they may edit the page)."""
    return bool(page.permissions_for_user(user).can_edit())


def can_link_tags(user: Any) -> bool:
    """Return whether a user may give tag pages short links (they may edit tags)."""
    return can_change_tags(user)


def can_change_link(user: Any, link: ShortLink) -> bool:
    """Return whether a user may change or delete a link: they may link what it leads to."""
    if link.target is not None:
        return can_link_page(user, link.target)
    if link.target_tag_id is not None:
        return can_link_tags(user)
    return True  # Its page or tag is gone: the model permission decides alone.


class ShortLinkPermissionPolicy(ModelPermissionPolicy):
    """The model's permissions, and for one link also ``can_change_link``."""

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        """Return whether the user may take ``action`` on this link."""
        if not super().user_has_permission_for_instance(user, action, instance):
            return False
        return action == "view" or can_change_link(user, instance)
