"""Benchmark related headlines: one publish update and a full rebuild, at 10k to 1M articles.

Run with ``.venv/bin/python bench/related.py`` (``--scales 10000,100000,1000000``,
``--updates 7``). Each scale runs in its own process (so its peak memory is its
own) on a copy of one freshly migrated SQLite database, and measures:

- the full rebuild (``masthead.related.rebuild.rebuild``, the code ``masthead
  related rebuild`` runs): its time, the part of it spent writing synthetic text,
  and the process's peak resident memory (``resource.getrusage``);
- one publish update (``masthead.related.actions.update_article``, the body of the
  task publishing enqueues): an article of a running story is created and published
  through Wagtail, then its update is timed; the median of ``--updates`` articles,
  with the number of SQL queries each took.

The corpus comes from the synthetic story generator of ``masthead synth``
(``masthead.newsroom.synth.stories``), but at this size Wagtail pages would take
longer to insert than the benchmark itself, so the synthetic articles are fed to
the rebuild as documents and exist only in the index tables (foreign keys are
not enforced in the benchmark's connection). The updated articles are real pages.
The last ``--updates`` articles of the generated timeline are held out of the
rebuild and published as the updates, so each belongs to a story already indexed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SYNTHETIC_IDS = 10_000_000
CHUNK = 2000
TARGET_UPDATE_RATIO = 3.0
TARGET_PEAK_BYTES = 4 * 1024**3


def setup_django(data_dir: Path) -> None:
    """Point Django at the data directory and set it up."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings.dev"
    os.environ["MASTHEAD_DATA_DIR"] = str(data_dir)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def synthetic_documents(articles: int, held_out: int, timer: list[float]) -> Any:
    """Return (chunked documents source, held-out article texts) of one corpus."""
    from django.utils import timezone

    from masthead.newsroom.synth.stories import generate_articles
    from masthead.related.text import Document, body_text

    _, texts = generate_articles(articles + held_out, 1, 365, 0, timezone.now())
    held: list[Any] = []

    def chunks() -> Iterator[list[Document]]:
        batch: list[Document] = []
        started = time.perf_counter()
        for number, text in enumerate(texts):
            if number >= articles:
                held.append(text)
                continue
            batch.append(
                Document(
                    article_id=SYNTHETIC_IDS + number,
                    published_at=text.published_at,
                    headline=text.headline,
                    standfirst=text.standfirst,
                    body=body_text(text.body),
                )
            )
            if len(batch) == CHUNK:
                timer[0] += time.perf_counter() - started
                yield batch
                batch = []
                started = time.perf_counter()
        timer[0] += time.perf_counter() - started
        if batch:
            yield batch

    return chunks, held


def run_scale(articles: int, updates: int, data_dir: Path) -> dict[str, Any]:
    """Rebuild at one scale, then time updates; return the figures."""
    setup_django(data_dir)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from masthead.newsroom.actions import create_article, create_section, ensure_home_page
    from masthead.related.actions import update_article
    from masthead.related.rebuild import rebuild

    connection.ensure_connection()
    # Synthetic articles have no page rows: let the index reference them anyway.
    connection.disable_constraint_checking()
    timer = [0.0]
    source, held = synthetic_documents(articles, updates, timer)
    started, cpu = time.perf_counter(), cpu_seconds()
    summary = rebuild(source=source, total=articles)
    rebuild_seconds, rebuild_cpu = time.perf_counter() - started, cpu_seconds() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    section = create_section(ensure_home_page(), "Bench", "bench")
    seconds, cpus, queries = [], [], []
    for number, text in enumerate(held):
        page = create_article(
            section,
            title=text.headline,
            standfirst=text.standfirst,
            body=[(block["type"], block["value"]) for block in text.body],
            slug=f"update-{number}",
            published_at=text.published_at,
        )
        with CaptureQueriesContext(connection) as captured:
            started, cpu = time.perf_counter(), cpu_seconds()
            update_article(page.pk)
            seconds.append(time.perf_counter() - started)
            cpus.append(cpu_seconds() - cpu)
        queries.append(len(captured))
    return {
        "articles": articles,
        "terms": summary.terms,
        "postings": summary.postings,
        "rebuild_s": round(rebuild_seconds, 1),
        "rebuild_cpu_s": round(rebuild_cpu, 1),
        "rebuild_text_generation_s": round(timer[0], 1),
        "peak_rss_mb": round(peak / 1024**2),
        "update_ms_median": round(statistics.median(seconds) * 1000, 1),
        "update_ms_all": [round(s * 1000, 1) for s in seconds],
        "update_cpu_ms_median": round(statistics.median(cpus) * 1000, 1),
        "update_queries_median": statistics.median(queries),
    }


def cpu_seconds() -> float:
    """Return the CPU time of this process so far (the machine is shared: wall time is noisy)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def migrated_template(base: Path) -> Path:
    """Migrate an empty database once; return its directory."""
    template = base / "template"
    env = {**os.environ, "MASTHEAD_DATA_DIR": str(template)}
    env["DJANGO_SETTINGS_MODULE"] = "masthead.settings.dev"
    subprocess.run(
        [sys.executable, "-m", "django", "migrate", "-v0"], env=env, check=True, cwd=ROOT
    )
    return template


def main() -> None:
    """Run every scale in its own process and print the figures and targets."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10000,100000,1000000")
    parser.add_argument("--updates", type=int, default=7)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_scale(args.one, args.updates, args.data_dir)))
        return
    base = Path(tempfile.mkdtemp(prefix="masthead-bench-related-"))
    try:
        template = migrated_template(base)
        results = []
        for scale in (int(value) for value in args.scales.split(",")):
            data_dir = base / str(scale)
            shutil.copytree(template, data_dir)
            command = [
                sys.executable,
                __file__,
                "--one",
                str(scale),
                "--updates",
                str(args.updates),
            ]
            command += ["--data-dir", str(data_dir)]
            output = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
            result = json.loads(output.stdout.strip().splitlines()[-1])
            results.append(result)
            print(json.dumps(result), flush=True)
            shutil.rmtree(data_dir)
        report(results)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def report(results: list[dict[str, Any]]) -> None:
    """Print the update-time ratio and the memory target."""
    smallest, largest = results[0], results[-1]
    for name in ("update_ms_median", "update_cpu_ms_median"):
        ratio = largest[name] / smallest[name]
        print(
            f"{name}: {largest['articles']:,} / {smallest['articles']:,} = {ratio:.2f} "
            f"(target <= {TARGET_UPDATE_RATIO})"
        )
    for result in results:
        fits = result["peak_rss_mb"] * 1024**2 <= TARGET_PEAK_BYTES
        print(
            f"rebuild at {result['articles']:,}: {result['rebuild_s']} s "
            f"({result['rebuild_cpu_s']} s CPU), "
            f"peak {result['peak_rss_mb']} MB ({'fits' if fits else 'exceeds'} 4 GB)"
        )


if __name__ == "__main__":
    main()
