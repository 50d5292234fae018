"""Wagtail hooks of moderation: queues and dashboard in the admin menu, word lists, demo data."""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import include, path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.discussion.moderation import admin_urls
from masthead.discussion.moderation.actions import can_moderate
from masthead.discussion.moderation.models import ArticleModeration, WordListEntry
from masthead.discussion.moderation.queues import QUEUES
from masthead.newsroom.roles import Role

logger = logging.getLogger(__name__)


class ModeratorPermissionPolicy(BasePermissionPolicy):  # type: ignore[misc]
    """Give moderators, and no one else, every action on a moderation snippet.

    Word lists and pre-moderated articles steer screening: they follow the one
    moderation check (``actions.can_moderate``), not per-model permissions.
    """

    def user_has_permission(self, user: Any, action: str) -> bool:
        return can_moderate(user)

    def user_has_any_permission(self, user: Any, actions: Any) -> bool:
        return can_moderate(user)

    def users_with_any_permission(self, actions: Any) -> QuerySet[Any]:
        return get_user_model().objects.with_perm("moderation.moderate_comments")  # type: ignore[attr-defined, no-any-return]

    def users_with_permission(self, action: str) -> QuerySet[Any]:
        return self.users_with_any_permission([action])


# Before the viewsets: Wagtail refuses a policy registered after its fallback was made.
register_permission_policy(WordListEntry, ModeratorPermissionPolicy(WordListEntry))
register_permission_policy(ArticleModeration, ModeratorPermissionPolicy(ArticleModeration))


class WordListViewSet(SnippetViewSet):
    """Banned and suspect words in the admin: list, filter, search, edit."""

    model = WordListEntry
    icon = "warning"
    menu_label = "Word lists"
    add_to_admin_menu = False
    list_display = ["term", "kind", "whole_word", "rule", "updated_at"]
    list_filter = ["kind", "whole_word", "rule"]
    search_fields = ["term"]
    panels = [FieldPanel("term"), FieldPanel("kind"), FieldPanel("whole_word"),
              FieldPanel("rule"), FieldPanel("note")]  # fmt: skip


class ArticleModerationViewSet(SnippetViewSet):
    """Articles whose comments are all held for review."""

    model = ArticleModeration
    icon = "lock"
    menu_label = "Pre-moderated articles"
    add_to_admin_menu = False
    list_display = ["article", "premoderate", "note"]
    panels = [FieldPanel("article"), FieldPanel("premoderate"), FieldPanel("note")]


register_snippet(WordListViewSet)
register_snippet(ArticleModerationViewSet)


@hooks.register("register_newsroom_role")
def comment_moderators_role() -> Role:
    """Add "Comment moderators" to the groups `masthead setup` creates: the queues, no pages."""
    return Role(
        "Comment moderators",
        ("wagtailadmin.access_admin", "moderation.moderate_comments"),
        page_permissions=(),
        collection_permissions=(),
    )


class ModeratorMenuItem(MenuItem):
    """A menu item shown only to moderators."""

    def is_shown(self, request: HttpRequest) -> bool:
        return can_moderate(request.user)


class ModerationMenuItem(SubmenuMenuItem):
    """The Moderation menu, shown only to moderators."""

    def is_shown(self, request: HttpRequest) -> bool:
        return can_moderate(request.user)


def moderation_menu() -> Menu:
    """Return the items of the Moderation menu: queues, dashboard, lists."""
    items: list[MenuItem] = [
        ModeratorMenuItem(label, reverse_lazy("moderation_admin:queue", args=[name]), order=n)
        for n, (name, label) in enumerate(QUEUES.items())
    ]
    items.append(
        ModeratorMenuItem("Dashboard", reverse_lazy("moderation_admin:dashboard"), order=90)
    )
    items.append(
        ModeratorMenuItem(
            "Word lists", reverse_lazy("wagtailsnippets_moderation_wordlistentry:list"), order=95
        )
    )
    items.append(
        ModeratorMenuItem(
            "Pre-moderated articles",
            reverse_lazy("wagtailsnippets_moderation_articlemoderation:list"),
            order=96,
        )
    )
    return Menu(items=items)


@hooks.register("register_admin_menu_item")
def register_moderation_menu() -> MenuItem:
    """Add the Moderation menu to the admin."""
    return ModerationMenuItem("Moderation", moderation_menu(), icon_name="comment", order=250)


@hooks.register("register_admin_urls")
def register_moderation_admin_urls() -> list[Any]:
    """Mount the queues and the dashboard under /admin/moderation/."""
    return [path("moderation/", include(admin_urls, namespace="moderation_admin"))]


@hooks.register("register_permissions")
def register_moderation_permission() -> Any:
    """Offer "Can moderate comments" in the admin's group editor."""
    return Permission.objects.filter(
        content_type__app_label="moderation", codename="moderate_comments"
    )


@hooks.register("after_demo_load")
def create_demo_standards(stdout: Any) -> None:
    """Publish the default Community standards page in the demo site."""
    from masthead.discussion.moderation.actions import ModerationError, ensure_standards_page

    try:
        page = ensure_standards_page()
    except ModerationError as error:
        logger.warning("Community standards not created: %s", error.message)
        return
    logger.info("Community standards at %s", page.url_path)
