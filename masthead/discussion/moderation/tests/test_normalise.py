# ruff: noqa: RUF001  (look-alike letters are the point of these tests)
"""Normalisation and matching: disguised words are found, ordinary words are not."""

from __future__ import annotations

import time

import pytest

from masthead.discussion.moderation.matching import Term, WordMatcher
from masthead.discussion.moderation.normalise import fold, join_spelled_out, tokens

MATCHER = WordMatcher(
    [
        Term("idiot", "suspect"),
        Term("fuck", "banned", whole_word=False),
        Term("ass", "banned"),
        Term("kill yourself", "banned", rule="threats"),
        Term("kill", "suspect"),
    ]
)


def found(text: str) -> set[str]:
    return {term.term for term in MATCHER.find(text)}


@pytest.mark.parametrize(
    "text",
    [
        "You IDIOT",
        "you 1d10t",
        "you ïdíòt",  # accents
        "you i\u200bd\u200ci\u200do\ufefft",  # zero-width space, joiners, BOM
        "you \u202eidiot\u202c",  # right-to-left override
        "you i\u0336d\u0336i\u0336o\u0336t\u0336",  # combining strike-through
        "you \u0456d\u0456\u043et",  # Cyrillic i and o
        "you ｉｄｉｏｔ",  # full width
        "you 𝐢𝐝𝐢𝐨𝐭",  # mathematical bold
        "you i d i o t",  # spelled out
        "you i.d.i.o.t",
        "you iiiidiooooot",  # stretched
        "you ɪᴅɪᴏᴛ",  # small capitals
        "you i\U000e0020d\U000e0041iot\ufe0f",  # tag characters, a variation selector
        "you i\u2063di\u2064ot",  # invisible separator and plus
    ],
)
def test_disguised_word_is_found(text: str) -> None:
    """Every disguise of a listed word is undone before matching."""
    assert "idiot" in found(text)


@pytest.mark.parametrize(
    "text",
    [
        "The idiom is idiotic",  # whole words only by default
        "Class of 455 students passed",  # numbers are not leetspeak
        "I assume the assessment was fair",
        "The skill of the kiln maker",
        "Scunthorpe",
    ],
)
def test_ordinary_text_is_not_matched(text: str) -> None:
    """Whole-word terms do not match inside other words, and numbers stay numbers."""
    assert found(text) == set()


def test_inside_word_terms_and_phrases() -> None:
    """Terms marked "inside" match within words; phrases match across spacing tricks."""
    assert found("absolute fuckwit") == {"fuck"}
    assert found("f\u200bu\u200bc\u200bk") == {"fuck"}
    assert "kill yourself" in found("go K I L L   y0ur$elf")
    assert found("kiiiill") == {"kill"}


def test_fold_removes_invisible_and_look_alike_characters() -> None:
    """Folding gives plain lower-case Latin text."""
    assert fold("Ｃａｆé\u200b\u2066x\u2069") == "cafex"
    assert tokens("h3ll0 w0rld 2024 !!") == ["hello", "world"]
    assert join_spelled_out(["a", "b", "cd", "e", "f"]) == ["ab", "cd", "ef"]


def test_enormous_word_list_matches_fast() -> None:
    """A list of 50,000 entries builds once and still matches in linear time."""
    terms = [Term(f"word{n:05d}x".replace("0", "q"), "suspect") for n in range(50_000)]
    terms.append(Term("idiot", "banned"))
    matcher = WordMatcher(terms)
    text = "a perfectly ordinary comment about the ferry " * 100 + " idiot"
    started = time.perf_counter()
    for _ in range(20):
        assert {t.term for t in matcher.find(text)} == {"idiot"}
    assert (time.perf_counter() - started) / 20 < 0.1


def test_regex_metacharacters_in_terms_are_literal() -> None:
    """Entries are literal text: a backtracking-bomb pattern is just characters, matched fast."""
    matcher = WordMatcher([Term("(a+)+b", "banned"), Term("(x|x)*y", "banned")])
    started = time.perf_counter()
    assert matcher.find("a" * 5000 + "!") == []
    assert matcher.find("x" * 5000 + "y") == []
    assert time.perf_counter() - started < 0.5
    assert [t.term for t in matcher.find("(a+)+b")] == ["(a+)+b"]


def test_empty_and_symbol_only_terms_are_ignored() -> None:
    """A term with nothing matchable never matches everything."""
    matcher = WordMatcher([Term("!!!", "banned"), Term("   ", "banned"), Term("123", "banned")])
    assert matcher.size == 0
    assert matcher.find("anything at all 123 !!!") == []
