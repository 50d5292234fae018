"""Text features: words, names, bodies, hostile and oversized input."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from masthead.related.text import (
    Document,
    body_text,
    features,
    headline_words,
    is_near_identical,
    names,
    words,
)


def document(
    headline: str = "", standfirst: str = "", body: str = "", tags: tuple[int, ...] = ()
) -> Document:
    """Return a document with this text."""
    return Document(1, None, headline, standfirst, body, tags)


def test_words_drop_stop_words_numbers_and_markup() -> None:
    """Content words only, lower-cased; markup and scripts never become terms."""
    counts, _ = features(
        document(body="<p>The <b>Ferry</b> sailed 12 times</p><script>evil()</script>")
    )
    assert set(counts) == {"w:ferry", "w:sailed", "w:times"}


def test_headline_and_standfirst_weigh_more_than_body() -> None:
    """A word in the headline counts three times, the standfirst twice."""
    counts, _ = features(document("Ferry", "Ferry", "Ferry"))
    assert counts["w:ferry"] == 6


def test_names_and_tags_are_keys() -> None:
    """Capitalised names (without a leading stop word) and tag ids become keys."""
    _, keys = features(document("The Quillan Vale cider", body="Marten Oswick spoke.", tags=(7,)))
    assert {"ent:quillan vale", "ent:marten oswick", "tag:7"} <= set(keys)
    possessive = "Brackenholt Mariners' fans cheered. Corrin Vale\u2019s council met."
    assert names(possessive) == ["brackenholt mariners", "corrin vale"]


def test_body_text_reads_paragraphs_quotes_and_captions() -> None:
    """Every text-bearing block contributes; anything malformed is ignored."""
    raw = [
        {"type": "paragraph", "value": "<p>Harbour</p>"},
        {"type": "quote", "value": {"text": "Sails", "speaker": "Ilse Vantrow"}},
        {"type": "image", "value": {"caption": "Pier", "image": 3}},
        "junk",
        {"type": "embed", "value": None},
    ]
    assert body_text(raw).split() == ["<p>Harbour</p>", "Sails", "Ilse", "Vantrow", "Pier"]
    assert body_text({"not": "a list"}) == "" and body_text(None) == ""


def test_near_identical_headlines() -> None:
    """Headlines sharing most words are near-identical; empty ones match each other only."""
    first = headline_words("Brannock ferry crossings cut for the winter")
    assert is_near_identical(first, headline_words("Brannock ferry crossings cut for winter"))
    assert not is_near_identical(first, headline_words("Skelmere terminal repairs delay ferry"))
    assert is_near_identical(frozenset(), frozenset())
    assert not is_near_identical(first, frozenset())


def test_oversized_and_pathological_input_is_bounded() -> None:
    """Huge texts and runs of markup characters are processed quickly and capped."""
    counts, _ = features(document(body="<" * 300_000 + "ferry " * 100_000))
    assert len(counts) <= 1
    assert names("A" * 10_000) == []
    assert list(words("x" * 500 + " ferry")) == ["ferry"]


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400), st.text(max_size=400))
def test_any_text_gives_bounded_keys(headline: str, body: str) -> None:
    """Arbitrary text never fails and yields keys that fit the term table."""
    counts, keys = features(document(headline, body=body))
    assert all(len(key) <= 120 for key in [*counts, *keys])
