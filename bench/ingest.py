"""Benchmark the importers: articles per second for 10,000 text pages and 10,000 HTML pages.

Run with ``.venv/bin/python bench/ingest.py`` (``--pages N`` for a shorter run).
A fresh SQLite database is migrated in a temporary directory, then synthetic
pages (the ``masthead synth`` story generator, written out as text page captures
and as HTML pages with JSON-LD and OpenGraph) are imported by the same code as
``masthead import``, in-process so the figure is the import and not interpreter
start-up. Tasks are deferred: the database task backend only queues them, as in
production. Each page names related headlines of its own story, so links are
resolved (and handed to the related app) as pages arrive.

Printed: overall articles per second, and the median and slowest rate over
batches of 500 (the median survives a noisy machine; the slowest shows whether
a growing database slows imports down). Target: 100 text pages per second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TARGET_TEXT_PER_SECOND = 100.0
BATCH = 500


def configure_django(data_dir: Path) -> None:
    """Point Django at a fresh data directory and migrate it."""
    sys.path.insert(0, str(ROOT))
    os.environ["MASTHEAD_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from masthead.newsroom.actions import ensure_home_page

    ensure_home_page(title="Bench Gazette")


def paragraphs_of(body: list[dict[str, Any]]) -> list[str]:
    """Return the body as plain paragraphs, quotes written the way newspapers print them."""
    texts = []
    for block in body:
        value = block["value"]
        if block["type"] == "quote":
            words = value["text"].rstrip(".")
            texts.append(f'"{words}," {value["attribution"] or "said"} {value["speaker"]}.')
        else:
            texts.append(html.unescape(value.removeprefix("<p>").removesuffix("</p>")))
    return texts


def text_page(article: Any, related: list[str], tags: list[str], glued: bool) -> str:
    """Return an article as a text page capture (half of them with glued tokens)."""
    moment = article.published_at.astimezone(dt.UTC)
    dateline = f"{moment:%H:%M} GMT{'' if glued else ' '}{moment:%d %B %Y}"
    lines = [dateline, "Listen Live", "    Get short URL", f"    {article.headline}", ""]
    for text in [article.standfirst, *paragraphs_of(article.body)]:
        lines += [f"    {text}", ""]
    lines += ["", *(f"    {headline}" for headline in related), "    " + ", ".join(tags)]
    lines.append("    Community standardsDiscussion" if glued else "    Community standards")
    if not glued:
        lines.append("    Discussion")
    return "\n".join(lines) + "\n"


def html_page(article: Any, number: int, tags: list[str]) -> str:
    """Return an article as an HTML page with JSON-LD, OpenGraph and site chrome."""
    url = f"https://bench.example/{article.section}/story-{number}"
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline,
        "description": article.standfirst,
        "datePublished": article.published_at.isoformat(),
        "articleSection": article.section.title(),
        "keywords": tags,
        "url": url,
    }
    paragraphs = "\n".join(f"<p>{html.escape(text)}</p>" for text in paragraphs_of(article.body))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{html.escape(article.headline)} | Bench Gazette</title>
<meta property="og:title" content="{html.escape(article.headline)}">
<meta property="og:url" content="{url}">
<script type="application/ld+json">{json.dumps(ld)}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/news/">News</a> Listen Live</nav></header>
<main><article><h1>{html.escape(article.headline)}</h1>
<p>{html.escape(article.standfirst)}</p>
{paragraphs}
</article></main><footer>Community standards | Discussion</footer></body></html>
"""


def write_pages(directory: Path, count: int, kind: str, seed: int) -> None:
    """Write count synthetic pages of one kind into directory."""
    from masthead.newsroom.synth.stories import generate_articles

    now = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)
    first_thread = 1 if kind == "textpage" else 100_000
    _, articles = generate_articles(count, seed, 365, first_thread, now)
    by_thread: dict[int, list[str]] = {}
    for number, article in enumerate(articles):
        earlier = by_thread.setdefault(article.thread, [])
        tags = sorted({w for w in article.headline.split() if w[:1].isupper()})[:6] or ["news"]
        if kind == "textpage":
            page = text_page(article, earlier[-3:], tags, glued=number % 2 == 0)
            name = f"{number:05d}.txt"
        else:
            page = html_page(article, number, tags)
            name = f"{number:05d}.html"
        (directory / name).write_text(page, encoding="utf-8")
        earlier.append(article.headline)


def import_all(kind: str, directory: Path) -> tuple[float, list[float], dict[str, int]]:
    """Import every page as ``masthead import`` does; return seconds, batch rates and outcomes."""
    from masthead.ingest.runner import collect_inputs, import_inputs

    inputs = collect_inputs(kind, [str(directory)])
    counts: dict[str, int] = {}
    rates: list[float] = []
    start = batch_start = time.perf_counter()
    outcomes = import_inputs(kind, inputs, sys.stdin.buffer)
    for done, (_, outcome) in enumerate(outcomes, start=1):
        counts[outcome.outcome] = counts.get(outcome.outcome, 0) + 1
        if done % BATCH == 0:
            now = time.perf_counter()
            rates.append(BATCH / (now - batch_start))
            batch_start = now
    return time.perf_counter() - start, rates, counts


