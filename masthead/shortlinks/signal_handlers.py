"""Give articles their short link on first publication; forget stale redirects."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, pre_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move


def create_article_link(sender: Any, instance: Page, **kwargs: Any) -> None:
    """Give a published article its short link if it has none yet."""
    from masthead.shortlinks.actions import ensure_short_link

    ensure_short_link(instance)


def forget_redirects(sender: Any, instance: Page, **kwargs: Any) -> None:
    """Drop cached redirects to a page whose state changed.

    Wagtail sends page_unpublished for each descendant it unpublishes, and a
    deletion sends pre_delete for each page it removes, so the page alone will do.
    """
    from masthead.shortlinks.actions import forget_page_links

    forget_page_links(instance)


def forget_moved_redirects(sender: Any, instance: Page, **kwargs: Any) -> None:
    """Drop cached redirects to a page and every page below it: their URLs changed."""
    from masthead.shortlinks.actions import forget_page_links

    forget_page_links(instance, include_descendants=True)


def follow_merged_tag(sender: Any, source: Any, survivor: Any, **kwargs: Any) -> None:
    """Move a merged tag's short links to the tag that absorbed it."""
    from masthead.shortlinks.actions import move_tag_links

    move_tag_links(source, survivor)


def forget_tag_redirects(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Drop cached redirects to a tag page whose slug may have changed, or that goes."""
    from masthead.shortlinks.actions import forget_tag_links

    if instance.pk is not None:
        forget_tag_links(instance)


def forget_redirects_of_deleted_link(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Stop a deleted short link from redirecting out of the cache."""
    from masthead.shortlinks.actions import forget_deleted_link

    forget_deleted_link(instance)


def register_signal_handlers() -> None:
    """Connect the short links app to Wagtail's page signals and the tagging app's."""
    from django.db.models.signals import post_save

    from masthead.newsroom.models import ArticlePage
    from masthead.shortlinks.models import ShortLink
    from masthead.tagging.models import Tag
    from masthead.tagging.signals import tag_merged

    # A signal rather than the admin's delete view: bulk deletion deletes rows too.
    post_delete.connect(
        forget_redirects_of_deleted_link, sender=ShortLink, dispatch_uid="shortlinks-deleted"
    )
    tag_merged.connect(follow_merged_tag, dispatch_uid="shortlinks-tag-merged")
    post_save.connect(forget_tag_redirects, sender=Tag, dispatch_uid="shortlinks-tag-saved")
    pre_delete.connect(forget_tag_redirects, sender=Tag, dispatch_uid="shortlinks-tag-deleted")

    page_published.connect(create_article_link, sender=ArticlePage)
    # Any page type can be a target (sections, tag pages): listen to all of them.
    page_published.connect(forget_redirects)
    page_unpublished.connect(forget_redirects)
    page_slug_changed.connect(forget_moved_redirects)
    post_page_move.connect(forget_moved_redirects)
    pre_delete.connect(forget_redirects_of_deleted, dispatch_uid="shortlinks-page-delete")


def forget_redirects_of_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Drop cached redirects of a page about to be deleted (it then answers 410)."""
    if isinstance(instance, Page):
        forget_redirects(sender, instance)
