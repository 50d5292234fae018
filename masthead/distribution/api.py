"""The read API: Wagtail API v2 at /api/v2/ with articles, sections, tags, authors, images.

Newsroom's models carry no ``api_fields`` (newsroom knows nothing of the other
apps), so the article fields are declared here, on the endpoints, as serializer
fields reading the same facts as feeds and structured data.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DataError
from django.http import Http404
from rest_framework import serializers, status
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageAliasOfField, PageSerializer
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.api.validators import SiteFilterValidator
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page, Site

from masthead.core.numbers import parse_number
from masthead.core.page_cache import mark_private
from masthead.distribution.publisher import absolute
from masthead.distribution.queries import (
    authors_of,
    corrections_of,
    modified_at,
    shown_images,
    tags_of,
    with_listing_facts,
)
from masthead.distribution.scopes import public_articles
from masthead.distribution.urls_for import feed_path
from masthead.newsroom.models import ArticlePage, Author, SectionPage
from masthead.newsroom.queries import public_pages
from masthead.newsroom.sections import section_of

MAX_OFFSET = 1_000_000
MAX_ID = 2**31 - 1
MAX_SEARCH_WORDS = 20
# Wagtail parses ``fields`` by recursion, one level a bracket, and copies the rest
# of the string at every character: deep nesting is a RecursionError (a 500) and a
# long value costs quadratic time. No real field list comes near either bound.
MAX_FIELDS_DEPTH = 4
MAX_FIELDS_LENGTH = 1000
# Wagtail's images endpoint joins the tag table once for each tag of ``?tags=``:
# SQLite refuses a join of more than 64 tables, PostgreSQL plans ever larger ones.
MAX_TAGS = 10
WORD = re.compile(r"\w+")
SEARCH_OPERATORS = frozenset({"AND", "OR", "NOT", "NEAR"})


class SafePagination(WagtailPagination):
    """Wagtail's limit/offset pagination, refusing offsets no reader needs."""

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> Any:
        offset = request.GET.get("offset", "0")
        if parse_number(offset, MAX_OFFSET) is None and offset.lstrip("-").isdigit():
            raise BadRequestError(f"offset must be a whole number up to {MAX_OFFSET}")
        return super().paginate_queryset(queryset, request, view)


class SafeSearchFilter(SearchFilter):
    """Wagtail's search filter, given words only.

    The database backends hand the query to SQLite FTS5 or PostgreSQL, whose
    own syntax (quotes, operators) would otherwise turn a stray quote into a
    database error. The reader search page (masthead.search) owns query syntax.
    """

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        if "search" not in request.GET:
            return super().filter_queryset(request, queryset, view)
        words = [
            word
            for word in WORD.findall(request.GET["search"])
            if word not in SEARCH_OPERATORS  # FTS5's own; PostgreSQL reads them as words.
        ][:MAX_SEARCH_WORDS]
        if not words:
            return queryset.none()
        query = request._request.GET.copy()
        query["search"] = " ".join(words)
        # DRF reads the Django request's GET; the cleaned copy replaces it for this request.
        request._request.GET = query
        return super().filter_queryset(request, queryset, view)


class NameSearchFilter(SafeSearchFilter):
    """``?search=`` on tags and authors: every word must appear in the name.

    Tags and authors are short names in small tables, so a plain containment
    match answers without depending on the full-text index (the demo's tags
    are not in it), and the same way on SQLite and PostgreSQL.
    """

    def filter_queryset(self, request: Any, queryset: Any, view: Any) -> Any:
        if "search" not in request.GET:
            return queryset
        words = WORD.findall(request.GET["search"])[:MAX_SEARCH_WORDS]
        if not words:
            return queryset.none()
        for word in words:
            queryset = queryset.filter(name__icontains=word)
        return queryset


