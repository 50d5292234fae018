"""Load the demo newsroom through the newsroom's actions, once, in one transaction."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import zlib
from dataclasses import dataclass
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Collection, Site

from masthead.core.models import SiteIdentity
from masthead.newsroom import actions
from masthead.newsroom.demo import content
from masthead.newsroom.demo.images import describe_scene, draw_portrait, draw_scene
from masthead.newsroom.demo.spec import ArticleSpec, AuthorSpec, Block, Picture, Quote
from masthead.newsroom.models import ArticlePage, Author, HomePage, SectionPage

COLLECTION_NAME = "Demo newsroom"
DEFAULT_PUBLICATION_NAME = SiteIdentity._meta.get_field("publication_name").default


@dataclass
class DemoSummary:
    """What one run of the loader created."""

    sections: int = 0
    authors: int = 0
    articles: int = 0
    images: int = 0
    corrections: int = 0

    def __str__(self) -> str:
        if not any(vars(self).values()):
            return "nothing (the demo newsroom was already loaded)"
        return (
            f"{self.articles} articles, {self.sections} sections, {self.authors} authors, "
            f"{self.images} images, {self.corrections} corrections"
        )


def has_articles() -> bool:
    """Return whether any article exists, demo or not."""
    return ArticlePage.objects.exists()


@transaction.atomic
def load_demo(now: dt.datetime | None = None) -> DemoSummary:
    """Create whatever part of the demo newsroom is missing, dating articles back from now.

    A second run finds everything by slug or title and creates nothing. Image
    files written before a failure stay on disk: storage is not transactional.
    """
    now = now or timezone.now()
    summary = DemoSummary()
    home = actions.ensure_home_page(title=content.HOME_TITLE)
    sections = {
        spec.slug: load_section(home, spec.slug, spec.title, spec.intro, summary)
        for spec in content.SECTIONS
    }
    loader = DemoLoader(now=now, summary=summary, collection=demo_collection())
    authors = {spec.slug: loader.author(spec) for spec in content.AUTHORS}
    articles = {
        spec.slug: loader.article(spec, sections[spec.section], authors)
        for spec in content.ARTICLES
    }
    if is_unarranged(home):
        arrange_front(home, sections, articles)
    name_publication(home)
    return summary


def load_section(
    home: HomePage, slug: str, title: str, intro: str, summary: DemoSummary
) -> SectionPage:
    """Return the section with this slug, creating it if it is missing."""
    if not SectionPage.objects.child_of(home).filter(slug=slug).exists():
        summary.sections += 1
    return actions.create_section(home, title=title, slug=slug, intro=intro)


def demo_collection() -> Collection:
    """Return the image collection that holds the demo's pictures, creating it if needed."""
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    if existing is not None:
        return existing
    return root.add_child(name=COLLECTION_NAME)


def paragraph(text: str) -> tuple[str, str]:
    """Return a rich text paragraph block holding the escaped text."""
    return ("paragraph", f"<p>{html.escape(text, quote=False)}</p>")


