"""Find what a feed covers from its URL: the site, a section, a tag or an author."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import Http404, HttpRequest
from wagtail.models import Site

from masthead.core.models import SiteIdentity
from masthead.distribution.feeds import FeedScope
from masthead.distribution.publisher import absolute, site_root_url
from masthead.newsroom.models import ArticleAuthor, Author, SectionPage
from masthead.newsroom.queries import public_articles, public_pages

if TYPE_CHECKING:
    from wagtail.query import PageQuerySet

MAX_SLUG_LENGTH = 220
KINDS = ("site", "section", "tag", "author")


def public_sections(request: HttpRequest) -> PageQuerySet:
    """Return the site's live sections readers may see (no view restriction)."""
    sections = SectionPage.objects.live()
    site = Site.find_for_request(request)
    if site is not None:
        sections = sections.descendant_of(site.root_page)
    return public_pages(sections)


def find_scope(request: HttpRequest, kind: str, slug: str = "") -> FeedScope:
    """Return the scope of a feed, or raise Http404 for an unknown kind or slug."""
    if kind not in KINDS or len(slug) > MAX_SLUG_LENGTH:
        raise Http404("No such feed.")
    name = SiteIdentity.for_request(request).publication_name
    articles = public_articles(request)
    if kind == "site":
        return FeedScope(
            "site", "", name, f"{site_root_url(request)}/", f"The latest from {name}", articles
        )
    if kind == "section":
        section = public_sections(request).filter(slug=slug).first()
        if section is None:
            raise Http404("No such section.")
        return FeedScope(
            kind,
            slug,
            f"{name}: {section.title}",
            section.get_full_url(request) or absolute(request, "/"),
            section.intro or f"The latest {section.title} stories from {name}",
            articles.child_of(section),
        )
    if kind == "author":
        author = Author.objects.filter(slug=slug).first()
        if author is None:
            raise Http404("No such author.")
        credited = ArticleAuthor.objects.filter(author=author).values("page_id")
        return FeedScope(
            kind,
            slug,
            f"{name}: {author.name}",
            absolute(request, author.get_absolute_url()),
            author.role or f"Articles by {author.name}",
            articles.filter(pk__in=credited),
        )
    return tag_scope(request, name, slug, articles)


def tag_scope(request: HttpRequest, name: str, slug: str, articles: object) -> FeedScope:
    """Return the scope of a tag's feed."""
    from masthead.tagging.models import ArticleTag, Tag

    # Among this Site's public articles, as the tag's page looks: a tag that only
    # drafts, restricted articles or another Site's carry has no feed here.
    carried = ArticleTag.objects.filter(page_id__in=articles.values("pk"))  # type: ignore[attr-defined]
    tag = Tag.objects.filter(slug=slug, pk__in=carried.values("tag_id")).first()
    if tag is None:
        raise Http404("No such tag.")
    tagged = ArticleTag.objects.filter(tag=tag).values("page_id")
    return FeedScope(
        "tag",
        slug,
        f"{name}: {tag.name}",
        absolute(request, tag.get_absolute_url()),
        tag.description or f"Articles about {tag.name}",
        articles.filter(pk__in=tagged),  # type: ignore[attr-defined]
    )
