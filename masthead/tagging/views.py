"""Tag pages: a tag's kind, description, articles and the tags seen with it."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from masthead.core.page_cache import has_reader_state, mark_private, mark_public, purges_reach
from masthead.core.pagination import nearest_page
from masthead.newsroom.queries import public_articles, soonest_expiry
from masthead.tagging import conf
from masthead.tagging.models import ArticleTag, Tag
from masthead.tagging.queries import current_slug

MAX_SLUG_LENGTH = 220


@require_safe
def tag_page(request: HttpRequest, slug: str) -> HttpResponse:
    """Show a tag's articles newest first, or send a merged tag's slug to its survivor."""
    if len(slug) > MAX_SLUG_LENGTH:
        raise Http404("No such tag.")
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        moved = current_slug(slug)
        if moved is None:
            raise Http404("No such tag.")
        return HttpResponsePermanentRedirect(reverse("tagging:tag", kwargs={"slug": moved}))
    # A subquery rather than a join: an article carrying the tag twice is listed once.
    tagged = ArticleTag.objects.filter(tag=tag).values("page_id")
    shown = public_articles(request)
    articles = shown.filter(pk__in=tagged).newest_first().for_listing()
    page = nearest_page(Paginator(articles, conf.page_size()), request.GET.get("page"))
    if not page.paginator.count:
        # Only on drafts, restricted articles or another Site's so far.
        raise Http404("No such tag.")
    context = {
        "tag": tag,
        "articles": page,
        "related_tags": list(Tag.objects.co_occurring_with(tag, among=shown)),
    }
    response = TemplateResponse(request, "tagging/tag_page.html", context)
    # An editor's page carries the Wagtail user bar; an address no purge names is never
    # shared, by us or a CDN that would keep an unmarked page.
    if has_reader_state(request) or not purges_reach(request, page.number):
        mark_private(response)
    else:
        mark_public(response, until=soonest_expiry(page))
    return response
