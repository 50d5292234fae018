"""Run a reader's search on the configured backend and build the highlighted results."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.safestring import SafeString
from wagtail.search.backends import get_search_backend

from masthead.core.pagination import nearest_page
from masthead.newsroom.models import ArticlePage
from masthead.newsroom.queries import listing_image_prefetch
from masthead.search import conf, direct
from masthead.search.filters import Order, SearchFilters, searchable_articles
from masthead.search.highlight import mark, snippet, word_pattern
from masthead.search.query import ReaderQuery


@dataclass(frozen=True)
class Result:
    """One article found, with its highlighted headline and snippet."""

    article: ArticlePage
    headline: SafeString
    snippet: SafeString


@dataclass(frozen=True)
class SearchOutcome:
    """One page of results, and whether the matches were cut at the candidate limit."""

    page: PaginatorPage
    results: list[Result]
    is_capped: bool


class ArticlesById(Sequence[ArticlePage]):
    """Ranked article ids that load their articles one page at a time from ``articles``."""

    def __init__(self, ids: list[int], articles: Any) -> None:
        self.ids = ids
        self.articles = articles

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        wanted = self.ids[index]
        found = {article.pk: article for article in self.articles.filter(id__in=wanted)}
        # An article unpublished (or restricted) since the candidates were read
        # is simply left out: ``articles`` checks again what readers may find.
        return [found[pk] for pk in wanted if pk in found]


def result_articles(filters: SearchFilters, now: dt.datetime) -> Any:
    """Return the queryset results are loaded from: bodies for snippets, images prefetched."""
    return searchable_articles(filters, now).prefetch_related(listing_image_prefetch())


def find_articles(
    query: ReaderQuery, filters: SearchFilters, order: Order, now: dt.datetime
) -> tuple[Sequence[ArticlePage], bool]:
    """Return the ranked matches (a lazy sequence) and whether they were capped."""
    if direct.is_available():
        limit = conf.candidate_limit()
        # One past the limit tells "exactly the limit" from "cut at the limit";
        # candidates come newest first, so the extra one is the oldest, left out.
        candidates = direct.find_candidates(query, filters, now, limit + 1)
        ranked = direct.rank(candidates[:limit], order)
        return ArticlesById(ranked, result_articles(filters, now)), len(candidates) > limit
    articles = result_articles(filters, now)
    if order is Order.DATE:
        articles = articles.order_by("-first_published_at", "-id")
    results = get_search_backend().search(
        query.to_search_query(), articles, order_by_relevance=order is Order.RELEVANCE
    )
    return results, False  # type: ignore[return-value]


def body_text(article: ArticlePage) -> str:
    """Return the article body as plain text, as the search index holds it."""
    field = ArticlePage._meta.get_field("body")
    return " ".join(field.get_searchable_content(article.body))  # type: ignore[attr-defined]


def highlight(articles: Sequence[ArticlePage], query: ReaderQuery) -> list[Result]:
    """Return each article with its headline and best snippet highlighted."""
    pattern = word_pattern(query.words())
    return [
        Result(
            article=article,
            headline=mark(article.title, pattern),
            snippet=snippet([article.standfirst, body_text(article)], pattern),
        )
        for article in articles
    ]


def run_search(
    query: ReaderQuery,
    filters: SearchFilters,
    order: Order,
    page_number: str | None,
    now: dt.datetime | None = None,
) -> SearchOutcome:
    """Search published articles and return one page of highlighted results."""
    matches, is_capped = find_articles(query, filters, order, now or timezone.now())
    page = nearest_page(Paginator(matches, conf.page_size()), page_number)
    return SearchOutcome(page=page, results=highlight(list(page), query), is_capped=is_capped)


def browse(filters: SearchFilters, page_number: str | None) -> SearchOutcome:
    """Return one page of the filtered articles, newest first (a search without words)."""
    articles = searchable_articles(filters).newest_first().for_listing()
    page = nearest_page(Paginator(articles, conf.page_size()), page_number)
    results = [
        Result(
            article=article,
            headline=mark(article.title, None),
            snippet=mark(article.standfirst, None),
        )
        for article in page
    ]
    return SearchOutcome(page=page, results=results, is_capped=False)
