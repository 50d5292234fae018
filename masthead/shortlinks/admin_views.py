"""Admin views: give any page (a section, say) or a tag's page a short link on request."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from masthead.shortlinks.actions import ensure_short_link, ensure_tag_short_link
from masthead.shortlinks.models import ShortLink
from masthead.shortlinks.permissions import can_link_page, can_link_tags
from masthead.tagging.models import Tag


def access_editable_page(request: HttpRequest, page_id: int) -> Page:
    """Return the page if the editor may edit it, else raise PermissionDenied."""
    page = get_object_or_404(Page, pk=page_id)
    if not can_link_page(request.user, page):
        raise PermissionDenied
    return page


@require_http_methods(["GET", "POST"])
def page_short_link(request: HttpRequest, page_id: int) -> HttpResponse:
    """Show the page's short link, or offer to create one (POST creates it)."""
    page = access_editable_page(request, page_id)
    link = ShortLink.objects.filter(target=page).order_by("created_at", "pk").first()
    if link is None and request.method == "POST":
        link = ensure_short_link(page)
    if link is not None:
        return redirect("wagtailsnippets_shortlinks_shortlink:edit", link.pk)
    return render(request, "shortlinks/admin/create.html", {"page": page})


def access_editable_tag(request: HttpRequest, tag_id: int) -> Tag:
    """Return the tag if the editor may edit tags, else raise PermissionDenied."""
    if not can_link_tags(request.user):
        raise PermissionDenied
    return get_object_or_404(Tag, pk=tag_id)


@require_http_methods(["GET", "POST"])
def tag_short_link(request: HttpRequest, tag_id: int) -> HttpResponse:
    """Show the short link of a tag's page, or offer to create one (POST creates it)."""
    tag = access_editable_tag(request, tag_id)
    link = ShortLink.objects.filter(target_tag=tag).order_by("created_at", "pk").first()
    if link is None and request.method == "POST":
        link = ensure_tag_short_link(tag)
    if link is not None:
        return redirect("wagtailsnippets_shortlinks_shortlink:edit", link.pk)
    return render(request, "shortlinks/admin/create.html", {"tag": tag})
