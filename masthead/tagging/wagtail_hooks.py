"""Wagtail hooks of the tagging app: the Tag snippet, admin URLs, suggestion runs, demo tags."""

from __future__ import annotations

import logging
import time
from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from masthead.tagging import admin_urls
from masthead.tagging.models import Tag
from masthead.tagging.permissions import can_merge_tags
from masthead.tagging.tasks import enqueue_suggestions

DEMO_TAGS_PER_ARTICLE = 6
logger = logging.getLogger(__name__)


class TagViewSet(SnippetViewSet):
    """Tags in the admin: list, search, edit with aliases."""

    model = Tag
    icon = "tag"
    menu_label = "Tags"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name"]


register_snippet(TagViewSet)


@hooks.register("register_admin_urls")
def register_tagging_admin_urls() -> list[Any]:
    """Mount the suggestion actions under /admin/tagging/."""
    return [path("tagging/", include(admin_urls, namespace="tagging_admin"))]


@hooks.register("register_snippet_listing_buttons")
def merge_button(snippet: Any, user: Any, next_url: str | None = None) -> list[Any]:
    """Offer "Merge into…" on each tag in the snippet listing."""
    if not isinstance(snippet, Tag) or not can_merge_tags(user):
        return []
    url = reverse("tagging_admin:merge", args=[snippet.pk])
    return [Button("Merge into…", url=url, icon_name="resubmit", priority=60)]


def suggest_after_save(request: HttpRequest, page: Any) -> None:
    """Queue suggestions after an editor saves an article (publishing queues its own)."""
    from masthead.newsroom.models import ArticlePage

    if isinstance(page.specific, ArticlePage) and "action-publish" not in request.POST:
        enqueue_suggestions(page.pk)


hooks.register("after_create_page", suggest_after_save)
hooks.register("after_edit_page", suggest_after_save)


@hooks.register("after_demo_load")
def tag_demo_articles(stdout: Any) -> None:
    """Tag the demo's untagged articles with their top suggestions and republish them."""
    from masthead.tagging.actions import tag_untagged_articles

    started = time.monotonic()
    count = tag_untagged_articles(DEMO_TAGS_PER_ARTICLE)
    # Logged, not written: the demo command's own summary stays its first line.
    logger.info("Tagged %d demo articles in %.1fs.", count, time.monotonic() - started)
