"""Benchmark related headlines: one publish update and a full rebuild, at 10k to 1M articles.

Run with ``.venv/bin/python bench/related.py`` (``--scales 10000,100000,1000000``,
``--updates 7``). Each scale runs in its own process (so its peak memory is its
own) on a copy of one freshly migrated SQLite database, and measures:

- the full rebuild (``masthead.related.rebuild.rebuild``, the code ``masthead
  related rebuild`` runs): its time, the part of it spent writing synthetic text,
  and the process's peak resident memory (``resource.getrusage``);
- the time of each stage of the rebuild (counting, indexing, ranking; the sort of
  the postings and the build of the (term, time) index fall between the last two)
  and the resident memory at its end, printed to stderr as the run goes, so a long
  run shows where it is;
- one publish update (``masthead.related.actions.update_article``, the body of the
  task publishing enqueues): an article of a running story is created and published
  through Wagtail, then its update is timed; the median of ``--updates`` articles,
  with the number of SQL queries each took. Twice: "early", as soon as the index is
  written and ranking starts (few lists stored yet, so every update recomputes the
  lists of all its best candidates: the most work an update does; the rebuild's
  figures leave this time out), and "final", after the rebuild.

The corpus comes from the synthetic story generator of ``masthead synth``
(``masthead.newsroom.synth.stories``), but at this size Wagtail pages would take
longer to insert than the benchmark itself, so the synthetic articles are fed to
the rebuild as documents and exist only in the index tables (foreign keys are
not enforced in the benchmark's connection). The updated articles are real pages.
The last ``2 * --updates`` articles of the generated timeline are held out of the
rebuild and published as the updates, so each belongs to a story already indexed.
Because synthetic articles have no page rows, the benchmark lets lists show them
by reading their headlines from the index (``serve_synthetic_headlines``): an
update then composes and stores full lists, as it would in a real newsroom.

Scales can be run apart (the largest one takes long) and reported together:
``--save results.jsonl`` appends each scale's figures to a file, and
``--report results.jsonl`` prints the ratios and targets of the figures in it.
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
from collections.abc import Callable, Iterator
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


class StageClock:
    """The rebuild's progress callback: when each stage ends, and the memory then."""

    def __init__(self, articles: int, on_ranking: Callable[[], None] | None) -> None:
        self.articles = articles
        self.on_ranking = on_ranking
        # Time spent in on_ranking, taken out of the rebuild's figures.
        self.paused = self.paused_cpu = 0.0
        self.started = time.perf_counter()
        self.last = self.started
        self.stage = ""
        self.seconds: dict[str, float] = {}
        self.rss_mb: dict[str, int] = {}
        self.next_report = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if stage != self.stage:
            if self.stage:
                # What happens between two stages (sorting, index build) counts as "between".
                self.seconds["between_" + self.stage] = round(now - self.last, 1)
            self.stage, self.next_report = stage, 0.0
            self.last = now
        if done >= total:
            self.seconds[stage] = round(now - self.last, 1)
            self.rss_mb[stage] = peak_rss_mb()
            self.last = now
        if stage == "ranking" and self.on_ranking is not None:
            hook, self.on_ranking = self.on_ranking, None
            cpu = cpu_seconds()
            hook()
            self.paused_cpu += cpu_seconds() - cpu
            pause = time.perf_counter() - now
            self.paused += pause
            self.started += pause
            self.last += pause
            now += pause
        if done / max(total, 1) >= self.next_report:
            self.next_report += 0.1
            print(
                f"[{self.articles:,}] {stage} {done:,}/{total:,} at {now - self.started:.0f} s, "
                f"peak RSS {peak_rss_mb()} MB, load {os.getloadavg()[0]:.1f}",
                file=sys.stderr,
                flush=True,
            )