@dataclass
class DemoLoader:
    """Create the demo's authors, images and articles, skipping those that exist."""

    now: dt.datetime
    summary: DemoSummary
    collection: Collection

    def image(self, title: str, description: str, data: bytes) -> AbstractImage:
        """Return the demo image with this title, saving the JPEG as a new image if needed."""
        Image = get_image_model()
        existing = Image.objects.filter(collection=self.collection, title=title).first()
        if existing is not None:
            return existing
        file = ImageFile(ContentFile(data), name=f"{slugify(title)[:80]}.jpg")
        image = Image(title=title, description=description, collection=self.collection, file=file)
        # Set what Wagtail's upload form would, so renditions need not reopen the file.
        image.file_size = len(data)
        image.file_hash = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        image.save()
        self.summary.images += 1
        return image

    def picture(self, picture: Picture, title: str) -> AbstractImage:
        """Return the Wagtail image drawn for a picture."""
        return self.image(title, describe_scene(picture.scene), draw_scene(picture.scene, title))

    def author(self, spec: AuthorSpec) -> Author:
        """Return the author with the spec's slug, creating them with a portrait if missing."""
        existing = Author.objects.filter(slug=spec.slug).first()
        if existing is not None:
            return existing
        photo = self.image(
            f"Portrait of {spec.name}",
            f"Illustrated portrait of {spec.name}.",
            draw_portrait(spec.slug),
        )
        self.summary.authors += 1
        return actions.create_author(
            name=spec.name,
            slug=spec.slug,
            role=spec.role,
            bio=f"<p>{html.escape(spec.bio, quote=False)}</p>",
            photo=photo,
        )

    def block(self, block: Block, title: str) -> tuple[str, Any]:
        """Return the StreamField block for one item of an article's body."""
        if isinstance(block, Quote):
            return (
                "quote",
                {"text": block.text, "speaker": block.speaker, "attribution": block.attribution},
            )
        if isinstance(block, Picture):
            image = self.picture(block, title)
            return ("image", {"image": image, "caption": block.caption, "credit": block.credit})
        return paragraph(block)

    def body(self, spec: ArticleSpec) -> list[tuple[str, Any]]:
        """Return the article's body blocks, drawing each picture with its own title."""
        blocks: list[tuple[str, Any]] = []
        pictures = 0
        for block in spec.body:
            if isinstance(block, Picture):
                pictures += 1
            blocks.append(self.block(block, f"{spec.title} ({pictures})"))
        return blocks

    def article(
        self, spec: ArticleSpec, section: SectionPage, authors: dict[str, Author]
    ) -> ArticlePage:
        """Return the article with the spec's slug in its section, creating it if missing."""
        existing = ArticlePage.objects.child_of(section).filter(slug=spec.slug).first()
        if existing is not None:
            return existing.specific
        published_at = self.publication_time(spec)
        updated_at = None
        if spec.updated_hours is not None:
            updated_at = self.moment(published_at + dt.timedelta(hours=spec.updated_hours))
        article = actions.create_article(
            section,
            title=spec.title,
            slug=spec.slug,
            standfirst=spec.standfirst,
            body=self.body(spec),
            authors=[authors[slug] for slug in spec.authors],
            published_at=published_at,
            updated_at=updated_at,
            lead_image=self.picture(spec.lead, spec.title),
            lead_image_caption=spec.lead.caption,
            lead_image_credit=spec.lead.credit,
        )
        for correction in spec.corrections:
            corrected_at = self.moment(published_at + dt.timedelta(hours=correction.hours_after))
            actions.add_correction(article, correction.text, corrected_at=corrected_at)
            self.summary.corrections += 1
        self.summary.articles += 1
        return article

    def publication_time(self, spec: ArticleSpec) -> dt.datetime:
        """Return a time in newsroom hours (06:00 to 21:00 UTC) on the spec's day before now."""
        day = (self.now - dt.timedelta(days=spec.days_ago)).date()
        # The slug's checksum varies the minutes so that stories do not all land on the hour.
        minutes = 15 * 60 * (spec.days_ago % 1) + zlib.crc32(spec.slug.encode()) % 45
        when = dt.datetime.combine(day, dt.time(6), tzinfo=dt.UTC) + dt.timedelta(minutes=minutes)
        if when >= self.now:
            # Today's stories must not be dated in the future: space them out over the last hours.
            when = self.now - dt.timedelta(hours=6 * spec.days_ago)
        return self.moment(when)

    def moment(self, when: dt.datetime) -> dt.datetime:
        """Return the time to the minute, never later than the run's now."""
        return min(when, self.now).replace(second=0, microsecond=0)


def is_unarranged(home: HomePage) -> bool:
    """Return whether no editor has chosen a lead, picks or rails for the front page yet."""
    live = HomePage.objects.get(pk=home.pk)
    has_picks = live.picks.exists()  # type: ignore[attr-defined]
    has_rails = live.rails.exists()  # type: ignore[attr-defined]
    return live.lead_article_id is None and not has_picks and not has_rails


def arrange_front(
    home: HomePage, sections: dict[str, SectionPage], articles: dict[str, ArticlePage]
) -> None:
    """Lead with the chosen story, then the picks, then a rail per section in menu order."""
    front = content.FRONT_PAGE
    actions.arrange_front_page(
        home,
        lead=articles[front.lead],
        picks=[articles[slug] for slug in front.picks],
        rails=[(sections[spec.slug], front.rail_count) for spec in content.SECTIONS],
    )


def name_publication(home: HomePage) -> None:
    """Give the site the demo's name and tagline, unless someone has already named it."""
    site = home.get_site() or Site.objects.get(is_default_site=True)
    identity = SiteIdentity.for_site(site)
    if identity.publication_name != DEFAULT_PUBLICATION_NAME:
        return
    identity.publication_name, identity.tagline = content.PUBLICATION_NAME, content.TAGLINE
    identity.save(update_fields=["publication_name", "tagline"])
