"""The default word lists shipped with the app, as matcher terms."""

from __future__ import annotations

from pathlib import Path

from masthead.discussion.moderation.matching import Term

DEFAULT_WORDLIST = Path(__file__).resolve().parent / "data" / "default_wordlist.txt"


def parse_wordlist(text: str) -> list[Term]:
    """Parse lines of ``kind<TAB>rule<TAB>word|inside<TAB>term``; ``#`` starts a comment."""
    terms = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if (
            len(fields) != 4
            or fields[0] not in ("banned", "suspect")
            or fields[2]
            not in (
                "word",
                "inside",
            )
        ):
            raise ValueError(f"Line {number}: expected kind, rule, word|inside and the term.")
        kind, rule, scope, term = fields
        terms.append(Term(term.strip(), kind, scope == "word", rule))
    return terms


def default_terms() -> list[Term]:
    """Return the terms of the default word lists."""
    return parse_wordlist(DEFAULT_WORDLIST.read_text(encoding="utf-8"))