def profile_batch(kind: str, directory: Path, count: int) -> None:
    """Import the first count pages in one batch under cProfile; print queries, tasks, hot spots."""
    import cProfile
    import pstats

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django_tasks_db.models import DBTaskResult

    from masthead.ingest.runner import collect_inputs, import_inputs

    inputs = collect_inputs(kind, [str(directory)])[:count]
    tasks_before = DBTaskResult.objects.count()
    profiler = cProfile.Profile()
    with CaptureQueriesContext(connection) as queries:
        profiler.enable()
        outcomes = [o for _, o in import_inputs(kind, inputs, sys.stdin.buffer, batch_size=count)]
        profiler.disable()
    created = sum(o.outcome == "created" for o in outcomes) or 1
    tasks = DBTaskResult.objects.count() - tasks_before
    print(
        f"profile {kind}: {len(outcomes)} records, {len(queries)} queries "
        f"({len(queries) / created:.1f} per article), {tasks} task rows "
        f"({tasks / created:.1f} per article)"
    )
    names = DBTaskResult.objects.values_list("task_path", flat=True)
    print("  tasks:", dict(sorted(Counter(names).items())))
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(35)


def parse_rate(kind: str, directory: Path, count: int) -> float:
    """Return pages read and parsed per second (no database) over the first count pages."""
    from masthead.ingest.sources import FORMATS

    parse = FORMATS[kind].parser()
    files = sorted(directory.iterdir())[:count]
    start = time.perf_counter()
    for path in files:
        list(parse(path.read_bytes(), str(path)))
    return len(files) / (time.perf_counter() - start)


def reference_rate(kind: str, directory: Path, count: int) -> float:
    """Return articles per second for newsroom's create_article alone, on the same records.

    This is the floor under any import that goes through the newsroom's action (a
    Wagtail revision, publishing and every app's publish handlers and tasks).
    """
    from masthead.ingest.sources import FORMATS
    from masthead.newsroom.actions import create_article, create_section, ensure_home_page

    parse = FORMATS[kind].parser()
    records = [next(parse(p.read_bytes(), str(p))) for p in sorted(directory.iterdir())[:count]]
    section = create_section(ensure_home_page(), title=f"Reference {kind}", slug=f"ref-{kind}")
    start = time.perf_counter()
    for record in records:
        create_article(
            section,
            title=record.title,  # type: ignore[union-attr]
            standfirst=record.standfirst,  # type: ignore[union-attr]
            body=record.body,  # type: ignore[union-attr]
            published_at=record.published_at,  # type: ignore[union-attr]
        )
    return len(records) / (time.perf_counter() - start)


def report(kind: str, pages: int, seconds: float, rates: list[float], counts: dict) -> float:
    """Print one format's figures; return its overall rate."""
    overall = pages / seconds
    median = statistics.median(rates) if rates else overall
    slowest = min(rates) if rates else overall
    print(
        f"{kind:9} {pages} pages in {seconds:.1f} s: {overall:.1f} articles/s overall, "
        f"median batch {median:.1f}/s, slowest batch {slowest:.1f}/s; outcomes {counts}"
    )
    return overall


def main() -> int:
    """Generate the pages, import them, print the figures; non-zero if under target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10_000, help="Pages of each kind.")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--reference", type=int, default=200, help="Records created directly, for the ratio."
    )
    parser.add_argument(
        "--html-pages", type=int, default=0, help="HTML pages, if not as many as --pages."
    )
    parser.add_argument(
        "--parse-sample", type=int, default=10_000, help="Pages read alone, for that rate."
    )
    parser.add_argument(
        "--profile", type=int, default=0, help="Only profile one batch of this many pages."
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="masthead-bench-ingest-") as temp:
        root = Path(temp)
        configure_django(root / "data")

        overall: dict[str, float] = {}
        for kind in ("textpage", "html"):
            pages = root / kind
            pages.mkdir()
            count = args.pages if kind == "textpage" else args.html_pages or args.pages
            write_pages(pages, count, kind, args.seed)
            if args.profile:
                profile_batch(kind, pages, args.profile)
                continue
            reading = parse_rate(kind, pages, min(args.parse_sample, count))
            seconds, rates, counts = import_all(kind, pages)
            overall[kind] = report(kind, count, seconds, rates, counts)
            floor = reference_rate(kind, pages, min(args.reference, count))
            print(
                f"{kind:9} reading alone {reading:.0f} pages/s; newsroom create_article alone "
                f"{floor:.1f}/s; import at {overall[kind] / floor:.2f}x create_article's rate"
            )
        if args.profile:
            return 0
        from django_tasks_db.models import DBTaskResult

        print(f"deferred tasks queued: {DBTaskResult.objects.count()}")
        print(
            f"target: {TARGET_TEXT_PER_SECOND:.0f} text pages/s; "
            f"measured {overall['textpage']:.1f}/s "
            f"({overall['textpage'] / TARGET_TEXT_PER_SECOND:.2f}x the target)"
        )
        return 0 if overall["textpage"] >= TARGET_TEXT_PER_SECOND else 1


if __name__ == "__main__":
    raise SystemExit(main())
