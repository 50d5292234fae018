"""Admin: the short links listing, their panel, and a "Short link" button on every page."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet, Sum
from django.urls import URLPattern, path, reverse
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList, PageChooserPanel
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet

from masthead.shortlinks import admin_views
from masthead.shortlinks.forms import ShortLinkForm
from masthead.shortlinks.models import ShortLink
from masthead.shortlinks.panels import ShortLinkStatsPanel
from masthead.shortlinks.permissions import (
    ShortLinkPermissionPolicy,
    can_link_page,
    can_link_tags,
)


class ShortLinkDeleteView(DeleteView):
    """Wagtail's delete view, asking the policy about this link, not the model alone."""

    def dispatch(self, request: Any, *args: Any, **kwargs: Any) -> Any:
        """Refuse editors who may not link the page or tag this link leads to."""
        # Wagtail's generic delete view asks the model permission only.
        if not self.user_has_permission_for_instance("delete", self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ShortLinkViewSet(SnippetViewSet):
    """Every short link with its page and its clicks; editors add aliases here."""

    model = ShortLink
    delete_view_class = ShortLinkDeleteView
    icon = "link"
    menu_label = "Short links"
    menu_order = 300
    add_to_admin_menu = True
    list_display = [
        "code",
        "alias",
        Column("destination", label="Leads to"),
        Column("human_total", label="Clicks (people)"),
        Column("bot_total", label="Clicks (bots)"),
        "created_at",
    ]
    edit_handler = ObjectList(
        [
            PageChooserPanel("target"),
            FieldPanel("target_tag"),
            FieldPanel("alias"),
            ShortLinkStatsPanel(),
        ],
        base_form_class=ShortLinkForm,
    )

    def get_queryset(self, request: Any) -> QuerySet[ShortLink]:
        """Return links with their page and click totals in one query."""
        return ShortLink.objects.select_related("target", "target_tag").annotate(
            human_total=Sum("daily_counts__human_clicks", default=0),
            bot_total=Sum("daily_counts__bot_clicks", default=0),
        )


# Registered before the viewset, which then uses it for its edit, delete and
# bulk delete views.
register_permission_policy(ShortLink, ShortLinkPermissionPolicy(ShortLink))
register_snippet(ShortLinkViewSet)


@hooks.register("register_admin_urls")
def register_admin_urls() -> list[URLPattern]:
    """Add the page short link view to the admin."""
    return [
        path(
            "shortlinks/page/<int:page_id>/",
            admin_views.page_short_link,
            name="shortlinks_page_short_link",
        ),
        path(
            "shortlinks/tag/<int:tag_id>/",
            admin_views.tag_short_link,
            name="shortlinks_tag_short_link",
        ),
    ]


@hooks.register("register_page_header_buttons")
def short_link_button(
    page: Page, user: Any, view_name: str, next_url: str | None = None
) -> list[HeaderButton]:
    """Offer every editable page's short link (or its creation) in the page header."""
    if page.is_root() or not can_link_page(user, page):
        return []
    url = reverse("shortlinks_page_short_link", args=[page.pk])
    return [HeaderButton("Short link", url=url, icon_name="link", priority=90)]


@hooks.register("register_snippet_listing_buttons")
def tag_short_link_button(
    snippet: Any, user: Any, next_url: str | None = None
) -> list[ListingButton]:
    """Offer each tag's short link (or its creation) in the tags listing."""
    from masthead.tagging.models import Tag

    if not isinstance(snippet, Tag) or not can_link_tags(user):
        return []
    url = reverse("shortlinks_tag_short_link", args=[snippet.pk])
    return [ListingButton("Short link", url=url, icon_name="link", priority=90)]
