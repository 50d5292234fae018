"""Who may do what to tags: Wagtail's permission policy for the Tag model, the one path.

The Tag snippet's own views (list, edit, delete) ask the policy registered for
the model; the merge and the tag short-link views ask the same policy here, so
a policy registered for tags governs them all alike.
"""

from __future__ import annotations

from typing import Any

from wagtail.permissions import policy_registry

from masthead.tagging.models import Tag


def can_act_on_tags(user: Any, *actions: str) -> bool:
    """Return whether the user may take every one of these actions on tags."""
    policy = policy_registry.get_by_type(Tag)
    return all(policy.user_has_permission(user, action) for action in actions)


def can_merge_tags(user: Any) -> bool:
    """Return whether the user may merge tags: a merge changes one and deletes another."""
    return can_act_on_tags(user, "change", "delete")


def can_change_tags(user: Any) -> bool:
    """Return whether the user may change tags."""
    return can_act_on_tags(user, "change")
