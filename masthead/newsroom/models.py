"""Page types of the newsroom: home page, sections, articles; authors and corrections."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import unquote

from django.conf import settings
from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.core.validators import MaxValueValidator
from django.db import models, transaction
from django.http import Http404, HttpRequest
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, PageManager, PageViewRestriction
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail.url_routing import RouteResult

from masthead.core.models import stored_value
from masthead.core.page_cache import mark_private, mark_public, purges_reach
from masthead.core.pagination import nearest_page
from masthead.core.shared_lookups import view_restrictions_exist
from masthead.newsroom.blocks import ArticleBodyBlock
from masthead.newsroom.queries import (
    ArticlePageQuerySet,
    has_expired,
    public_pages,
    soonest_expiry,
    unexpired,
)
from masthead.newsroom.signals import author_slug_changed


class CacheablePage(Page):
    """A page that anonymous readers share through the page cache and any CDN."""

    class Meta:
        abstract = True

    def serve(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        response = super().serve(request, *args, **kwargs)
        # Editors' responses carry the Wagtail user bar: never share them.
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            return mark_private(response)
        if not purges_reach(request, self.listing_page_number(response)):
            return mark_private(response)  # An address no purge names is never shared.
        return mark_public(response, until=self.shown_until(response))

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        if not path_components and has_expired(self):
            raise Http404  # Still live until the scheduler runs: gone for readers already.
        return super().route(request, path_components)

    def listing_page_number(self, response: Any) -> int | None:
        """Return the number of the listing page a response shows; None for pages without one."""
        return None

    def shown_until(self, response: Any) -> dt.datetime | None:
        """Return when the first page a response shows expires (this one, or one it lists)."""
        return self.expire_at

    def serve_preview(self, request: HttpRequest, mode_name: str) -> Any:
        return mark_private(super().serve_preview(request, mode_name))

    def get_view_restrictions(self) -> Any:
        """Return the page's view restrictions, skipping two queries when none exist anywhere."""
        if not view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


@register_snippet
class Author(index.Indexed, models.Model):
    """A writer or photographer credited on articles, with a public profile page."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=140, unique=True, allow_unicode=True)
    role = models.CharField(max_length=120, blank=True, help_text="e.g. Transport correspondent")
    bio = RichTextField(features=["bold", "italic", "link"], blank=True)
    photo = models.ForeignKey(
        get_image_model_string(), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.slug:
            self.slug = slugify(self.name, allow_unicode=True)[:140]
        old_slug = stored_value(self, "slug")
        with transaction.atomic():
            super().save(*args, **kwargs)
            if old_slug and old_slug != self.slug:
                author_slug_changed.send(sender=Author, author=self, old_slug=old_slug)

    def get_absolute_url(self) -> str:
        return reverse("newsroom:author", kwargs={"slug": self.slug})


# The most teasers the front page's latest list and one section rail show: a
# typo of a few digits must not render thousands.
MAX_LATEST_COUNT = 50
MAX_RAIL_COUNT = 20


class HomePage(CacheablePage):
    """The front page: a lead story, editor-ordered picks, a rail per section, the latest."""

    lead_article = models.ForeignKey(
        "newsroom.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The main story. Leave empty to lead with the newest article.",
    )
    latest_count = models.PositiveSmallIntegerField(
        default=10,
        validators=[MaxValueValidator(MAX_LATEST_COUNT)],
        help_text=f"How many of the newest articles to list (at most {MAX_LATEST_COUNT}).",
    )

    content_panels = Page.content_panels + [
        PageChooserPanel("lead_article", "newsroom.ArticlePage"),
        InlinePanel("picks", label="Top stories, in order", max_num=12),
        InlinePanel("rails", label="Section rails, in order"),
        FieldPanel("latest_count"),
    ]

    subpage_types = ["newsroom.SectionPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        """Route to a section or article in one query; anything else walks the tree as usual."""
        page_type = {1: SectionPage, 2: ArticlePage}.get(len(path_components))
        if page_type is not None:
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            page = page_type.objects.live().filter(unexpired(), url_path=url_path).first()
            if page is not None:
                return RouteResult(page)
        return super().route(request, path_components)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from masthead.newsroom.front_page import build_front_page

        context = super().get_context(request, *args, **kwargs)
        context["front"] = build_front_page(self)
        return context

    def shown_until(self, response: Any) -> dt.datetime | None:
        front = response.context_data["front"]
        rails = [article for rail in front.rails for article in rail.articles]
        return soonest_expiry([self, front.lead, *front.picks, *rails, *front.latest])


class HomePagePick(Orderable):
    """An article an editor placed among the top stories of the front page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="picks")
    article = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("article", "newsroom.ArticlePage")]


