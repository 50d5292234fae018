"""Evaluate comment screening against the labelled set in bench/moderation_data/eval.tsv.

Run with ``.venv/bin/python bench/moderation_eval.py`` (``--verbose`` lists every
comment whose decision differs from its label). No database: each comment is
screened as a new reader's first comment on an open article, with the default
word lists the app ships (the lists a fresh site starts with) and the settings'
defaults, exactly as ``masthead moderation screen`` does. A "warn" decision
counts as held: it is what happens if the author posts anyway.

Prints the confusion matrix (label by decision), the figures the issue sets
targets for, and a breakdown by category. Exits 1 when a target is missed.

- acceptable comments rejected automatically: at most 2%;
- acceptable comments held: at most 10%;
- reject-labelled comments held or rejected: at least 90%.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "moderation_data" / "eval.tsv"
LABELS = ("acceptable", "hold", "reject")
DECISIONS = ("approve", "hold", "reject")
ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def configure_django() -> None:
    """Configure Django with defaults: screening with explicit lists needs no database."""
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    if not settings.configured:
        settings.configure(USE_TZ=True)
    django.setup()


def load(path: Path) -> list[tuple[str, str, str]]:
    """Return (label, category, text) rows; ``\\uXXXX`` escapes become the characters."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        label, category, text = line.split("\t", 2)
        if label not in LABELS:
            raise SystemExit(f"{path}:{number}: unknown label {label!r}")
        rows.append((label, category, ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)))
    return rows


def ratio(part: int, whole: int) -> float:
    """Return part / whole, 0 when there is nothing to divide."""
    return part / whole if whole else 0.0


def main() -> int:
    """Screen every labelled comment, print the confusion matrix and the targets."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    configure_django()
    from masthead.discussion.moderation.history import NewReader
    from masthead.discussion.moderation.matching import WordMatcher
    from masthead.discussion.moderation.screening import Submission, screen
    from masthead.discussion.moderation.wordlists import default_terms

    rows = load(args.data)
    matcher = WordMatcher(default_terms())
    matrix: Counter[tuple[str, str]] = Counter()
    by_category: Counter[tuple[str, str]] = Counter()
    started = time.perf_counter()
    for label, category, text in rows:
        decision = screen(
            Submission(text=text, author_id=None, author_is_staff=False, article_id=0),
            matcher=matcher,
            history=NewReader(),
        )
        matrix[label, decision.verdict] += 1
        by_category[category, decision.verdict] += 1
        expected = {"acceptable": "approve"}.get(label, label)
        if args.verbose and decision.verdict != expected:
            why = ", ".join(
                f"{r.check}={r.score:g}" for r in decision.results if r.verdict != "approve"
            )
            print(f"  {label:>10} -> {decision.verdict:<7} [{decision.rule or '-'}] {why}: {text}")
    elapsed = time.perf_counter() - started
    print(f"{len(rows)} comments screened in {elapsed:.2f}s (word list: {matcher.size} entries)")
    print()
    print(f"{'label / decision':<18}" + "".join(f"{d:>9}" for d in DECISIONS) + f"{'total':>9}")
    for label in LABELS:
        total = sum(matrix[label, d] for d in DECISIONS)
        cells = "".join(f"{matrix[label, d]:>9}" for d in DECISIONS)
        print(f"{label:<18}{cells}{total:>9}")
    print()
    acceptable = sum(matrix["acceptable", d] for d in DECISIONS)
    rejectable = sum(matrix["reject", d] for d in DECISIONS)
    holdable = sum(matrix["hold", d] for d in DECISIONS)
    figures = [
        ("acceptable rejected", ratio(matrix["acceptable", "reject"], acceptable), "<=", 0.02),
        ("acceptable held", ratio(matrix["acceptable", "hold"], acceptable), "<=", 0.10),
        (
            "reject-labelled held or rejected",
            ratio(matrix["reject", "hold"] + matrix["reject", "reject"], rejectable),
            ">=",
            0.90,
        ),
    ]
    failed = False
    for name, value, sense, target in figures:
        met = value <= target if sense == "<=" else value >= target
        failed |= not met
        print(f"{name:<34}{value:>7.1%}  target {sense} {target:.0%}  {'met' if met else 'MISSED'}")
    stopped = ratio(matrix["hold", "hold"] + matrix["hold", "reject"], holdable)
    print(f"{'hold-labelled held or rejected':<34}{stopped:>7.1%}  (no target)")
    print()
    print("By category (approve / hold / reject):")
    for category in sorted({c for c, _ in by_category}):
        counts = " / ".join(str(by_category[category, d]) for d in DECISIONS)
        print(f"  {category:<12}{counts}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
