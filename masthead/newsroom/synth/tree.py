"""Bulk inserts of published article pages straight into Wagtail's page tree.

``add_child`` plus a published revision costs tens of milliseconds a page;
these inserts write what they would leave behind (tree path, depth, url_path,
live flags, the parent's numchild) for thousands of pages in a few statements.
No revisions, search index entries or reference index entries are written.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connections, router, transaction
from django.db.models import F
from django.utils.text import slugify
from wagtail.models import Locale, Page

from masthead.newsroom.models import ArticlePage
from masthead.newsroom.synth.stories import ArticleText

SLUG_LENGTH = 80


def encode_step(step: int) -> str:
    """Return a tree path step: step in Page.alphabet, zero-padded to Page.steplen."""
    alphabet, base = Page.alphabet, len(Page.alphabet)
    limit = base**Page.steplen - 1
    if not 0 < step <= limit:
        raise ValueError(f"a section holds at most {limit:,} pages; step {step} is out of range")
    digits = ""
    while step:
        step, digit = divmod(step, base)
        digits = alphabet[digit] + digits
    return digits.rjust(Page.steplen, alphabet[0])


def decode_step(path: str) -> int:
    """Return the integer value of a path's last step."""
    step = 0
    for char in path[-Page.steplen :]:
        step = step * len(Page.alphabet) + Page.alphabet.index(char)
    return step


@dataclass
class SectionCursor:
    """Where a section's next article goes: its tree step, and the slugs already taken."""

    page_id: int
    path: str
    depth: int
    url_path: str
    next_step: int
    slugs: set[str]

    @classmethod
    def open(cls, section: Page) -> SectionCursor:
        """Return the cursor after a section's last child, so new pages never collide."""
        last = section.get_last_child()
        return cls(
            page_id=section.pk,
            path=section.path,
            depth=section.depth,
            url_path=section.url_path,
            next_step=decode_step(last.path) + 1 if last is not None else 1,
            slugs=set(section.get_children().values_list("slug", flat=True)),
        )

    def claim(self, headline: str) -> tuple[str, str]:
        """Return the (path, slug) of the next child, its slug unique among siblings."""
        base = slugify(headline)[:SLUG_LENGTH].strip("-") or "article"
        slug, suffix = base, 1
        while slug in self.slugs:
            suffix += 1
            slug = f"{base}-{suffix}"
        self.slugs.add(slug)
        path = self.path + encode_step(self.next_step)
        self.next_step += 1
        return path, slug


@dataclass(frozen=True)
class StoredArticle:
    """Where an article was stored."""

    page_id: int
    url_path: str
    text: ArticleText


class ArticleInserter:
    """Insert batches of generated articles as live ArticlePages under their sections."""

    def __init__(self, cursors: dict[str, SectionCursor]) -> None:
        self.cursors = cursors
        self.content_type_id = ContentType.objects.get_for_model(ArticlePage).pk
        self.locale_id = Locale.get_default().pk
        self.using = router.db_for_write(ArticlePage)

    def insert(self, texts: Sequence[ArticleText]) -> list[StoredArticle]:
        """Store one batch in one transaction and return where each article went."""
        pages = [self.page_row(text) for text in texts]
        with transaction.atomic(using=self.using):
            # bulk_create returns primary keys on SQLite (3.35+) and PostgreSQL alike.
            Page.objects.using(self.using).bulk_create(pages)
            self.insert_article_rows(
                ArticlePage(
                    id=page.pk,
                    page_ptr_id=page.pk,
                    standfirst=text.standfirst,
                    body=text.body,
                    lead_image_caption="",
                    lead_image_credit="",
                    needs_review=False,
                )
                for page, text in zip(pages, texts, strict=True)
            )
            for section, count in Counter(text.section for text in texts).items():
                Page.objects.using(self.using).filter(pk=self.cursors[section].page_id).update(
                    numchild=F("numchild") + count
                )
        return [
            StoredArticle(page_id=page.pk, url_path=page.url_path, text=text)
            for page, text in zip(pages, texts, strict=True)
        ]

    def page_row(self, text: ArticleText) -> Page:
        """Return the unsaved base Page row of an article, placed after its section's last child."""
        cursor = self.cursors[text.section]
        path, slug = cursor.claim(text.headline)
        return Page(
            path=path,
            depth=cursor.depth + 1,
            numchild=0,
            translation_key=uuid.uuid4(),
            locale_id=self.locale_id,
            content_type_id=self.content_type_id,
            title=text.headline,
            draft_title=text.headline,
            slug=slug,
            url_path=f"{cursor.url_path}{slug}/",
            live=True,
            has_unpublished_changes=False,
            first_published_at=text.published_at,
            last_published_at=text.published_at,
            seo_title="",
            search_description="",
        )

    def insert_article_rows(self, articles: Iterable[ArticlePage]) -> None:
        """Insert the newsroom_articlepage rows of pages whose base rows exist."""
        rows = list(articles)
        fields = ArticlePage._meta.local_concrete_fields
        size = max(1, connections[self.using].ops.bulk_batch_size(fields, rows))
        # bulk_create refuses multi-table models; _insert is the call Model.save
        # makes for the child table, here with many rows at once.
        for start in range(0, len(rows), size):
            ArticlePage._base_manager.using(self.using)._insert(  # type: ignore[attr-defined]
                rows[start : start + size], fields=fields, using=self.using
            )