class HomePageRail(Orderable):
    """A section's rail on the front page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="rails")
    section = models.ForeignKey("newsroom.SectionPage", on_delete=models.CASCADE, related_name="+")
    count = models.PositiveSmallIntegerField(
        default=4,
        validators=[MaxValueValidator(MAX_RAIL_COUNT)],
        help_text=f"How many of the section's newest articles to show (at most {MAX_RAIL_COUNT}).",
    )

    panels = [PageChooserPanel("section", "newsroom.SectionPage"), FieldPanel("count")]


# A child slug to try under a section's address: a route taking any slug there
# (tag pages, author profiles, short links) would answer every article in it.
ANY_ARTICLE_SLUG = "any-article"


def shadowed_address(parent: Page, slug: str, holds_pages: bool) -> str | None:
    """Return the address a page with this slug would have that another view answers, if any."""
    parts = parent.get_url_parts()
    if parts is None:
        return None  # Not under any site: no address to take.
    path = f"{unquote(parts[2])}{slug}/"  # Routes match the decoded path.
    for address in (path, f"{path}{ANY_ARTICLE_SLUG}/") if holds_pages else (path,):
        try:
            match = resolve(address)
        except Resolver404:
            continue
        if match.url_name != "wagtail_serve":
            return address
    return None


def shadowed_address_message(address: str) -> str:
    """Return the message refusing a page the address another view answers."""
    return (
        f"The address {address} belongs to another part of the site "
        "(such as tag pages or search): choose another slug."
    )


def page_move_shadowed_address(page: Page, parent: Page) -> str | None:
    """Return the address another view answers that a section or article would take under parent."""
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, (SectionPage, ArticlePage)):
        return None
    return shadowed_address(parent, page.slug, bool(page_class.subpage_types))


class NewsroomPageForm(WagtailAdminPageForm):
    """The page editing form, refusing a slug whose address another view answers."""

    def clean(self) -> dict[str, Any]:
        cleaned_data: dict[str, Any] = super().clean()
        slug = cleaned_data.get("slug")
        parent = self.parent_page or self.instance.get_parent()
        if slug and parent is not None:
            holds_pages = bool(self.instance.subpage_types)
            address = shadowed_address(parent, slug, holds_pages)
            if address is not None:
                self.add_error("slug", shadowed_address_message(address))
        return cleaned_data


class NewsroomCopyForm(CopyForm):  # type: ignore[misc]
    """Wagtail's copy form, refusing a new slug whose address another view answers."""

    def clean(self) -> dict[str, Any]:
        cleaned_data: dict[str, Any] = super().clean()
        slug = cleaned_data.get("new_slug")
        parent = cleaned_data.get("new_parent_page") or self.page.get_parent()
        if slug and parent is not None:
            holds_pages = bool(self.page.specific_class.subpage_types)
            address = shadowed_address(parent, slug, holds_pages)
            if address is not None:
                self.add_error("new_slug", shadowed_address_message(address))
        return cleaned_data


class SectionPage(CacheablePage):
    """A section front: its articles, newest first, paginated."""

    intro = models.TextField(blank=True)

    base_form_class = NewsroomPageForm
    copy_form_class = NewsroomCopyForm
    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]

    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.ArticlePage"]

    def articles(self) -> ArticlePageQuerySet:
        """Return the section's live articles readers may see, newest first."""
        # The section's own restriction, if any, was passed to get here; an article's was not.
        articles = public_pages(ArticlePage.objects.live().child_of(self), within=self)
        return articles.newest_first().for_listing()

    def paginated_articles(self, page_number: str | None) -> PaginatorPage:
        """Return one page of articles; malformed or out-of-range numbers fall back."""
        paginator = Paginator(self.articles(), settings.MASTHEAD_SECTION_PAGE_SIZE)
        return nearest_page(paginator, page_number)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = self.paginated_articles(request.GET.get("page"))
        return context

    def listing_page_number(self, response: Any) -> int | None:
        """Return the number of the page of articles the response shows."""
        return int(response.context_data["articles"].number)

    def shown_until(self, response: Any) -> dt.datetime | None:
        return soonest_expiry([self, *response.context_data["articles"]])


