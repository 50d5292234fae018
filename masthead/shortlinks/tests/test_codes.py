"""Short codes: alphabet, length, randomness, and normalising what readers paste."""

from __future__ import annotations

import pytest

from masthead.shortlinks.codes import ALPHABET, CODE_LENGTH, new_code, normalise


def test_alphabet_is_safe_to_read_aloud() -> None:
    """No vowels, no y, and none of the look-alikes 0/O, 1/l/I; one case only."""
    assert not set(ALPHABET) & set("aeiouy01lIO")
    assert ALPHABET.lower() == ALPHABET
    assert len(set(ALPHABET)) == len(ALPHABET)


def test_codes_are_seven_symbols_of_the_alphabet_and_random() -> None:
    """Codes use only the alphabet, have seven symbols and do not repeat or count up."""
    codes = [new_code() for _ in range(2000)]
    assert all(len(code) == CODE_LENGTH and set(code) <= set(ALPHABET) for code in codes)
    assert len(set(codes)) == len(codes)
    # Every symbol turns up in every position: nothing is fixed or derived from a counter.
    for position in range(CODE_LENGTH):
        assert {code[position] for code in codes} == set(ALPHABET)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("bcd2345", "bcd2345"),
        ("BCD2345", "bcd2345"),
        ("bcd2345/", "bcd2345"),
        ("bcd2345).", "bcd2345"),
        ("bcd2345!", "bcd2345"),
        ("(bcd2345,", "bcd2345"),
        ("harbour-vote", "harbour-vote"),
        ("../../etc/passwd", None),
        ("%2e%2e%2f", None),
        ("bcd 2345", None),
        ("x" * 10_000, None),
        ("", None),
        ("<b>bcd2345</b>", None),
    ],
)
def test_normalise_recovers_pasted_codes_and_refuses_junk(raw: str, expected: str | None) -> None:
    """Case, slashes and chat punctuation are forgiven; anything else is no code."""
    assert normalise(raw) == expected
