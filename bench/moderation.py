"""Benchmark comment screening with word lists of 10,000 entries.

Run with ``.venv/bin/python bench/moderation.py`` (``--entries``, ``--rounds``).
The matcher is built from 10,000 entries (the shipped lists plus synthetic
words and phrases, whole-word and inside-word, banned and suspect) and each
comment is screened with every default check against a reader history held in
memory (fifty recent comments, so the repeat and flood checks do their full
work).

``--database`` times the screening as posting runs it: the author's history,
trust, sanctions and the article's setting read from a real database (a
throw-away SQLite file in a temporary folder, migrated first; DATABASE_URL is
ignored so that no real database is touched), the author having fifty comments
of the last day.

Comments are the labelled evaluation set plus long ones (about 4,900
characters, near the posting limit). After a warm-up, every screening is timed
and the median, 95th percentile and maximum printed; for reference, the same run
times alt-profanity-check's own ``predict_prob`` on one comment, which the
screening replaces with an equivalent pure-Python evaluation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from moderation_eval import DATA, ROOT, configure_django, load

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


def setup_database() -> Path:
    """Configure Django with a throw-away SQLite database, migrate it; return its folder."""
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "masthead.settings.test"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return Path(settings.DATA_DIR)


def database_screener(texts: list[str], matcher: object) -> Callable[[str], float]:
    """Return a timer of one screening reading an active author's history from the database."""
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from masthead.discussion.models import Comment, CommentStatus
    from masthead.discussion.moderation.screening import Submission, screen
    from masthead.testing.factories import make_article, make_home

    make_home()
    article = make_article()
    author = get_user_model().objects.create_user(username="bench", email="bench@example.org")
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            article_id=article.pk,
            author=author,
            body=texts[n % 200],
            body_html="",
            status=CommentStatus.PUBLISHED,
            created_at=now - dt.timedelta(minutes=20 * n),
        )
        for n in range(50)
    )

    def one(text: str) -> float:
        submission = Submission(
            text=text, author_id=author.pk, author_is_staff=False, article_id=article.pk
        )
        begin = time.perf_counter()
        screen(submission, matcher=matcher)  # type: ignore[arg-type]
        return (time.perf_counter() - begin) * 1000

    return one


def main() -> int:
    """Build the matcher, warm up, time every screening and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=10, help="Passes over the comments.")
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument(
        "--database", action="store_true", help="Read the author's history from a database."
    )
    args = parser.parse_args()
    data_dir = setup_database() if args.database else None
    if data_dir is None:
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

    def in_memory(text: str) -> float:
        submission = Submission(text=text, author_id=1, author_is_staff=False, article_id=1)
        begin = time.perf_counter()
        screen(submission, matcher=matcher, history=history)
        return (time.perf_counter() - begin) * 1000

    one = in_memory if data_dir is None else database_screener(texts, matcher)

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

    where = "in memory" if data_dir is None else "from SQLite (--database)"
    print(f"author history: 50 recent comments, read {where}")
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
    if data_dir is not None:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0 if met else 1


if __name__ == "__main__":
    raise SystemExit(main())
