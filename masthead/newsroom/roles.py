"""The newsroom's roles: who writes, who approves and publishes, who moderates comments."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from wagtail import hooks
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page


@dataclass(frozen=True)
class Role:
    """A group of the admin and what its members may do."""

    name: str
    permissions: tuple[str, ...]  # "app_label.codename", model-wide
    page_permissions: tuple[str, ...]  # codenames, on the site's home page and below
    collection_permissions: tuple[str, ...]  # image codenames, on the root collection and below


REPORTERS = Role(
    "Reporters",
    ("wagtailadmin.access_admin",),
    ("add_page", "change_page"),
    ("add_image", "choose_image"),
)
EDITORS = Role(
    "Editors",
    (
        "wagtailadmin.access_admin",
        "newsroom.add_author",
        "newsroom.change_author",
        "newsroom.delete_author",
        "newsroom.view_author",
    ),
    ("add_page", "change_page", "publish_page", "lock_page", "unlock_page"),
    ("add_image", "change_image", "choose_image", "delete_image"),
)
ROLES = (REPORTERS, EDITORS)


def all_roles() -> list[Role]:
    """Return the newsroom's roles, then those of the ``register_newsroom_role`` hook.

    A hook returns a ``Role`` (moderation adds "Comment moderators"): the
    newsroom names no other app's permission.
    """
    return [*ROLES, *(hook() for hook in hooks.get_hooks("register_newsroom_role"))]


REVIEW_WORKFLOW = "Editorial review"
REVIEW_TASK = "Editors' approval"

# What Wagtail's initial-data migrations give their "Editors" group (edit pages
# at the root, no publishing; images and documents). Later Wagtail versions
# may add to it, never more than this.
WAGTAIL_EDITORS_PERMISSIONS = {
    "access_admin",
    *(f"{verb}_{kind}" for verb in ("add", "change", "choose", "delete")
      for kind in ("image", "document")),
}  # fmt: skip
WAGTAIL_EDITORS_PAGE_PERMISSIONS = {"add_page", "change_page"}
WAGTAIL_EDITORS_COLLECTION_PERMISSIONS = {
    f"{verb}_{kind}" for verb in ("add", "change", "choose") for kind in ("image", "document")
}


def is_unused_wagtail_editors(group: Group) -> bool:
    """Say whether ``group`` is Wagtail's "Editors" as its initial data left it, with no members.

    Only such a group may become the newsroom's Editors: giving a group in use
    the publish permission would promote its members without anyone deciding so.
    """
    root_page = Page.get_first_root_node()
    root_collection = Collection.get_first_root_node()
    page_permissions = set(
        GroupPagePermission.objects.filter(group=group).values_list(
            "page_id", "permission__codename"
        )
    )
    collection_permissions = set(
        GroupCollectionPermission.objects.filter(group=group).values_list(
            "collection_id", "permission__codename"
        )
    )
    return (
        group.name == EDITORS.name
        and not group.user_set.exists()
        and set(group.permissions.values_list("codename", flat=True)) <= WAGTAIL_EDITORS_PERMISSIONS
        and root_page is not None
        and page_permissions
        == {(root_page.pk, codename) for codename in WAGTAIL_EDITORS_PAGE_PERMISSIONS}
        and root_collection is not None
        and collection_permissions
        <= {(root_collection.pk, codename) for codename in WAGTAIL_EDITORS_COLLECTION_PERMISSIONS}
    )
