"""Word-list matching in linear time: Aho-Corasick automata over the normalised text.

Terms are literal words or phrases, never regular expressions, so no entry an
editor types can make matching slow. Each term is indexed in two forms (runs of
a letter cut to two, and to one) and each comment is searched as written and
with spelled-out letters joined ("f u c k") and with punctuation inside words
removed ("c-u-n-t"), so the cost is at most six passes of a C automaton over a
few kilobytes, whatever the size of the lists.
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick

from masthead.discussion.moderation.normalise import (
    ANY_RUNS,
    LONG_RUNS,
    fold,
    folded_tokens,
    join_spelled_out,
    term_forms,
    without_inner_punctuation,
)

# A squeezed form shorter than this ("as" from "ass") would match ordinary words.
MIN_SQUEEZED_WHOLE_WORD = 3
MIN_SQUEEZED_INSIDE_WORD = 4


@dataclass(frozen=True)
class Term:
    """A word-list entry as the matcher needs it."""

    term: str
    kind: str  # "banned" or "suspect"
    whole_word: bool = True
    rule: str = ""


class WordMatcher:
    """Find the word-list terms present in a text, however disguised."""

    def __init__(self, terms: Iterable[Term]) -> None:
        shortened: dict[str, list[Term]] = defaultdict(list)
        squeezed: dict[str, list[Term]] = defaultdict(list)
        for term in terms:
            short, squeeze = term_forms(term.term)
            if not short:
                continue  # nothing matchable: symbols or digits only
            shortened[self._key(short, term.whole_word)].append(term)
            minimum = MIN_SQUEEZED_WHOLE_WORD if term.whole_word else MIN_SQUEEZED_INSIDE_WORD
            if len(squeeze.replace(" ", "")) >= minimum:
                squeezed[self._key(squeeze, term.whole_word)].append(term)
        self.size = sum(map(len, shortened.values()))
        self._shortened = self._automaton(shortened)
        self._squeezed = self._automaton(squeezed)

    @staticmethod
    def _key(form: str, whole_word: bool) -> str:
        # Haystacks put one space around every word, so a padded key matches whole words.
        return f" {form} " if whole_word else form

    @staticmethod
    def _automaton(keys: dict[str, list[Term]]) -> ahocorasick.Automaton | None:
        if not keys:
            return None
        automaton = ahocorasick.Automaton()
        for key, terms in keys.items():
            automaton.add_word(key, tuple(terms))
        automaton.make_automaton()
        return automaton

    def find(self, text: str) -> list[Term]:
        """Return the terms found in ``text``, each once, in order of discovery."""
        return self.find_folded(fold(text))

    def find_folded(self, folded: str) -> list[Term]:
        """Return the terms found in text already passed through :func:`fold`."""
        words = folded_tokens(folded)
        sequences = [
            words,
            join_spelled_out(words),
            folded_tokens(without_inner_punctuation(folded)),
        ]
        found: dict[Term, None] = {}
        for index, sequence in enumerate(sequences):
            if index and sequence in sequences[:index]:
                continue  # the same words as an earlier pass
            # One space around every word; runs never cross a space, so they can be
            # cut on the whole haystack at once.
            haystack = " " + " ".join(sequence) + " "
            for automaton, form in ((self._shortened, LONG_RUNS.sub(r"\1\1", haystack)),
                                    (self._squeezed, ANY_RUNS.sub(r"\1", haystack))):  # fmt: skip
                if automaton is None:
                    continue
                for _end, terms in automaton.iter(form):
                    found.update(dict.fromkeys(terms))
        return list(found)


_lock = threading.Lock()
_cached: tuple[tuple[object, ...], WordMatcher] | None = None
_checked_at = 0.0


def current_matcher() -> WordMatcher:
    """Return the matcher of the admin's word lists, rebuilt only when they change.

    A process checks the lists' fingerprint (count and latest change) at most every
    ``MODERATION_WORDLIST_RECHECK_SECONDS``; saving an entry in this process
    invalidates at once (see :func:`invalidate`).
    """
    global _cached, _checked_at
    from masthead.discussion.moderation import conf

    now = time.monotonic()
    cached = _cached
    if cached is not None and now - _checked_at < conf.wordlist_recheck_seconds():
        return cached[1]
    fingerprint = _fingerprint()
    if cached is not None and cached[0] == fingerprint:
        _checked_at = now
        return cached[1]
    with _lock:
        matcher = WordMatcher(_load_terms())
        _cached, _checked_at = (fingerprint, matcher), now
    return matcher


def invalidate() -> None:
    """Forget the cached matcher; the next screening rebuilds it."""
    global _cached
    _cached = None


def _fingerprint() -> tuple[object, ...]:
    from django.db.models import Count, Max

    from masthead.discussion.moderation.models import WordListEntry

    summary = WordListEntry.objects.aggregate(count=Count("id"), latest=Max("updated_at"))
    return (summary["count"], summary["latest"])


def _load_terms() -> list[Term]:
    from masthead.discussion.moderation.models import WordListEntry

    rows = WordListEntry.objects.values_list("term", "kind", "whole_word", "rule")
    return [Term(term, kind, whole_word, rule) for term, kind, whole_word, rule in rows]
