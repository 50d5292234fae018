"""Admin: an article's discussion settings and picks, reached from the page header."""

from __future__ import annotations

from typing import Any

from django.urls import URLPattern, path, reverse
from wagtail import hooks
from wagtail.admin.widgets import HeaderButton
from wagtail.models import Page

from masthead.discussion import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[URLPattern]:
    """Add the article discussion view to the admin."""
    return [
        path(
            "discussion/article/<int:page_id>/",
            admin_views.article_discussion,
            name="discussion_article_admin",
        )
    ]


@hooks.register("register_page_header_buttons")
def discussion_button(
    page: Page, user: Any, view_name: str, next_url: str | None = None
) -> list[HeaderButton]:
    """Offer an article's discussion settings and picks in its page header."""
    if page.specific_class is None or page.specific_class.__name__ != "ArticlePage":
        return []
    if not page.permissions_for_user(user).can_edit():
        return []
    url = reverse("discussion_article_admin", args=[page.pk])
    return [HeaderButton("Discussion", url=url, icon_name="comment", priority=95)]


@hooks.register("after_demo_load")
def add_demo_comments(stdout: Any) -> None:
    """Add a few readers and a short discussion under the newest demo articles."""
    from masthead.discussion.demo import load_demo_discussion

    load_demo_discussion()
