"""Tests of ``masthead demo``: the fictional Averly Coast newsroom, loaded once."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Model
from django.test import Client
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from masthead.core.models import SiteIdentity
from masthead.discussion.write_lock import serialised_writes
from masthead.newsroom import actions
from masthead.newsroom.demo import content
from masthead.newsroom.demo.images import draw_portrait, draw_scene
from masthead.newsroom.demo.scenes import DESCRIPTIONS, SCENES
from masthead.newsroom.models import (
    ArticleAuthor,
    ArticleCorrection,
    ArticlePage,
    Author,
    HomePage,
    HomePagePick,
    HomePageRail,
    SectionPage,
)
from masthead.testing.factories import make_article


def demo(*args: str) -> str:
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def blocks_of(article: ArticlePage, kind: str) -> list[Any]:
    """Return the values of an article's body blocks of one kind."""
    return [block.value for block in article.body if block.block_type == kind]


def row_counts() -> dict[str, int]:
    """Return how many rows the demo's tables hold."""
    models: list[type[Model]] = [
        Page,
        Revision,
        get_image_model(),
        Author,
        ArticleAuthor,
        ArticleCorrection,
        HomePagePick,
        HomePageRail,
        SiteIdentity,
    ]
    return {model.__name__: model._default_manager.count() for model in models}


@dataclass(frozen=True)
class LoadedDemo:
    """The demo as the first run left it: what the command printed, and when it started."""

    output: str
    started: dt.datetime


@pytest.fixture(scope="class")
def loaded(django_db_setup: None, django_db_blocker: Any) -> Iterator[LoadedDemo]:
    """Load the demo once for a class of tests, inside a transaction rolled back after them."""
    # Loading takes seconds; each test still runs in its own savepoint inside this transaction.
    # The discussion's write lock first, as every writer takes it (discussion/write_lock.py).
    with django_db_blocker.unblock(), serialised_writes(), transaction.atomic():
        started = timezone.now()
        yield LoadedDemo(output=demo("--if-empty"), started=started)
        transaction.set_rollback(True)


@pytest.mark.django_db
class TestLoadedDemo:
    """The newsroom an empty site gets from ``masthead demo --if-empty``."""

    def test_loads_sections_and_live_articles_over_sixty_days(self, loaded: LoadedDemo) -> None:
        """An empty site gets six sections and 40+ live articles dated across the last 60 days."""
        assert loaded.output.startswith("Demo newsroom loaded")
        assert len(loaded.output.strip().splitlines()) == 1
        assert SectionPage.objects.live().count() >= 5
        articles = list(ArticlePage.objects.live())
        assert len(articles) >= 40
        published = [article.first_published_at for article in articles]
        assert all(moment.utcoffset() == dt.timedelta(0) for moment in published)
        ages = [loaded.started - moment for moment in published]
        assert min(ages) >= dt.timedelta(0)
        assert max(ages) <= dt.timedelta(days=60)
        assert max(ages) - min(ages) >= dt.timedelta(days=55)
        assert len({moment.date() for moment in published}) >= 30

    def test_articles_carry_prose_quotes_images_and_bylines(self, loaded: LoadedDemo) -> None:
        """Every article has a standfirst, paragraphs, a captioned lead image and 1-2 authors."""
        articles = list(ArticlePage.objects.live())
        for article in articles:
            assert article.standfirst
            assert len(blocks_of(article, "paragraph")) >= 4
            assert article.lead_image is not None and article.lead_image.description
            assert article.lead_image_caption and article.lead_image_credit
            assert 1 <= article.article_authors.count() <= 2
        quoted = [article for article in articles if blocks_of(article, "quote")]
        assert len(quoted) * 2 >= len(articles)
        attributions = {quote["attribution"] for a in quoted for quote in blocks_of(a, "quote")}
        assert {"recalled", "said", "wrote on social media"} <= attributions
        assert any(attribution.startswith("told") for attribution in attributions)
        pictured = [article for article in articles if blocks_of(article, "image")]
        assert len(pictured) >= 5
        for article in pictured:
            for picture in blocks_of(article, "image"):
                assert picture["image"].description and picture["caption"] and picture["credit"]

    def test_authors_have_roles_bios_and_portraits(self, loaded: LoadedDemo) -> None:
        """Each demo author has a role, a biography and a generated portrait with alt text."""
        authors = Author.objects.filter(slug__in=[spec.slug for spec in content.AUTHORS])
        assert authors.count() == len(content.AUTHORS)
        for author in authors:
            assert author.role and author.bio
            assert author.photo is not None and author.photo.description

    def test_corrections_and_updates_come_after_publication(self, loaded: LoadedDemo) -> None:
        """At least three articles are corrected and two updated, each after first publication."""
        corrected = ArticlePage.objects.live().filter(corrections__isnull=False).distinct()
        assert corrected.count() >= 3
        for article in corrected:
            for correction in article.corrections.all():
                assert article.first_published_at < correction.corrected_at <= timezone.now()
        updated = [
            article
            for article in ArticlePage.objects.live().filter(last_updated_at__isnull=False)
            if article.last_updated_at > article.first_published_at
        ]
        assert len(updated) >= 2

    def test_front_page_is_arranged_named_and_renders(self, loaded: LoadedDemo) -> None:
        """The front page has the chosen lead, picks and a rail per section, and serves 200."""
        home = HomePage.objects.get()
        assert home.lead_article is not None and home.lead_article.slug == content.FRONT_PAGE.lead
        assert [pick.article.slug for pick in home.picks.all()] == list(content.FRONT_PAGE.picks)
        assert [rail.section.slug for rail in home.rails.all()] == [
            s.slug for s in content.SECTIONS
        ]
        identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
        assert identity.publication_name == content.PUBLICATION_NAME
        assert identity.display_timezone == "UTC"

        response = Client().get("/")
        assert response.status_code == 200
        page = response.content.decode()
        assert content.PUBLICATION_NAME in page
        assert home.lead_article.title in page
        article_response = Client().get(home.lead_article.url)
        assert article_response.status_code == 200
        assert "Corrections" in article_response.content.decode()

    def test_second_run_changes_nothing(self, loaded: LoadedDemo) -> None:
        """Running the command again creates no rows and says so."""
        before = row_counts()

        output = demo()

        assert row_counts() == before
        assert "nothing" in output


