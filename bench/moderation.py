"""Benchmark comment screening with word lists of 10,000 entries.

Run with ``.venv/bin/python bench/moderation.py`` (``--entries``, ``--rounds``).
No database: the matcher is built from 10,000 entries (the shipped lists plus
synthetic words and phrases, whole-word and inside-word, banned and suspect) and
each comment is screened with every default check against a reader history
held in memory (fifty recent comments, so the repeat and flood checks do their
full work). The database reads of a real post are a handful of indexed queries,
counted by ``test_history_costs_few_queries`` rather than timed here.

Comments are the labelled evaluation set plus long ones (about 4,900
characters, near the posting limit). After a warm-up, every screening is timed
and the median, 95th percentile and maximum printed; for reference, the same run
times alt-profanity-check's own ``predict_prob`` on one comment, which the
screening replaces with an equivalent pure-Python evaluation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from moderation_eval import DATA, configure_django, load

TARGET_MEDIAN_MS = 5.0
# Made-up syllables for synthetic word-list terms.
SYLLABLES = [
    *("ka", "lo", "mi", "ter", "ran", "vel", "dos", "pra", "sul"),
    *("eng", "hob", "nix", "qua", "wes", "tor", "bri", "fen", "gal"),
]


def synthetic_terms(count: int, seed: int = 7) -> list[tuple[str, str, bool]]:
    """Return ``count`` (term, kind, whole_word) tuples of made-up words and phrases."""
    rng = random.Random(seed)  # noqa: S311 (reproducible test data, not security)
    terms: set[tuple[str, str, bool]] = set()
    while len(terms) < count:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if rng.random() < 0.15:
            word += " " + "".join(rng.choice(SYLLABLES) for _ in range(2))
        kind = "banned" if rng.random() < 0.4 else "suspect"
        terms.add((word, kind, rng.random() < 0.85))
    return sorted(terms)


def main() -> int:
    """Build the matcher, warm up, time every screening and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=10, help="Passes over the comments.")
    parser.add_argument("--warmup", type=int, default=300)
    args = parser.parse_args()
    configure_django()
    from django.utils import timezone

    from masthead.discussion.moderation.history import NewReader, PastComment
    from masthead.discussion.moderation.matching import Term, WordMatcher
    from masthead.discussion.moderation.screening import Submission, screen
    from masthead.discussion.moderation.wordlists import default_terms

    shipped = default_terms()
    extra = synthetic_terms(max(0, args.entries - len(shipped)))
    started = time.perf_counter()
    matcher = WordMatcher(shipped + [Term(t, k, w, "attacks") for t, k, w in extra])
    build_ms = (time.perf_counter() - started) * 1000

    texts = [text for _, _, text in load(DATA)]
    long_text = " ".join(texts[:60])[:4900]
    texts += [long_text, long_text.upper()[:4900], (long_text + " idiot")[-4900:]]
    now = timezone.now()

    class ActiveReader(NewReader):
        """A reader who has posted fifty comments in the last day."""

        has_posted_before = True

        def recent_comments(self) -> list[PastComment]:
            return [
                PastComment(now - dt.timedelta(minutes=20 * n), texts[n % 200]) for n in range(50)
            ]

    history = ActiveReader()

    def one(text: str) -> float:
        submission = Submission(text=text, author_id=1, author_is_staff=False, article_id=1)
        begin = time.perf_counter()
        screen(submission, matcher=matcher, history=history)
        return (time.perf_counter() - begin) * 1000

    for n in range(args.warmup):
        one(texts[n % len(texts)])
    timings = [one(text) for _ in range(args.rounds) for text in texts]
    timings.sort()
    median = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95)]

    from profanity_check import predict_prob

    sample = texts[0]
    predict_prob([sample])
    begin = time.perf_counter()
    for _ in range(200):
        predict_prob([sample])
    package_ms = (time.perf_counter() - begin) * 1000 / 200

    print(f"word list: {matcher.size} entries, automata built in {build_ms:.0f} ms")
    print(f"comments: {len(texts)} distinct, {len(timings)} screenings after {args.warmup} warm-up")
    print(
        f"screening per comment: median {median:.3f} ms, p95 {p95:.3f} ms, max {timings[-1]:.3f} ms"
    )
    longest = [one(long_text) for _ in range(50)]
    print(f"a 4,900-character comment: median {statistics.median(longest):.3f} ms")
    print(f"reference: profanity_check.predict_prob on one comment: {package_ms:.3f} ms")
    met = median < TARGET_MEDIAN_MS
    print(f"target median < {TARGET_MEDIAN_MS:g} ms: {'met' if met else 'MISSED'}")
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
