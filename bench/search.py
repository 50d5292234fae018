"""Benchmark reader search latency at 10,000 and 100,000 articles.

SQLite: ``.venv/bin/python bench/search.py`` (one data directory per size,
``--data-dir /tmp/search-bench-sqlite-{size}`` by default). PostgreSQL:
``scripts/with-postgres.sh .venv/bin/python bench/search.py --data-dir
/tmp/search-bench-pg`` (no ``{size}``: one database grows through the sizes).

Each size runs in its own process. It appends synthetic articles
(``masthead synth``) up to that size, rebuilds the search index
(``masthead update_index``, timed) unless it already covers every article,
then requests ``/search/`` in-process through Django's test client
(middleware, view and template: what a reader waits for, without the
network) for a fixed set of queries, ``--repeats`` times each after a warm-up
pass, and prints p50 and p95 latency. The last line is p95 at the largest size
over p95 at the smallest: the target is at most 2.

The queries are drawn with a fixed seed from the synthetic vocabulary: coined
names and three-word headline openings as phrases (from the first articles
of the data directory's ground truth), the sections' common nouns alone and
in pairs, and some of each with a section filter, a date range or newest-first
order. Results pages are never stored by the page cache, so every request
searches.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
TARGET_RATIO = 2.0
CAPITALISED = re.compile(r"\b[A-Z][a-z]{4,}\b")


def setup_django(data_dir: Path) -> None:
    """Point Django at the data directory and load it."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
    os.environ["MASTHEAD_DATA_DIR"] = str(data_dir)
    import django

    django.setup()


def article_count() -> int:
    """Return the number of live articles."""
    from masthead.newsroom.models import ArticlePage

    return ArticlePage.objects.live().count()


def index_is_complete() -> bool:
    """Return whether every live article has a search index entry."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.search.models import IndexEntry

    from masthead.newsroom.models import ArticlePage

    content_type = ContentType.objects.get_for_model(ArticlePage)
    return IndexEntry.objects.filter(content_type=content_type).count() >= article_count()


def grow_to(size: int, seed: int) -> float | None:
    """Append synthetic articles up to ``size``, rebuild the index; return its seconds."""
    from django.core.management import call_command

    existing = article_count()
    if existing > size:
        raise SystemExit(
            f"The database already holds {existing:,} articles; use a fresh --data-dir."
        )
    if existing < size:
        print(f"Appending {size - existing:,} synthetic articles...", flush=True)
        call_command("synth", articles=size - existing, seed=seed, stdout=io.StringIO())
    if index_is_complete():
        return None
    started = time.perf_counter()
    call_command("update_index", stdout=io.StringIO())
    seconds = time.perf_counter() - started
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum would soon do: planner statistics of the new index rows.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return seconds


def pick_queries(labels: Path, seed: int, first_articles: int) -> list[dict[str, str]]:
    """Return the fixed query set: names, phrases and nouns, some with filters or date order."""
    from masthead.newsroom.synth import words

    rng = random.Random(seed)  # noqa: S311 (a reproducible choice of queries, not a secret)
    with labels.open(encoding="utf-8") as lines:
        headlines = [
            json.loads(line)["headline"]
            for _, line in zip(range(first_articles), lines, strict=False)
        ]
    common = {w.capitalize() for nouns in words.NOUNS.values() for w in nouns}
    names = sorted({n for h in headlines for n in CAPITALISED.findall(h) if n not in common})
    phrases = [h.split(" ", 3)[:3] for h in rng.sample(headlines, 10)]
    sections = [slug for _, slug in words.SECTIONS]
    nouns = {slug: list(words.NOUNS[slug]) for slug in sections}
    queries: list[dict[str, str]] = [{"q": name} for name in rng.sample(names, 15)]
    queries += [{"q": '"' + " ".join(p) + '"'} for p in phrases]
    for _ in range(15):
        queries.append({"q": rng.choice(nouns[rng.choice(sections)])})
    for _ in range(10):
        section = rng.choice(sections)
        queries.append({"q": " ".join(rng.sample(nouns[section], 2))})
    for _ in range(4):
        section = rng.choice(sections)
        queries.append({"q": rng.choice(nouns[section]), "section": section})
    for _ in range(3):
        queries.append({"q": rng.choice(nouns[rng.choice(sections)]), "sort": "date"})
    for _ in range(3):
        queries.append(
            {"q": rng.choice(names), "published_from": "2000-01-01", "published_to": "2999-12-31"}
        )
    return queries


def measure(queries: list[dict[str, str]], repeats: int) -> tuple[list[float], int]:
    """Return every request's seconds (after a warm-up pass) and the results shown in total."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    urls = ["/search/?" + urlencode(query) for query in queries]
    shown = 0
    for url in urls:  # Warm-up: caches of SQLite/PostgreSQL pages and Django templates.
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        shown += response.content.count(b'class="search-result"')
    timings = []
    for _ in range(repeats):
        for url in urls:
            started = time.perf_counter()
            client.get(url)
            timings.append(time.perf_counter() - started)
    return timings, shown


def percentile(values: list[float], fraction: float) -> float:
    """Return the value at ``fraction`` of the sorted values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def measure_size(size: int, data_dir: Path, repeats: int, seed: int, first: int) -> dict:
    """Grow one database to ``size`` articles and return its figures (runs in a child)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_django(data_dir)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    index_seconds = grow_to(size, seed)
    queries = pick_queries(data_dir / "synth" / "threads.jsonl", seed, first)
    timings, shown = measure(queries, repeats)
    return {
        "vendor": connection.vendor,
        "index_seconds": index_seconds,
        "queries": len(queries),
        "searches": len(timings),
        "shown": shown,
        "p50": percentile(timings, 0.5),
        "p95": percentile(timings, 0.95),
    }


def main() -> None:
    """Measure search latency at each size, each in its own process, and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--data-dir", default="/tmp/search-bench-sqlite-{size}")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    if args.one_size:
        data_dir = Path(args.data_dir.format(size=args.one_size))
        figures = measure_size(args.one_size, data_dir, args.repeats, args.seed, sizes[0])
        print("FIGURES " + json.dumps(figures))
        return
    p95s: dict[int, float] = {}
    for size in sizes:
        command = [sys.executable, __file__, "--one-size", str(size), "--sizes", *map(str, sizes)]
        command += ["--data-dir", args.data_dir, "--repeats", str(args.repeats)]
        command += ["--seed", str(args.seed)]
        output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
        figures = json.loads(output.rsplit("FIGURES ", 1)[1])
        p95s[size] = figures["p95"]
        index = figures["index_seconds"]
        index_text = f"update_index {index:6.1f} s" if index is not None else "index reused"
        print(
            f"{figures['vendor']} {size:>7,} articles ({args.data_dir.format(size=size)}): "
            f"{index_text}; {figures['searches']} searches ({figures['queries']} queries x "
            f"{args.repeats}), {figures['shown']} results shown; "
            f"p50 {figures['p50'] * 1000:6.1f} ms, p95 {figures['p95'] * 1000:6.1f} ms",
            flush=True,
        )
    smallest, largest = sizes[0], sizes[-1]
    ratio = p95s[largest] / p95s[smallest]
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(
        f"p95({largest:,}) / p95({smallest:,}) = {ratio:.2f} "
        f"({verdict} the target of at most {TARGET_RATIO:g})"
    )


if __name__ == "__main__":
    main()
