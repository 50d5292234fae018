"""Evaluate tag suggestions against the gold tag lists of bench/tagging_data/eval.json.

Run with ``.venv/bin/python bench/tagging_eval.py`` (``--verbose`` lists each
article's misses). No database: the extraction module reads only settings, so
Django is configured with defaults. For each article the top ``--top``
suggestions of ``suggest`` are compared with the gold list on normalised names
(case, accents and punctuation ignored). Figures are pooled over all articles:

- precision: suggestions that name a gold tag / suggestions made (at most 10 each);
- recall: gold tags named by a suggestion, for people, organisations and places
  together (the issue's target) and per kind (topics reported, not targeted);
- kind mismatches: matched names whose suggested kind differs from the gold kind.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "tagging_data" / "eval.json"
NAMED_KINDS = ("person", "organisation", "place")
KINDS = (*NAMED_KINDS, "topic")
TARGET_RECALL = 0.8
TARGET_PRECISION = 0.7


def configure_django() -> None:
    """Configure Django settings minimally: extraction reads settings, not the database."""
    sys.path.insert(0, str(ROOT))
    from django.conf import settings

    if not settings.configured:
        settings.configure()


def load_articles(path: Path) -> list[dict[str, Any]]:
    """Return the evaluation articles."""
    return list(json.loads(path.read_text(encoding="utf-8")))


def ratio(part: int, whole: int) -> float:
    """Return part / whole, 0 when there is nothing to divide."""
    return part / whole if whole else 0.0


def evaluate(articles: list[dict[str, Any]], top: int, verbose: bool) -> dict[str, Any]:
    """Score the top suggestions of every article; return the pooled counts."""
    from masthead.tagging.extraction import ArticleText, suggest
    from masthead.tagging.normalise import normalise_name

    made: Counter[str] = Counter()  # suggestions made, by suggested kind
    correct: Counter[str] = Counter()  # of which named a gold tag, by suggested kind
    gold_total: Counter[str] = Counter()
    gold_found: Counter[str] = Counter()
    mismatches: list[str] = []
    for number, article in enumerate(articles, 1):
        text = ArticleText(article["headline"], article["standfirst"], article["body"])
        suggestions = suggest(text)[:top]
        gold = {normalise_name(tag["name"]): tag for tag in article["gold"]}
        suggested = {normalise_name(c.name): c for c in suggestions}
        for key, candidate in suggested.items():
            made[candidate.kind] += 1
            if key in gold:
                correct[candidate.kind] += 1
                if candidate.kind != gold[key]["kind"]:
                    mismatches.append(
                        f"#{number} {candidate.name}: {candidate.kind}, gold {gold[key]['kind']}"
                    )
        for key, tag in gold.items():
            gold_total[tag["kind"]] += 1
            gold_found[tag["kind"]] += key in suggested
        if verbose:
            missed = [tag["name"] for key, tag in gold.items() if key not in suggested]
            extra = [f"{c.name} ({c.kind})" for key, c in suggested.items() if key not in gold]
            print(f"#{number} {article['headline']}")
            print(f"   missed: {', '.join(missed) or '-'}")
            print(f"   extra:  {', '.join(extra) or '-'}")
    return {
        "made": made,
        "correct": correct,
        "gold_total": gold_total,
        "gold_found": gold_found,
        "mismatches": mismatches,
    }


def report(counts: dict[str, Any], articles: int, top: int) -> dict[str, float]:
    """Print the figures and return them."""
    made, correct = counts["made"], counts["correct"]
    gold_total, gold_found = counts["gold_total"], counts["gold_found"]
    precision = ratio(sum(correct.values()), sum(made.values()))
    named_recall = ratio(
        sum(gold_found[k] for k in NAMED_KINDS), sum(gold_total[k] for k in NAMED_KINDS)
    )
    print(f"{articles} articles, top {top} suggestions each, {sum(made.values())} made")
    print(f"precision@{top}: {precision:.3f} (target >= {TARGET_PRECISION})")
    print(
        f"recall of gold people, organisations and places: {named_recall:.3f} "
        f"(target >= {TARGET_RECALL})"
    )
    print(f"{'kind':14} {'precision':>10} {'made':>5} {'recall':>8} {'gold':>5}")
    for kind in KINDS:
        print(
            f"{kind:14} {ratio(correct[kind], made[kind]):10.3f} {made[kind]:5d} "
            f"{ratio(gold_found[kind], gold_total[kind]):8.3f} {gold_total[kind]:5d}"
        )
    recall_all = ratio(sum(gold_found.values()), sum(gold_total.values()))
    print(f"recall of all gold tags (topics included): {recall_all:.3f}")
    print(f"kind mismatches (name matched, kind differs): {len(counts['mismatches'])}")
    for line in counts["mismatches"]:
        print(f"  {line}")
    return {"precision": precision, "named_recall": named_recall, "recall_all": recall_all}


def main() -> None:
    """Run the evaluation and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    configure_django()
    articles = load_articles(Path(args.data))
    figures = report(evaluate(articles, args.top, args.verbose), len(articles), args.top)
    print(json.dumps({key: round(value, 4) for key, value in figures.items()}))


if __name__ == "__main__":
    main()
