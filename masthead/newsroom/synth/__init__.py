"""A synthetic corpus of published articles in labelled story threads, for benchmarks.

``masthead synth --articles N`` appends N live ArticlePages, spread over the
sections World, Politics, Business, Science, Culture and Sport (created under
the home page if missing, reused by slug if present), published over the past
``--days`` days. Articles come in story threads of 3 to 12 articles (about N/6
threads) that share coined people, organisations, places and key phrases; the
thread is the ground truth for related headlines, tag suggestion and search.

Ground truth goes to ``<DATA_DIR>/synth/threads.jsonl``, one JSON object per
article and line, appended by every run::

    {"page_id": 812, "url_path": "/home/politics/vaskrin-levy/", "thread": 17,
     "headline": "Vaskrin levy stalls"}

``thread`` is an integer unique across runs: each run numbers its threads after
the largest in the file, and seeds its random source with ``--seed`` and that
first number, so the same seed on a fresh database and file gives the same
corpus and a second run adds new stories instead of repeating them. Keep the
file with the database it describes: delete both or neither.

Pages are written by bulk inserts (see ``tree``): no revisions, and nothing in
Wagtail's search index until ``masthead update_index`` runs. Each run places
pages after its sections' last children as it finds them at the start, so run
one at a time; a failed run keeps its committed batches and their labels.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from masthead.core.page_cache import purge_everything
from masthead.newsroom.actions import create_section, ensure_home_page
from masthead.newsroom.synth import words
from masthead.newsroom.synth.stories import ArticleText, generate_articles
from masthead.newsroom.synth.tree import ArticleInserter, SectionCursor, StoredArticle

DEFAULT_BATCH_SIZE = 2000


@dataclass(frozen=True)
class SynthSummary:
    """What a run created."""

    articles: int
    threads: int
    first_thread: int
    seconds: float
    labels_path: Path


def labels_path() -> Path:
    """Return the ground-truth file of the data directory."""
    return Path(settings.DATA_DIR) / "synth" / "threads.jsonl"


def next_thread_number(path: Path) -> int:
    """Return the thread number after the largest already in the labels file (0 if none)."""
    if not path.exists():
        return 0
    with path.open(encoding="utf-8") as labels:
        numbers = [json.loads(line)["thread"] for line in labels if line.strip()]
    return max(numbers, default=-1) + 1


def append_labels(path: Path, stored: Iterable[StoredArticle]) -> None:
    """Append one ground-truth line per stored article."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as labels:
        labels.writelines(
            json.dumps(
                {
                    "page_id": article.page_id,
                    "url_path": article.url_path,
                    "thread": article.text.thread,
                    "headline": article.text.headline,
                }
            )
            + "\n"
            for article in stored
        )


def open_sections() -> dict[str, SectionCursor]:
    """Return a cursor per synthetic section, creating the home page and sections as needed."""
    home = ensure_home_page()
    return {
        slug: SectionCursor.open(create_section(home, title, slug))
        for title, slug in words.SECTIONS
    }


def batched(articles: Iterator[ArticleText], size: int) -> Iterator[list[ArticleText]]:
    """Yield lists of up to size articles."""
    while batch := list(islice(articles, size)):
        yield batch


def create_synthetic_corpus(
    articles: int,
    *,
    seed: int = 1,
    days: int = 365,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: Callable[[int, int, float], None] | None = None,
    now: dt.datetime | None = None,
) -> SynthSummary:
    """Append articles in labelled story threads; report (done, total, seconds) per batch."""
    if articles < 1 or days < 1 or batch_size < 1:
        raise ValueError("articles, days and batch_size must be positive")
    started = time.monotonic()
    path = labels_path()
    first_thread = next_thread_number(path)
    threads, texts = generate_articles(articles, seed, days, first_thread, now or timezone.now())
    inserter = ArticleInserter(open_sections())
    done = 0
    for batch in batched(texts, batch_size):
        # Labels follow each committed batch, so they never name a page that is not there.
        append_labels(path, inserter.insert(batch))
        done += len(batch)
        if progress is not None:
            progress(done, articles, time.monotonic() - started)
    # Section fronts and the home page now list new articles.
    purge_everything()
    return SynthSummary(articles, threads, first_thread, time.monotonic() - started, path)
