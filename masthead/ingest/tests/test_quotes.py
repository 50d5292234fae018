"""Sentence splitting reads each space's neighbourhood, not the whole text before it."""

from __future__ import annotations

from typing import SupportsIndex

from masthead.ingest.quotes import split_sentences


class CountingText(str):
    """Text that counts how many characters its slices copy."""

    copied = 0

    def __getitem__(self, key: SupportsIndex | slice) -> str:
        piece = str.__getitem__(self, key)
        CountingText.copied += len(piece)
        return piece


def test_sentence_splitting_copies_a_bounded_amount_of_text() -> None:
    """A long paragraph is split with copies in proportion to its length.

    Before the fix every space copied the whole text before it, so a paragraph
    of a few megabytes (the importer accepts 20 MB) took minutes to hours.
    """
    text = CountingText('"Yes," she said. ' + "The wall sat on the shore. " * 4_000)
    CountingText.copied = 0
    sentences = split_sentences(text)
    assert len(sentences) == 4_001
    assert CountingText.copied < 4 * len(text)


def test_two_megabyte_paragraph_splits_into_its_sentences() -> None:
    """Sentences, abbreviations and quotations split as on short text, at any length."""
    unit = 'The pier opened at 9 a.m. on Monday. "It is a fine day. We are glad," said Ines Varo. '
    text = unit * (2_000_000 // len(unit))
    sentences = split_sentences(text)
    assert sentences[:2] == [
        "The pier opened at 9 a.m. on Monday.",
        '"It is a fine day. We are glad," said Ines Varo.',
    ]
    assert len(sentences) == 2 * (2_000_000 // len(unit))