class ArticlePageForm(NewsroomPageForm):
    """The article editing form, with a switch for an editorial update."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django import forms

        super().__init__(*args, **kwargs)
        self.fields["mark_as_update"] = forms.BooleanField(
            required=False,
            label="Mark as an editorial update",
            help_text="Show an 'Updated' time in the dateline. Leave unticked for minor fixes.",
        )

    def save(self, commit: bool = True) -> Any:
        page = super().save(commit=False)
        now = timezone.now()
        marked = self.cleaned_data.get("mark_as_update") and page.first_published_at
        # An update marked for a later go-live time carries that time, not now;
        # still ahead when saved again, it follows the go-live time (or now).
        waiting = page.last_updated_at is not None and page.last_updated_at > now
        if marked or waiting:
            go_live = page.go_live_at
            page.last_updated_at = go_live if go_live is not None and go_live > now else now
        if commit:
            page.save()
        return page


class ArticlePage(CacheablePage):
    """A news article: headline (title), standfirst, body, authors, corrections."""

    standfirst = models.TextField(help_text="The lead: one or two sentences under the headline.")
    lead_image = models.ForeignKey(
        get_image_model_string(), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_caption = models.CharField(max_length=400, blank=True)
    lead_image_credit = models.CharField(max_length=200, blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True)
    last_updated_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Time of the last editorial update, shown in the dateline.",
    )
    needs_review = models.BooleanField(
        default=False,
        help_text="Flagged for an editor (e.g. an imported article without headline).",
    )

    objects = PageManager.from_queryset(ArticlePageQuerySet)()

    base_form_class = ArticlePageForm
    copy_form_class = NewsroomCopyForm
    # A copy is a new story: the original's corrections and update time are about
    # a text the copy never printed (Wagtail drops them from the copied revisions too).
    exclude_fields_in_copy = ["corrections", "last_updated_at"]
    content_panels = Page.content_panels + [
        FieldPanel("standfirst"),
        InlinePanel("article_authors", label="Authors", min_num=0),
        MultiFieldPanel(
            [
                FieldPanel("lead_image"),
                FieldRowPanel([FieldPanel("lead_image_caption"), FieldPanel("lead_image_credit")]),
            ],
            heading="Lead image",
        ),
        FieldPanel("body"),
        InlinePanel("corrections", label="Corrections"),
    ]
    promote_panels = Page.promote_panels + [FieldPanel("needs_review")]
    settings_panels = Page.settings_panels + [FieldPanel("last_updated_at")]
    search_fields = Page.search_fields + [
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("first_published_at"),
        # Reader search leaves out articles past their expiry before the scheduler runs.
        index.FilterField("expire_at"),
    ]

    parent_page_types = ["newsroom.SectionPage"]
    subpage_types: list[str] = []

    @property
    def headline(self) -> str:
        """Return the headline (the page title)."""
        return self.title

    @property
    def published_at(self) -> Any:
        """Return the time shown as first published."""
        return self.first_published_at or self.go_live_at

    def section(self) -> SectionPage | None:
        """Return the section the article belongs to (its parent page)."""
        parent = self.get_parent()
        return parent.specific if parent is not None else None  # type: ignore[return-value]

    def with_content_json(self, content: dict[str, Any]) -> ArticlePage:
        """Return the page as a revision has it, with every published correction carried forward.

        Published corrections are a permanent record: a revision made before one
        (a revert) or without it (deleted in the form) must not take it off the
        article when published, by an editor, a bulk action or the scheduler.
        """
        page: ArticlePage = super().with_content_json(content)
        # Drafts are kept in revisions only, so the table holds what the last
        # publish printed; before any publish it holds the unprinted first draft.
        if self.last_published_at is None:
            return page
        corrections = list(page.corrections.all())  # type: ignore[attr-defined]
        kept = {correction.pk for correction in corrections}
        # A draft corrected before this rule copied the correction without its id.
        copied = {correction.as_noted() for correction in corrections}
        printed = [
            correction
            for correction in ArticleCorrection.objects.filter(page_id=self.pk)
            if correction.pk not in kept and correction.as_noted() not in copied
        ]
        if printed:
            page.corrections = sorted(  # type: ignore[attr-defined]
                [*corrections, *printed], key=lambda correction: correction.corrected_at
            )
        return page

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = [
            link.author
            for link in self.article_authors.select_related("author").all()  # type: ignore[attr-defined]
        ]
        context["corrections"] = list(self.corrections.all())  # type: ignore[attr-defined]
        return context


class ArticleAuthor(Orderable):
    """An author credited on an article, in byline order."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="article_authors")
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="article_links")

    panels = [FieldPanel("author")]


class ArticleCorrection(Orderable):
    """A dated correction note shown at the foot of an article."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="corrections")
    corrected_at = models.DateTimeField(default=timezone.now)
    text = models.TextField(help_text="What was wrong and what is right now.")

    panels = [FieldPanel("corrected_at"), FieldPanel("text")]

    class Meta(Orderable.Meta):
        ordering = ["corrected_at"]

    def __str__(self) -> str:
        return f"Correction of {self.corrected_at:%Y-%m-%d}"

    def as_noted(self) -> tuple[dt.datetime, str]:
        """Return the time and text, the time to the millisecond as a revision keeps it."""
        # Revisions store times in JSON, which Django writes to the millisecond.
        moment = self.corrected_at
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000), self.text
