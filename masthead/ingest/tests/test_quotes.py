"""Sentence splitting reads each space's neighbourhood, not the whole text before it."""

from __future__ import annotations

from typing import SupportsIndex

from masthead.ingest.quotes import paragraphs_to_blocks, split_sentences


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


def test_a_quotation_the_writer_spoke_is_not_given_to_the_person_last_named() -> None:
    """ "..., I told her." and "..., we said." are the writer's words: no quote block.

    Before the fix "I" and "we" resolved like "she", to the person last named,
    so a columnist's own remark went out as a quote by the person they rang.
    """
    blocks = paragraphs_to_blocks(
        [
            "I rang Marta Ilves on Tuesday. “The levy will pass,” I told her.",
            "Tove Harrik runs the ferry. “We will not sell it,” we said in reply.",
        ]
    )
    assert [kind for kind, _ in blocks] == ["paragraph", "paragraph"]
    assert "The levy will pass" in blocks[0][1]
    assert "We will not sell it" in blocks[1][1]
    third_person = paragraphs_to_blocks(
        ["Tove Harrik runs the ferry. “We will not sell,” she said."]
    )
    assert third_person[1] == (
        "quote",
        {"text": "We will not sell.", "speaker": "Tove Harrik", "attribution": "said"},
    )