@pytest.mark.django_db
def test_if_empty_leaves_an_existing_newsroom_alone() -> None:
    """With --if-empty, a site that already has an article gets no demo content."""
    make_article(title="A story the newsroom wrote itself")

    output = demo("--if-empty")

    assert "not loaded" in output
    assert ArticlePage.objects.count() == 1
    assert not Author.objects.filter(slug__in=[spec.slug for spec in content.AUTHORS]).exists()


@pytest.mark.django_db
def test_failed_load_leaves_nothing_behind(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure part-way through rolls the whole load back."""

    def fail(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the printer is on fire")

    monkeypatch.setattr(actions, "add_correction", fail)

    with pytest.raises(RuntimeError):
        demo()

    assert not ArticlePage.objects.exists()
    assert not SectionPage.objects.exists()
    assert not Author.objects.exists()


def test_story_threads_follow_one_story_over_days() -> None:
    """Threads have three to five articles, in order, at least a day apart."""
    threads: dict[str, list[float]] = {}
    for spec in content.ARTICLES:
        if spec.thread:
            threads.setdefault(spec.thread, []).append(spec.days_ago)
    assert len(threads) >= 4
    for days_ago in threads.values():
        assert 3 <= len(days_ago) <= 5
        assert days_ago == sorted(days_ago, reverse=True)
        assert all(older - newer >= 1 for older, newer in itertools.pairwise(days_ago))


def test_content_is_consistent() -> None:
    """Slugs are unique and every article names a known section, author and scene."""
    slugs = Counter(spec.slug for spec in content.ARTICLES)
    assert max(slugs.values()) == 1
    sections = {spec.slug for spec in content.SECTIONS}
    authors = {spec.slug for spec in content.AUTHORS}
    for spec in content.ARTICLES:
        assert spec.section in sections
        assert set(spec.authors) <= authors
        assert spec.lead.scene in SCENES
        assert 0 < spec.days_ago < 60
    assert set(DESCRIPTIONS) == set(SCENES)


def test_images_are_the_same_for_the_same_seed() -> None:
    """Drawing is deterministic: one seed, one picture; another seed, another picture."""
    for scene in SCENES:
        assert draw_scene(scene, "seed") == draw_scene(scene, "seed")
        assert draw_scene(scene, "seed") != draw_scene(scene, "other seed")
    assert draw_portrait("a") == draw_portrait("a") != draw_portrait("b")
