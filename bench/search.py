"""Benchmark reader search latency at 10,000 and 100,000 articles.

SQLite: ``.venv/bin/python bench/search.py`` (one data directory per size,
``--data-dir /tmp/search-bench-sqlite-{size}`` by default). PostgreSQL:
``scripts/with-postgres.sh .venv/bin/python bench/search.py --data-dir
/tmp/search-bench-pg`` (no ``{size}``: one database grows through the sizes).

Each size runs in its own process. It appends synthetic articles
(``masthead synth``) up to that size, indexes the articles the search index
lacks (timed) with Wagtail's own ``add_items``, the call ``masthead
update_index`` makes for each chunk and publishing makes for each article,
then requests ``/search/`` in-process through Django's test client
(middleware, view and template: what a reader waits for, without the
network) for a fixed set of queries, ``--repeats`` times each after a warm-up
pass, and prints p50 and p95 latency with the load average around the
measurement. The last line is p95 at the largest size over p95 at the
smallest: the target is at most 2.

``--lock PATH`` holds an exclusive ``flock`` on PATH while measuring only, so
building the corpus (minutes at 100,000 articles) does not keep other
benchmarks waiting, and no other benchmark measures while this one does.

The queries are drawn with a fixed seed from the synthetic vocabulary: coined
names and three-word headline openings as phrases (from the first articles
of the data directory's ground truth), the sections' common nouns alone and
in pairs, and some of each with a section filter, a date range or newest-first
order. Results pages are never stored by the page cache, so every request
searches.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import io
import json
import os
import random
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
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


def extract_fields_once() -> None:
    """Make Wagtail's database indexers read each search field of an object once, not thrice.

    Their ``title``, ``body`` and ``autocomplete`` properties each walk every
    search field, so an article's StreamField body is turned into text three
    times. Memoising the walk for the object being indexed gives the same
    entries (the same text, from the same code) for a third of the work; at
    100,000 articles on a shared machine that is the difference between a
    benchmark that fits in its slot and one that does not.
    """
    import importlib

    from django.db import connection

    # Each module looks up models that exist only on its own database.
    name = {"sqlite": "sqlite", "postgresql": "postgres"}[connection.vendor]
    module = importlib.import_module(f"modelsearch.backends.database.{name}.{name}")
    wagtail_indexer = module.ObjectIndexer

    class OnceIndexer(wagtail_indexer):  # type: ignore[misc,valid-type]
        def prepare_field(self, obj: Any, field: Any) -> Iterator[Any]:
            if obj is not self.obj:  # A related object: not memoised (ids get reused).
                return super().prepare_field(obj, field)
            prepared = self.__dict__.setdefault("_prepared", {})
            if id(field) not in prepared:
                prepared[id(field)] = list(super().prepare_field(obj, field))
            return iter(prepared[id(field)])

    module.ObjectIndexer = OnceIndexer  # type: ignore[attr-defined]


def index_missing(chunk_size: int = 1000) -> tuple[int, float]:
    """Index the articles that have no search index entry; return how many and the seconds."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    from masthead.newsroom.models import ArticlePage

    extract_fields_once()
    started = time.perf_counter()
    content_type = ContentType.objects.get_for_model(ArticlePage)
    indexed = set(
        IndexEntry.objects.filter(content_type=content_type).values_list("object_id", flat=True)
    )
    articles = ArticlePage.get_indexed_objects().order_by("pk")
    missing = [pk for pk in articles.values_list("pk", flat=True) if str(pk) not in indexed]
    index = get_search_backend().get_index_for_model(ArticlePage)
    for start in range(0, len(missing), chunk_size):
        with transaction.atomic():
            chunk = list(articles.filter(pk__in=missing[start : start + chunk_size]))
            index.add_items(ArticlePage, chunk)
    return len(missing), time.perf_counter() - started


def grow_to(size: int, seed: int) -> tuple[int, float]:
    """Append synthetic articles up to ``size`` and index them; return (indexed, seconds)."""
    from django.core.management import call_command
    from django.db import connection

    existing = article_count()
    if existing > size:
        raise SystemExit(
            f"The database already holds {existing:,} articles; use a fresh --data-dir."
        )
    if existing < size:
        print(f"Appending {size - existing:,} synthetic articles...", file=sys.stderr)
        call_command("synth", articles=size - existing, seed=seed, stdout=io.StringIO())
    indexed, seconds = index_missing()
    if indexed and connection.vendor == "postgresql":
        # What autovacuum would soon do: planner statistics of the new index rows.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return indexed, seconds


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


