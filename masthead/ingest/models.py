"""Where each imported record went, and related headlines waiting for their articles."""

from __future__ import annotations

import hashlib

from django.db import models
from django.utils import timezone

SOURCE_KEY_LENGTH = 500  # ImportedArticle.source_key's max_length
DIGEST_MARK = "#sha256:"


def stored_source_key(key: str) -> str:
    """Return the form of a source key the database holds: the key, or a prefix and its digest.

    Keys shorter than the column are stored as they are. Longer ones (and those
    of exactly its length, so that no new row looks like a row cut to 500
    characters before long keys were digested) keep their first 428 characters
    for people to read, then a SHA-256 of the whole key: two keys differing
    anywhere are two rows, and the same key always finds its row again.
    """
    if len(key) < SOURCE_KEY_LENGTH:
        return key
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return key[: SOURCE_KEY_LENGTH - len(DIGEST_MARK) - len(digest)] + DIGEST_MARK + digest


class ImportedArticle(models.Model):
    """An article created by an importer, keyed by its source identifier."""

    source_format = models.CharField(max_length=20)
    # A guid, a URL, or a hash of the record's identifying parts (see docs/ingest.md),
    # as stored_source_key() gives it. Rows written before long keys were digested
    # hold a long key cut to 500 characters (see actions.find_links).
    source_key = models.CharField(max_length=SOURCE_KEY_LENGTH)
    content_hash = models.CharField(max_length=64, help_text="SHA-256 of the imported record.")
    # Kept, without its article, when an editor deletes the article: the key then
    # marks an item the newsroom deleted, which later imports must not recreate.
    article = models.ForeignKey(
        "newsroom.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="import_records",
    )
    imported_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # When the import unpublished the article because its source withdrew the item:
    # the source's next published version may then put it back (see newsroom_hold).
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_format", "source_key"], name="ingest_one_article_per_source_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_format}:{self.source_key}"


class RelatedHeadline(models.Model):
    """A related headline an imported page listed, linked once its article exists."""

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="imported_related"
    )
    position = models.PositiveSmallIntegerField()
    headline = models.CharField(max_length=500)
    normalised = models.CharField(max_length=500, db_index=True)
    target = models.ForeignKey(
        "newsroom.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="ingest_related_position")
        ]

    def __str__(self) -> str:
        return self.headline

    @property
    def is_resolved(self) -> bool:
        """Return whether the headline is linked to an article."""
        return self.target_id is not None
