"""Views of the newsroom outside the page tree: author profiles."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from masthead.core.page_cache import has_reader_state, mark_private, mark_public, purges_reach
from masthead.core.pagination import nearest_page
from masthead.newsroom.models import ArticleAuthor, Author
from masthead.newsroom.queries import public_articles, soonest_expiry


@require_safe
def author_profile(request: HttpRequest, slug: str) -> HttpResponse:
    """Show an author's profile and their articles, newest first."""
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    # A subquery rather than a join: a byline naming the author twice lists the article once.
    bylined = ArticleAuthor.objects.filter(author=author).values("page_id")
    articles = public_articles(request).filter(pk__in=bylined).newest_first().for_listing()
    paginator = Paginator(articles, settings.MASTHEAD_SECTION_PAGE_SIZE)
    page = nearest_page(paginator, request.GET.get("page"))
    response = TemplateResponse(
        request, "newsroom/author_profile.html", {"author": author, "articles": page}
    )
    # An editor's page carries the Wagtail user bar; an address no purge names is never shared.
    if has_reader_state(request) or not purges_reach(request, page.number):
        mark_private(response)
    else:
        mark_public(response, until=soonest_expiry(page))
    return response