def measure(
    queries: list[dict[str, str]], repeats: int
) -> tuple[list[float], int, list[tuple[float, str]]]:
    """Return each request's seconds after a warm-up, the results shown, the 3 slowest queries."""
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    urls = ["/search/?" + urlencode(query) for query in queries]
    shown = 0
    for url in urls:  # Warm-up: caches of SQLite/PostgreSQL pages and Django templates.
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        shown += response.content.count(b'class="search-result"')
    per_url: dict[str, list[float]] = {url: [] for url in urls}
    for _ in range(repeats):
        for url in urls:
            started = time.perf_counter()
            client.get(url)
            per_url[url].append(time.perf_counter() - started)
    timings = [seconds for values in per_url.values() for seconds in values]
    medians = sorted(((percentile(values, 0.5), url) for url, values in per_url.items()))
    return timings, shown, medians[-3:][::-1]


@contextlib.contextmanager
def exclusive(lock_path: str | None) -> Iterator[None]:
    """Hold an exclusive flock on ``lock_path`` (if given) for the duration."""
    if lock_path is None:
        yield
        return
    with open(lock_path, "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def percentile(values: list[float], fraction: float) -> float:
    """Return the value at ``fraction`` of the sorted values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def measure_size(size: int, data_dir: Path, args: argparse.Namespace) -> dict:
    """Grow one database to ``size`` articles and return its figures (runs in a child)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_django(data_dir)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    indexed, index_seconds = grow_to(size, args.seed)
    queries = pick_queries(data_dir / "synth" / "threads.jsonl", args.seed, min(args.sizes))
    with exclusive(args.lock):
        load_before = os.getloadavg()[0]
        started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        timings, shown, slowest = measure(queries, args.repeats)
        load_after = os.getloadavg()[0]
    return {
        "vendor": connection.vendor,
        "articles": article_count(),
        "indexed": indexed,
        "index_seconds": index_seconds,
        "started": started,
        "load": [load_before, load_after],
        "queries": len(queries),
        "searches": len(timings),
        "shown": shown,
        "p50": percentile(timings, 0.5),
        "p95": percentile(timings, 0.95),
        "slowest": slowest,
    }


def report(size: int, data_dir: str, repeats: int, figures: dict) -> str:
    """Return the lines printed for one size."""
    index = (
        f"indexed {figures['indexed']:,} in {figures['index_seconds']:.1f} s"
        if figures["indexed"]
        else "index reused"
    )
    slowest = "; ".join(f"{seconds * 1000:.1f} ms {url}" for seconds, url in figures["slowest"])
    return (
        f"{figures['vendor']} {figures['articles']:>7,} articles ({data_dir}): {index}; "
        f"{figures['searches']} searches ({figures['queries']} queries x {repeats}) "
        f"at {figures['started']}, load {figures['load'][0]:.2f} -> {figures['load'][1]:.2f}; "
        f"{figures['shown']} results shown; "
        f"p50 {figures['p50'] * 1000:6.1f} ms, p95 {figures['p95'] * 1000:6.1f} ms\n"
        f"    slowest medians: {slowest}"
    )


def main() -> None:
    """Measure search latency at each size, each in its own process, and print the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--data-dir", default="/tmp/search-bench-sqlite-{size}")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--lock", help="a file to flock exclusively while measuring")
    parser.add_argument("--one-size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    if args.one_size:
        data_dir = Path(args.data_dir.format(size=args.one_size))
        print("FIGURES " + json.dumps(measure_size(args.one_size, data_dir, args)))
        return
    p95s: dict[int, float] = {}
    for size in sizes:
        command = [sys.executable, __file__, "--one-size", str(size), "--sizes", *map(str, sizes)]
        command += ["--data-dir", args.data_dir, "--repeats", str(args.repeats)]
        command += ["--seed", str(args.seed)]
        command += ["--lock", args.lock] if args.lock else []
        output = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True).stdout
        figures = json.loads(output.rsplit("FIGURES ", 1)[1])
        p95s[size] = figures["p95"]
        print(report(size, args.data_dir.format(size=size), args.repeats, figures), flush=True)
    smallest, largest = sizes[0], sizes[-1]
    ratio = p95s[largest] / p95s[smallest]
    verdict = "meets" if ratio <= TARGET_RATIO else "misses"
    print(
        f"p95({largest:,}) / p95({smallest:,}) = {ratio:.2f} "
        f"({verdict} the target of at most {TARGET_RATIO:g})"
    )


if __name__ == "__main__":
    main()
