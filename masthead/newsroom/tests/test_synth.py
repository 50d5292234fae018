"""Tests of ``masthead synth``: bulk-inserted articles in labelled story threads."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from wagtail.models import Page

from masthead.newsroom.models import ArticlePage, SectionPage
from masthead.newsroom.synth import words
from masthead.newsroom.synth.tree import decode_step, encode_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def labels_file(settings: Any, tmp_path: Path) -> Path:
    """Point DATA_DIR at a fresh folder and return where the labels will be written."""
    settings.DATA_DIR = tmp_path
    return tmp_path / "synth" / "threads.jsonl"


def synth(*args: str) -> str:
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("synth", *args, stdout=out)
    return out.getvalue()


def read_labels(path: Path) -> list[dict[str, Any]]:
    """Return the ground-truth lines of the labels file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def assert_tree_is_sound() -> None:
    """Fail if treebeard finds any problem in the page tree."""
    assert Page.find_problems() == ([], [], [], [], [])


def test_creates_live_articles_in_a_sound_tree(labels_file: Path) -> None:
    """Fifty live, published articles land under the synthetic sections, tree intact."""
    output = synth("--articles", "50")

    articles = ArticlePage.objects.all()
    assert articles.count() == 50
    assert not articles.filter(live=False).exists()
    assert not articles.filter(first_published_at__isnull=True).exists()
    assert_tree_is_sound()
    sections = SectionPage.objects.filter(slug__in=[slug for _, slug in words.SECTIONS])
    assert sections.count() == len(words.SECTIONS)
    assert sum(section.numchild for section in sections) == 50
    assert "Created 50 articles" in output and "50 / 50 articles" in output


def test_articles_render_and_appear_in_their_section(labels_file: Path) -> None:
    """An article answers 200 at its URL, with its body, and is listed by its section."""
    synth("--articles", "12", "--seed", "3")
    client = Client()
    article = ArticlePage.objects.newest_first().first()
    assert article is not None

    response = client.get(article.url)
    assert response.status_code == 200
    assert article.title in response.text
    assert article.standfirst in response.text
    listing = client.get(article.get_parent().url)
    assert listing.status_code == 200
    assert article.title in listing.text


def test_labels_group_articles_into_threads(labels_file: Path) -> None:
    """The labels file has a line per article, threads of two or more sharing names."""
    synth("--articles", "50")

    labels = read_labels(labels_file)
    assert len(labels) == 50
    pages = {page.pk: page for page in ArticlePage.objects.all()}
    assert {label["page_id"] for label in labels} == set(pages)
    for label in labels:
        assert pages[label["page_id"]].url_path == label["url_path"]
        assert pages[label["page_id"]].title == label["headline"]
    sizes = Counter(label["thread"] for label in labels)
    assert min(sizes.values()) >= 2 and len(sizes) >= 4


def test_threads_share_coined_names_and_others_mostly_do_not(labels_file: Path) -> None:
    """Capitalised coined words recur within a thread far more than across threads."""
    synth("--articles", "60", "--seed", "7")
    texts: dict[int, list[set[str]]] = defaultdict(list)
    pages = {page.pk: page for page in ArticlePage.objects.all()}
    for label in read_labels(labels_file):
        page = pages[label["page_id"]]
        text = f"{page.standfirst} {page.body.raw_data}"
        texts[label["thread"]].append({w for w in text.split() if w.istitle() and len(w) > 4})

    names = {thread: set.union(*sets) for thread, sets in texts.items()}
    for thread, sets in texts.items():
        shared = set.intersection(*sets) if len(sets) > 1 else sets[0]
        others = set.union(*(n for other, n in names.items() if other != thread))
        # Some coined name appears in every article of a thread and in no other thread.
        assert shared - others, f"thread {thread} has no names of its own"


def test_second_run_appends_without_collisions(labels_file: Path) -> None:
    """A second run adds pages after the first, new thread numbers, unique paths and slugs."""
    synth("--articles", "30")
    first_threads = {label["thread"] for label in read_labels(labels_file)}
    synth("--articles", "20")

    assert ArticlePage.objects.count() == 50
    assert_tree_is_sound()
    labels = read_labels(labels_file)
    assert len(labels) == 50
    second_threads = {label["thread"] for label in labels[30:]}
    assert min(second_threads) > max(first_threads)
    assert len({label["url_path"] for label in labels}) == 50
    newest = ArticlePage.objects.get(pk=labels[-1]["page_id"])
    assert Client().get(newest.url).status_code == 200


def test_reuses_existing_sections(labels_file: Path) -> None:
    """A section that already exists with a synthetic slug is filled, not duplicated."""
    from masthead.newsroom.actions import create_article, create_section, ensure_home_page

    world = create_section(ensure_home_page(), "World news", "world")
    create_article(world, title="An existing story", standfirst="Already here.")
    synth("--articles", "40")

    assert SectionPage.objects.filter(slug="world").count() == 1
    assert ArticlePage.objects.count() == 41
    assert_tree_is_sound()


@pytest.mark.parametrize(
    "args",
    [
        ("--articles", "0"),
        ("--articles", "-5"),
        ("--articles", "10", "--days", "0"),
        ("--articles", "10", "--batch-size", "0"),
    ],
)
def test_rejects_numbers_below_one(labels_file: Path, args: tuple[str, ...]) -> None:
    """Zero or negative counts stop with a clear error and create nothing."""
    with pytest.raises(CommandError, match="must be a positive whole number"):
        synth(*args)
    assert not ArticlePage.objects.exists()


def test_requires_the_article_count(labels_file: Path) -> None:
    """--articles is required."""
    with pytest.raises(CommandError, match="--articles"):
        synth()


def test_small_batches_give_the_same_tree(labels_file: Path) -> None:
    """Batches smaller than the corpus still insert every article once, tree intact."""
    synth("--articles", "25", "--batch-size", "7")

    assert ArticlePage.objects.count() == 25
    assert_tree_is_sound()
    assert len(read_labels(labels_file)) == 25


def test_path_steps_round_trip() -> None:
    """Tree steps encode in base 36, four wide, and decode back."""
    assert encode_step(1) == "0001"
    assert encode_step(36) == "0010"
    assert decode_step("000100Z3") == 35 * 36 + 3
    with pytest.raises(ValueError):
        encode_step(36**4)
