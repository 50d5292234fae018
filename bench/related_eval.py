"""Precision at 5 of related headlines on the labelled story threads of ``masthead synth``.

Run with ``.venv/bin/python bench/related_eval.py`` (``--articles 3000``,
``--seed 1``). It makes its own data directory, migrates, writes a synthetic
corpus with ``masthead synth`` (real Wagtail pages, ground truth in
``<DATA_DIR>/synth/threads.jsonl``), builds every list with ``masthead related
rebuild``, and scores the automatic lists against the threads:

- precision@5 over the articles whose thread has at least six articles (so
  five correct neighbours exist): correct lines among the first five, over five;
- precision@k over every article, k = min(5, thread size - 1), for the short threads.

Pass ``--data-dir`` to score an existing synthetic site instead (no setup, no
rebuild unless ``--rebuild``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.9
K = 5


def masthead(data_dir: Path, *args: str) -> str:
    """Run a masthead command on the data directory and return its output."""
    env = {
        **os.environ,
        "MASTHEAD_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "masthead.settings.dev",
    }
    command = [sys.executable, "-m", "django", *args]
    return subprocess.run(
        command, env=env, check=True, capture_output=True, text=True, cwd=ROOT
    ).stdout


def evaluate(data_dir: Path) -> dict[str, float]:
    """Score the stored lists of a synthetic site against its labels."""
    os.environ["MASTHEAD_DATA_DIR"] = str(data_dir)
    os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings.dev"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from masthead.related.models import RelatedEntry

    labels = [
        json.loads(line)
        for line in (data_dir / "synth" / "threads.jsonl").read_text().splitlines()
        if line.strip()
    ]
    thread_of = {label["page_id"]: label["thread"] for label in labels}
    sizes = Counter(thread_of.values())
    lists: dict[int, list[int]] = {}
    rows = RelatedEntry.objects.filter(is_pick=False).order_by("article_id", "position")
    for article_id, target_id in rows.values_list("article_id", "target_id"):
        lists.setdefault(article_id, []).append(target_id)
    at_five, at_k, lengths = [], [], []
    for page_id, thread in thread_of.items():
        shown = lists.get(page_id, [])[:K]
        correct = sum(thread_of.get(target) == thread for target in shown)
        lengths.append(len(shown))
        k = min(K, sizes[thread] - 1)
        at_k.append(min(correct, k) / k)
        if sizes[thread] > K:
            at_five.append(correct / K)
    return {
        "articles": len(thread_of),
        "threads": len(sizes),
        "precision_at_5": round(statistics.mean(at_five), 4),
        "articles_scored_at_5": len(at_five),
        "precision_at_k": round(statistics.mean(at_k), 4),
        "mean_list_length": round(statistics.mean(lengths), 2),
    }


def main() -> None:
    """Set up a synthetic site (unless given one), rebuild, and print the scores."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    own = args.data_dir is None
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="masthead-related-eval-"))
    try:
        if own:
            masthead(data_dir, "migrate", "-v0")
            masthead(data_dir, "synth", "--articles", str(args.articles), "--seed", str(args.seed))
        if own or args.rebuild:
            masthead(data_dir, "related", "rebuild")
        scores = evaluate(data_dir)
        print(json.dumps(scores))
        verdict = "meets" if scores["precision_at_5"] >= TARGET else "misses"
        print(f"precision@5 = {scores['precision_at_5']:.3f} ({verdict} the target {TARGET})")
    finally:
        if own:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