def peak_rss_mb() -> int:
    """Return this process's peak resident memory so far, in MB (ru_maxrss is in KB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def serve_synthetic_headlines() -> None:
    """Let lists show synthetic articles, whose headlines are only in the index.

    An update composes a list from the live articles' headlines, which synthetic
    articles lack (they have no page rows); without this it would store empty
    lists and do less work than in a newsroom. The replacement reads real pages
    as before and synthetic ones from the index, by primary key, in one more query.
    """
    from masthead.related import actions
    from masthead.related.models import IndexedArticle

    real = actions.eligible_headlines

    def eligible_headlines(article_ids: Any) -> dict[int, str]:
        ids = list(article_ids)
        found = real([pk for pk in ids if pk < SYNTHETIC_IDS])
        synthetic = [pk for pk in ids if pk >= SYNTHETIC_IDS]
        rows = IndexedArticle.objects.filter(pk__in=synthetic).values_list("pk", "headline")
        found.update(rows)
        return found

    actions.eligible_headlines = eligible_headlines  # type: ignore[assignment]


def run_scale(articles: int, updates: int, data_dir: Path) -> dict[str, Any]:
    """Rebuild at one scale, timing updates once the index is written and at the end."""
    setup_django(data_dir)
    from django.db import connection

    from masthead.newsroom.actions import create_section, ensure_home_page
    from masthead.related.rebuild import rebuild

    connection.ensure_connection()
    # Synthetic articles have no page rows: let the index reference them anyway.
    connection.disable_constraint_checking()
    serve_synthetic_headlines()
    section = create_section(ensure_home_page(), "Bench", "bench")
    timer = [0.0]
    source, held = synthetic_documents(articles, 2 * updates, timer)
    early: dict[str, Any] = {}

    def time_early_updates() -> None:
        # The index is complete (terms, postings, window index); few lists are stored
        # yet, so each update recomputes all its best candidates' lists: the most work.
        early.update(time_updates(section, held[:updates], "early"))
        print(f"[{articles:,}] early updates: {json.dumps(early)}", file=sys.stderr, flush=True)

    clock = StageClock(articles, on_ranking=time_early_updates)
    started, cpu = time.perf_counter(), cpu_seconds()
    summary = rebuild(progress=clock, source=source, total=articles)
    rebuild_seconds = time.perf_counter() - started - clock.paused
    rebuild_cpu = cpu_seconds() - cpu - clock.paused_cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    final = time_updates(section, held[updates:], "final")
    return {
        "articles": articles,
        "terms": summary.terms,
        "postings": summary.postings,
        "rebuild_s": round(rebuild_seconds, 1),
        "rebuild_cpu_s": round(rebuild_cpu, 1),
        "rebuild_text_generation_s": round(timer[0], 1),
        **early,
        **final,
        "rebuild_stages_s": clock.seconds,
        "rss_mb_at_stage_end": clock.rss_mb,
        "peak_rss_mb": round(peak / 1024**2),
        "lists": summary.lists,
        "load_average": [round(value, 2) for value in os.getloadavg()],
    }


def time_updates(section: Any, texts: list[Any], label: str) -> dict[str, Any]:
    """Publish each text as an article and time its update; return medians, keys prefixed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from masthead.newsroom.actions import create_article
    from masthead.related.actions import update_article

    seconds: list[float] = []
    cpus: list[float] = []
    queries: list[int] = []
    for text in texts:
        page = create_article(
            section,
            title=text.headline,
            standfirst=text.standfirst,
            body=[(block["type"], block["value"]) for block in text.body],
            slug=f"{label}-{len(seconds)}",
            published_at=text.published_at,
        )
        with CaptureQueriesContext(connection) as captured:
            started, cpu = time.perf_counter(), cpu_seconds()
            update_article(page.pk)
            seconds.append(time.perf_counter() - started)
            cpus.append(cpu_seconds() - cpu)
        queries.append(len(captured))
    return {
        f"update_{label}_ms_median": round(statistics.median(seconds) * 1000, 1),
        f"update_{label}_ms_all": [round(s * 1000, 1) for s in seconds],
        f"update_{label}_cpu_ms_median": round(statistics.median(cpus) * 1000, 1),
        f"update_{label}_queries_median": statistics.median(queries),
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
    parser.add_argument("--save", type=Path, help="append each scale's figures (JSON lines)")
    parser.add_argument("--report", type=Path, help="report the figures saved in a file")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_scale(args.one, args.updates, args.data_dir)))
        return
    if args.report:
        lines = args.report.read_text().splitlines()
        report(sorted((json.loads(line) for line in lines if line.strip()), key=scale_of))
        return
    base = Path(tempfile.mkdtemp(prefix="related-bench-"))
    try:
        template = migrated_template(base)
        results = []
        for scale in (int(value) for value in args.scales.split(",")):
            data_dir = base / str(scale)
            shutil.copytree(template, data_dir)
            command = [sys.executable, __file__, "--one", str(scale)]
            command += ["--updates", str(args.updates), "--data-dir", str(data_dir)]
            # stderr passes through: the child's progress lines show as it runs.
            output = subprocess.run(
                command, check=True, stdout=subprocess.PIPE, text=True, cwd=ROOT
            )
            result = json.loads(output.stdout.strip().splitlines()[-1])
            results.append(result)
            print(json.dumps(result), flush=True)
            if args.save:
                with args.save.open("a", encoding="utf-8") as saved:
                    saved.write(json.dumps(result) + "\n")
            shutil.rmtree(data_dir)
        report(results)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def scale_of(result: dict[str, Any]) -> int:
    """Return the number of articles of a result."""
    return int(result["articles"])


def report(results: list[dict[str, Any]]) -> None:
    """Print the update-time ratios of the largest scale to the smallest, and the memory target."""
    smallest, largest = results[0], results[-1]
    for label in ("early", "final"):
        for unit in ("ms", "cpu_ms"):
            name = f"update_{label}_{unit}_median"
            if name not in smallest or name not in largest:
                continue
            ratio = largest[name] / smallest[name]
            print(
                f"{name}: {largest[name]} at {largest['articles']:,} / {smallest[name]} at "
                f"{smallest['articles']:,} = {ratio:.2f} (target <= {TARGET_UPDATE_RATIO})"
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
