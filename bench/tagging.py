"""Benchmark tag suggestions against raw spaCy on the same 800-word articles.

Run with ``.venv/bin/python bench/tagging.py``. It builds ``--articles`` texts of
about 800 words from the evaluation articles (bench/tagging_data/eval.json: one
article's headline and standfirst, then the bodies of the following articles
until the body reaches ``--words``), loads the pipeline once, and in the same run
measures articles per second of:

- ``suggest``, one call per article (what the suggestion task does);
- ``suggest_many``, all articles in one batched call (the demo and bulk paths);
- raw ``nlp.pipe`` of the same loaded pipeline over each article's plain text
  (headline, standfirst and body in one text), consuming the docs and nothing more.

Each figure is the median of ``--repeats`` runs, after one warm-up pass.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "tagging_data" / "eval.json"
TARGET_RATIO = 0.5


def configure_django() -> None:
    """Configure Django settings minimally: extraction reads settings, not the database."""
    sys.path.insert(0, str(ROOT))
    from django.conf import settings

    if not settings.configured:
        settings.configure()


def word_count(html_text: str) -> int:
    """Return the number of words of a text once markup is dropped."""
    return len(re.sub(r"<[^>]+>", " ", html_text).split())


def build_articles(count: int, words: int) -> list[Any]:
    """Return `count` articles of about `words` words built from the evaluation set."""
    from masthead.tagging.extraction import ArticleText

    source = json.loads(DATA.read_text(encoding="utf-8"))
    articles = []
    for n in range(count):
        lead = source[n % len(source)]
        bodies: list[str] = []
        step = 0
        while word_count("".join(bodies)) < words:
            bodies.append(source[(n + step) % len(source)]["body"])
            step += 1
        articles.append(ArticleText(lead["headline"], lead["standfirst"], "".join(bodies)))
    return articles


def rate(run: Callable[[], object], items: int, repeats: int) -> float:
    """Return the median items per second of several timed runs."""
    rates = []
    for _ in range(repeats):
        started = time.perf_counter()
        run()
        rates.append(items / (time.perf_counter() - started))
    return statistics.median(rates)


def main() -> None:
    """Measure and print the rates and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=50)
    parser.add_argument("--words", type=int, default=800)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    configure_django()
    from masthead.tagging.extraction import load_pipeline, plain_text, suggest, suggest_many

    started = time.perf_counter()
    nlp = load_pipeline()
    print(
        f"pipeline {nlp.meta['lang']}_{nlp.meta['name']} {nlp.meta['version']} loaded in "
        f"{time.perf_counter() - started:.2f} s"
    )
    articles = build_articles(args.articles, args.words)
    texts = [
        "\n\n".join(plain_text(p) for p in (a.headline, a.standfirst, a.body)) for a in articles
    ]
    mean_words = statistics.mean(len(text.split()) for text in texts)
    print(
        f"{len(articles)} articles, {mean_words:.0f} words on average, "
        f"median of {args.repeats} runs"
    )

    def ours() -> None:
        for article in articles:
            suggest(article)

    def ours_batched() -> None:
        suggest_many(articles)

    def raw() -> None:
        for _ in nlp.pipe(texts):
            pass

    raw()  # Warm-up: first calls allocate and fill caches.
    ours()
    results = {
        "raw nlp.pipe": rate(raw, len(articles), args.repeats),
        "suggest (one call per article)": rate(ours, len(articles), args.repeats),
        "suggest_many (one batch)": rate(ours_batched, len(articles), args.repeats),
    }
    for label, value in results.items():
        print(f"{label:32} {value:8.2f} articles/s  {1000 / value:7.1f} ms/article")
    ratios = {
        f"suggest / raw nlp.pipe, target >= {TARGET_RATIO:.0%}": (
            results["suggest (one call per article)"] / results["raw nlp.pipe"]
        ),
        "suggest_many / raw nlp.pipe": (
            results["suggest_many (one batch)"] / results["raw nlp.pipe"]
        ),
    }
    for label, value in ratios.items():
        print(f"{label}: {value:.2f}")
    print(json.dumps({"results": results, "ratios": ratios}))


if __name__ == "__main__":
    main()