class NotSharedMixin:
    """Tell every cache not to keep an API answer: no purge names an API address.

    Feeds, sitemaps and ninjs are shared and purged when an article changes; a
    CDN keeping an API answer under its own default lifetime would serve a
    withdrawn article's facts for as long.
    """

    def finalize_response(self, request: Any, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        return mark_private(response)


class HostileInputMixin:
    """Answer malformed or out-of-range input with 400 or 404, never 500."""

    def initial(self, request: Any, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        if any("\x00" in value for _, values in request.GET.lists() for value in values):
            # PostgreSQL refuses NUL in text and SQLite would match nothing: one answer for both.
            raise BadRequestError("query parameters cannot contain NUL characters")
        check_fields(request.GET.get("fields", ""))
        if len(request.GET.get("tags", "").split(",")) > MAX_TAGS:
            raise BadRequestError(f"tags cannot name more than {MAX_TAGS} tags")

    def get_object(self) -> Any:
        pk = str(self.kwargs.get("pk", ""))  # type: ignore[attr-defined]
        if parse_number(pk, MAX_ID) is None:
            raise Http404("not found")
        return super().get_object()  # type: ignore[misc]

    def find_object(self, queryset: Any, request: Any) -> Any:
        found = request.GET.get("id")
        if found is not None and parse_number(found, MAX_ID) is None:
            raise Http404("not found")
        return super().find_object(queryset, request)  # type: ignore[misc]

    def handle_exception(self, exc: Exception) -> Response:
        # Filters hand reader-supplied values to the database: a number too large
        # for its column or a value of the wrong type is the reader's mistake; a
        # model field refuses a malformed value (a date) with a ValidationError.
        if isinstance(exc, OverflowError | ValueError | DataError | ValidationError):
            return Response({"message": "malformed query"}, status=status.HTTP_400_BAD_REQUEST)
        return super().handle_exception(exc)  # type: ignore[misc, no-any-return]


def check_site(request: Any) -> None:
    """Refuse a ``site`` parameter naming a Site other than the one the request is for.

    Wagtail's parameter would let a client of one host list and read another
    Site's pages (a staff site served only inside the office, say).
    """
    if not request.GET.get("site"):
        return
    try:
        named = SiteFilterValidator(site=request.GET["site"], request=request).site_obj
    except ValueError as error:
        raise BadRequestError(str(error)) from error
    if named != Site.find_for_request(request):
        raise BadRequestError("site must name the site this address belongs to")


def check_fields(fields: str) -> None:
    """Refuse a ``fields`` parameter too long or too deeply nested for Wagtail's parser."""
    if len(fields) > MAX_FIELDS_LENGTH:
        raise BadRequestError(f"fields cannot be longer than {MAX_FIELDS_LENGTH} characters")
    depth = 0
    for char in fields:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth > MAX_FIELDS_DEPTH:
            raise BadRequestError(f"fields cannot be nested more than {MAX_FIELDS_DEPTH} deep")


def api_time(moment: dt.datetime) -> str:
    """Return a time as the API writes every time (DRF's form: ISO 8601, UTC as ``Z``)."""
    return str(serializers.DateTimeField().to_representation(moment))


def request_of(field: serializers.Field) -> Any:  # type: ignore[type-arg]
    """Return the request a serializer field renders for."""
    return field.context["request"]


class AuthorsField(serializers.Field):  # type: ignore[type-arg]
    """An article's authors in byline order, with their profile pages."""

    def to_representation(self, article: ArticlePage) -> list[dict[str, Any]]:
        request = request_of(self)
        return [
            {
                "id": author.pk,
                "name": author.name,
                "slug": author.slug,
                "role": author.role,
                "html_url": absolute(request, author.get_absolute_url()),
            }
            for author in authors_of(article)
        ]


class TagsField(serializers.Field):  # type: ignore[type-arg]
    """An article's tags in tag-line order."""

    def to_representation(self, article: ArticlePage) -> list[dict[str, Any]]:
        request = request_of(self)
        return [
            {
                "id": tag.pk,
                "name": tag.name,
                "slug": tag.slug,
                "kind": tag.kind,
                "html_url": absolute(request, tag.get_absolute_url()),
            }
            for tag in tags_of(article)
        ]


class SectionField(serializers.Field):  # type: ignore[type-arg]
    """The section an article belongs to."""

    def to_representation(self, article: ArticlePage) -> dict[str, str] | None:
        request = request_of(self)
        section = section_of(request, article.url_path)
        if section is None:
            return None
        slug = section["url_path"].rstrip("/").rsplit("/", 1)[-1]
        return {
            "title": section["title"],
            "slug": slug,
            "html_url": absolute(request, section["url"]),
        }


class CorrectionsField(serializers.Field):  # type: ignore[type-arg]
    """An article's corrections, oldest first."""

    def to_representation(self, article: ArticlePage) -> list[dict[str, Any]]:
        return [
            {"corrected_at": api_time(c.corrected_at), "text": c.text}
            for c in corrections_of(article)
        ]


class ModifiedField(serializers.Field):  # type: ignore[type-arg]
    """The time of the article's last significant change (update or correction)."""

    def to_representation(self, article: ArticlePage) -> str | None:
        moment = modified_at(article)
        return api_time(moment) if moment else None


class SiteRenditionField(ImageRenditionField):
    """Wagtail's rendition field, its ``full_url`` written on the request's Site root.

    Wagtail writes ``full_url`` on ``WAGTAILADMIN_BASE_URL``, the admin's host,
    not the host of the Site the reader asked (which feeds and JSON-LD use).
    """

    def to_representation(self, image: Any) -> Any:
        rendition = super().to_representation(image)
        if "url" in rendition:  # Not when the source file is missing.
            rendition["full_url"] = absolute(request_of(self), rendition["url"])
        return rendition


class NinjsUrlField(serializers.Field):  # type: ignore[type-arg]
    """The address of the article as ninjs."""

    def to_representation(self, article: ArticlePage) -> str:
        return absolute(request_of(self), f"/api/ninjs/{article.pk}/")


ARTICLE_FIELDS = [
    APIField("headline", serializer=serializers.CharField(source="title", read_only=True)),
    APIField("standfirst"),
    APIField(
        "published_at",
        serializer=serializers.DateTimeField(source="first_published_at", read_only=True),
    ),
    APIField("updated_at", serializer=ModifiedField(source="*", read_only=True)),
    APIField("section", serializer=SectionField(source="*", read_only=True)),
    APIField("authors", serializer=AuthorsField(source="*", read_only=True)),
    APIField("tags", serializer=TagsField(source="*", read_only=True)),
    APIField("lead_image"),
    APIField(
        "lead_image_rendition",
        serializer=SiteRenditionField("fill-1200x675|format-jpeg", source="lead_image"),
    ),
    APIField("lead_image_caption"),
    APIField("lead_image_credit"),
    APIField("body"),
    APIField("corrections", serializer=CorrectionsField(source="*", read_only=True)),
    APIField("ninjs_url", serializer=NinjsUrlField(source="*", read_only=True)),
]
ARTICLE_LISTING_FIELDS = ["headline", "standfirst", "published_at", "section", "authors"]


class ShownAliasOfField(PageAliasOfField):
    """The page an alias copies, named only when the API may show it (as ``parent`` is)."""

    def get_attribute(self, instance: Any) -> Any:
        if instance.alias_of_id is None:
            return None
        if not self.context["base_queryset"].filter(id=instance.alias_of_id).exists():
            return None  # Withdrawn, restricted or on another Site: not ours to name.
        return instance.alias_of


class ShownPageSerializer(PageSerializer):
    """Wagtail's page serializer, naming an alias's original only when it is shown."""

    alias_of = ShownAliasOfField(read_only=True)


def safe_filters(backends: list[Any]) -> list[Any]:
    """Return a view's filter backends with the search filter given words only."""
    return [SafeSearchFilter if backend is SearchFilter else backend for backend in backends]


class MastheadPagesAPIViewSet(NotSharedMixin, HostileInputMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint, knowing the article and section fields."""

    pagination_class = SafePagination
    filter_backends = safe_filters(PagesAPIViewSet.filter_backends)
    base_serializer_class = ShownPageSerializer

    @classmethod
    def get_body_fields(cls, model: Any) -> list[APIField]:
        fields: list[APIField] = super().get_body_fields(model)
        if issubclass(model, ArticlePage):
            fields = fields + ARTICLE_FIELDS
        elif issubclass(model, SectionPage):
            fields = fields + [APIField("intro")]
        return fields

    def get_base_queryset(self) -> Any:
        """Return the live pages the public may see, the same for every client.

        Wagtail's own reading shows a restricted page to whoever passes its
        restriction (any signed-in reader, a group member, a session that typed
        the password); the API is the public read that feeds and sitemaps share.
        """
        check_site(self.request)
        # By id: the search filter refuses expire_at, which Page does not index.
        shown = public_pages(Page.objects.all()).values("pk")
        return super().get_base_queryset().filter(pk__in=shown)

    def get_queryset(self) -> Any:
        self.check_type()
        queryset = super().get_queryset()
        if queryset.model is ArticlePage:
            return with_listing_facts(queryset, bodies=True)
        return queryset

    def check_type(self) -> None:
        """Refuse a ``type`` outside the endpoint's model (articles are articles only).

        Wagtail's pages endpoint swaps its queryset for the model ``type`` names,
        which would serve sections through the articles endpoint.
        """
        if self.model is Page or "type" not in self.request.GET:
            return
        try:
            models = page_models_from_string(self.request.GET["type"])
        except (LookupError, ValueError) as error:
            raise BadRequestError("type doesn't exist") from error
        if not all(issubclass(model, self.model) for model in models):
            raise BadRequestError(f"type must be {self.model._meta.label} on this endpoint")


class ArticlesAPIViewSet(MastheadPagesAPIViewSet):
    """Live public articles, newest first by default."""

    model = ArticlePage
    name = "articles"

    @classmethod
    def get_listing_default_fields(cls, model: Any) -> list[str]:
        return [*super().get_listing_default_fields(model), *ARTICLE_LISTING_FIELDS]

    def get_queryset(self) -> Any:
        queryset = super().get_queryset()
        if "order" not in self.request.GET:
            queryset = queryset.order_by("-first_published_at", "-pk")
        return queryset


class SectionsAPIViewSet(MastheadPagesAPIViewSet):
    """Live public sections, in tree order."""

    model = SectionPage
    name = "sections"

    @classmethod
    def get_listing_default_fields(cls, model: Any) -> list[str]:
        return [*super().get_listing_default_fields(model), "intro"]


class HtmlUrlField(serializers.Field):  # type: ignore[type-arg]
    """The absolute address of an object's page on the site."""

    def to_representation(self, value: Any) -> str:
        return absolute(request_of(self), value.get_absolute_url())


class FeedsField(serializers.Field):  # type: ignore[type-arg]
    """The RSS and Atom feeds of a tag or an author."""

    def __init__(self, kind: str, **kwargs: Any) -> None:
        self.kind = kind
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> dict[str, str]:
        request = request_of(self)
        return {
            fmt: absolute(request, feed_path(self.kind, value.slug, fmt)) for fmt in ("rss", "atom")
        }


class SnippetAPIViewSet(NotSharedMixin, HostileInputMixin, BaseAPIViewSet):
    """A read-only endpoint of a model outside the page tree, ordered by name."""

    pagination_class = SafePagination
    filter_backends = [FieldsFilter, OrderingFilter, NameSearchFilter]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "slug"]

    def get_queryset(self) -> Any:
        return self.model.objects.all().order_by("name", "pk")  # type: ignore[union-attr]


class AuthorsAPIViewSet(SnippetAPIViewSet):
    """Authors and their profile pages."""

    model = Author
    name = "authors"
    body_fields = [
        *BaseAPIViewSet.body_fields,
        "name",
        "slug",
        "role",
        "bio",
        APIField("html_url", serializer=HtmlUrlField(source="*", read_only=True)),
        APIField("feeds", serializer=FeedsField("author", source="*", read_only=True)),
    ]


def tags_endpoint() -> type[SnippetAPIViewSet]:
    """Return the tags endpoint (tagging's model, read through its own app)."""
    from masthead.tagging.models import ArticleTag, Tag

    class TagsAPIViewSet(SnippetAPIViewSet):
        """Typed tags and their pages."""

        model = Tag
        name = "tags"
        body_fields = [
            *BaseAPIViewSet.body_fields,
            "name",
            "slug",
            "kind",
            "description",
            "external_id",
            APIField("html_url", serializer=HtmlUrlField(source="*", read_only=True)),
            APIField("feeds", serializer=FeedsField("tag", source="*", read_only=True)),
        ]
        listing_default_fields = [*SnippetAPIViewSet.listing_default_fields, "kind"]

        def get_queryset(self) -> Any:
            # A tag only drafts carry would name an embargoed story's subject; one
            # only another Site's articles carry has no article on this host.
            articles = public_articles(self.request).values("pk")
            carried = ArticleTag.objects.filter(page_id__in=articles).values("tag_id")
            return Tag.objects.filter(pk__in=carried).order_by("name", "pk")

    return TagsAPIViewSet


class SafeImagesAPIViewSet(NotSharedMixin, HostileInputMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint with the same guards, listing only images readers can see."""

    pagination_class = SafePagination
    filter_backends = safe_filters(ImagesAPIViewSet.filter_backends)

    def get_queryset(self) -> Any:
        return shown_images(super().get_queryset(), Site.find_for_request(self.request))


api_router = WagtailAPIRouter("distribution_api")
# Order matters: a model's detail_url points at the first endpoint serving it.
api_router.register_endpoint("articles", ArticlesAPIViewSet)
api_router.register_endpoint("sections", SectionsAPIViewSet)
api_router.register_endpoint("pages", MastheadPagesAPIViewSet)
api_router.register_endpoint("tags", tags_endpoint())
api_router.register_endpoint("authors", AuthorsAPIViewSet)
api_router.register_endpoint("images", SafeImagesAPIViewSet)
