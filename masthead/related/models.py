"""Editor picks, the inverted index of articles, and the stored related lists."""

from __future__ import annotations

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Orderable


class RelatedPick(Orderable):
    """An article an editor placed among an article's related headlines, in order."""

    # A ParentalKey, so picks live in the article's revisions like its tags do.
    page = ParentalKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="related_picks"
    )
    target = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("target", "newsroom.ArticlePage")]

    class Meta(Orderable.Meta):
        verbose_name = "related headline"

    def __str__(self) -> str:
        return f"{self.page_id} → {self.target_id}"


class Term(models.Model):
    """A word, tag or entity of the index, with the number of articles that contain it.

    Keys carry their kind: ``w:ferry`` (a word), ``tag:12`` (a tag's id),
    ``ent:port drelmouth`` (a name found in the text).
    """

    key = models.CharField(max_length=120, unique=True)
    document_frequency = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key} ({self.document_frequency})"


class IndexedArticle(models.Model):
    """A live article as the index knows it: its time, headline and weighted terms."""

    article = models.OneToOneField(
        "newsroom.ArticlePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="related_index",
    )
    published_at = models.DateTimeField()
    headline = models.CharField(max_length=255)
    # [[term id, key, weight], ...]: the article's query, so recomputing its list
    # (as a neighbour of another article) never reads or parses its text again.
    vector = models.JSONField(default=list)
    # Every term of the article, so removing it lowers each document frequency.
    term_ids = models.JSONField(default=list)

    def __str__(self) -> str:
        return self.headline


class Posting(models.Model):
    """One article under one term, with its weight and time (the inverted index)."""

    # No index of its own: the (term, published_at) index serves lookups by term.
    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="+", db_index=False)
    article = models.ForeignKey(IndexedArticle, on_delete=models.CASCADE, related_name="postings")
    weight = models.FloatField()
    # Copied from the article: each term's postings are read as a window around a
    # moment, which one index on (term, published_at) answers without a join.
    published_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["term", "published_at"], name="related_posting_window")]

    def __str__(self) -> str:
        return f"{self.term_id}:{self.article_id}"


class IndexStats(models.Model):
    """The number of indexed articles (one row), kept so IDF never counts the table."""

    articles = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.articles} indexed articles"


class RelatedEntry(models.Model):
    """One line of an article's stored related list: position, target, score, reasons."""

    article = models.ForeignKey(
        "newsroom.ArticlePage", on_delete=models.CASCADE, related_name="related_entries"
    )
    position = models.PositiveSmallIntegerField()
    # Cascades: deleting an article takes it out of every list in the same statement.
    target = models.ForeignKey("newsroom.ArticlePage", on_delete=models.CASCADE, related_name="+")
    score = models.FloatField(default=0.0)
    is_pick = models.BooleanField(default=False)
    reasons = models.JSONField(default=dict)

    class Meta:
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="related_entry_position")
        ]
        verbose_name_plural = "related entries"

    def __str__(self) -> str:
        return f"{self.article_id} #{self.position} → {self.target_id}"
