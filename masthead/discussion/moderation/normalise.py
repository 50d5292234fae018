# ruff: noqa: RUF001  (the look-alike table is made of ambiguous letters on purpose)
"""The matching form of a comment: what word lists are compared with.

Abuse is disguised with accents, look-alike letters from other scripts,
leetspeak (``1d10t``), invisible characters, spacing (``f u c k``) and stretched
letters (``fuuuck``). :func:`fold` undoes the character-level disguises and
:func:`tokens` splits the result into plain ``a-z`` words; the matcher builds its
haystacks from those words. The matching form is never shown to anyone.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from functools import lru_cache

# Invisible characters that are letters or spaces to Unicode (so not category Cf)
# but render as nothing: Hangul fillers, the braille blank, the Mongolian
# vowel separator and the combining grapheme joiner.
INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e\u034f")

# Look-alikes that NFKC leaves alone, mapped to the Latin letter they imitate
# (after case folding). A compact hand-made subset of Unicode's confusables.txt:
# Cyrillic, Greek, Armenian, IPA and small capitals, the scripts used to evade
# filters in practice. NFKC already handles full-width, mathematical, circled
# and superscript letters.
CONFUSABLES = {
    # Cyrillic
    "а": "a", "в": "b", "г": "r", "д": "d", "е": "e", "ё": "e", "и": "u",
    "й": "u", "к": "k", "л": "n", "м": "m", "н": "h", "о": "o", "п": "n", "р": "p",
    "с": "c", "т": "t", "у": "y", "ф": "o", "х": "x", "ц": "u", "ш": "w",
    "щ": "w", "ъ": "b", "ы": "bi", "ь": "b", "э": "e", "ю": "io", "я": "r", "ѕ": "s",
    "і": "i", "ї": "i", "ј": "j", "ӏ": "l", "ԁ": "d", "ԛ": "q", "ԝ": "w", "һ": "h",
    "ү": "y", "ҫ": "c", "ӄ": "k", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "γ": "y", "δ": "d", "ε": "e", "ζ": "z", "η": "n", "θ": "o",
    "ι": "i", "κ": "k", "λ": "l", "μ": "u", "ν": "v", "ξ": "e", "ο": "o", "π": "n",
    "ρ": "p", "σ": "o", "ς": "c", "τ": "t", "υ": "u", "φ": "o", "χ": "x", "ψ": "w",
    "ω": "w",
    # Armenian
    "օ": "o", "ս": "u", "ո": "n", "հ": "h", "ց": "g", "ք": "p", "ա": "w", "զ": "q",
    # Latin extensions, IPA and small capitals
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ƅ": "b", "ɑ": "a", "ɩ": "i",
    "ʋ": "u", "ǝ": "e", "ɛ": "e", "ɔ": "c", "ɪ": "i", "ʏ": "y", "ɴ": "n", "ʀ": "r",
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ғ": "f", "ɢ": "g", "ʜ": "h",
    "ᴊ": "j", "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ᴏ": "o", "ᴘ": "p", "ǫ": "q", "ꜱ": "s",
    "ꜰ": "f", "ᴛ": "t", "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ᴢ": "z", "ƒ": "f", "ɾ": "r", "ʂ": "s",
    "ɦ": "h", "ɱ": "m", "ɲ": "n", "ʈ": "t", "ɖ": "d", "ɠ": "g", "ƙ": "k", "ƈ": "c",
    "æ": "ae", "œ": "oe", "ŋ": "n", "þ": "p",
    # Symbols that pass for letters
    "¡": "i", "€": "e", "£": "l", "¢": "c", "¥": "y", "©": "c", "®": "r", "×": "x",
}  # fmt: skip
_CONFUSABLE_TABLE = str.maketrans(CONFUSABLES)

# Leetspeak, applied only inside words that also hold a letter, so that "455
# people" stays a number while "a55" becomes "ass". "2" has no letter to stand
# for and is dropped from inside a word.
LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "6": "g",
                      "7": "t", "8": "b", "9": "g", "@": "a", "$": "s", "|": "l",
                      "!": "i", "+": "t", "2": None})  # fmt: skip
# A word is made of letters and the digits and symbols leetspeak uses
# ([a-z0-9@$|!+]); anything else separates words.
LETTERS = re.compile(r"[a-z]+")
# A token of the WORD alphabet without a letter: a number or a row of symbols.
NOT_A_WORD = re.compile(r"(?<![a-z0-9@$|!+])[0-9@$|!+]+(?![a-z0-9@$|!+])")
EDGE_SYMBOL_RUNS = re.compile(r"(?<![a-z0-9@$|!+])[!|+]+|[!|+]+(?![a-z0-9@$|!+])")
LONG_RUNS = re.compile(r"(.)\1{2,}")
ANY_RUNS = re.compile(r"(.)\1+")


@lru_cache(maxsize=1)
def _deletions() -> dict[int, None]:
    """Return a translate table deleting invisible characters and combining marks."""
    # Built once per process (a pass over the planes that hold such characters,
    # about a tenth of a second): str.translate then removes them all in C.
    # Category Cf holds zero-width spaces and joiners, bidi overrides and
    # isolates, the soft hyphen, the BOM and the plane-14 tag characters.
    deleted = dict.fromkeys(map(ord, INVISIBLE))
    codes = itertools.chain(range(0x20000), range(0xE0000, 0xF0000))
    for code in codes:
        char = chr(code)
        if unicodedata.combining(char) or unicodedata.category(char) in ("Cf", "Mn", "Me"):
            deleted[code] = None
    return deleted


def fold(text: str) -> str:
    """Return ``text`` case-folded, without accents, invisible characters or look-alikes."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))
    text = unicodedata.normalize("NFKC", text.translate(_deletions()).casefold())
    return text.translate(_CONFUSABLE_TABLE)


def tokens(text: str) -> list[str]:
    """Return the plain ``a-z`` words of ``text`` after folding and undoing leetspeak."""
    return folded_tokens(fold(text))


def folded_tokens(folded: str) -> list[str]:
    """Return the plain ``a-z`` words of already folded text."""
    # Whole-string passes in C rather than a Python loop per word: drop numbers and
    # rows of symbols ("455", "!!!"), then symbols at word edges ("idiot!"), then
    # undo leetspeak in what is left and keep the runs of letters.
    text = EDGE_SYMBOL_RUNS.sub(" ", NOT_A_WORD.sub(" ", folded))
    return LETTERS.findall(text.translate(LEET))


# Punctuation put inside a word to break it up ("c-u-n-t", "cu.nt", "k_y_s").
INNER_PUNCTUATION = re.compile(r"(?<=\w)[.\-_*~·•]+(?=\w)")


def without_inner_punctuation(text: str) -> str:
    """Return ``text`` with punctuation between two letters removed ("cu.nt" to "cunt")."""
    return INNER_PUNCTUATION.sub("", text)


def join_spelled_out(words: list[str]) -> list[str]:
    """Join runs of single letters ("f u c k") into one word ("fuck")."""
    joined: list[str] = []
    run: list[str] = []
    for word in words:
        if len(word) == 1:
            run.append(word)
            continue
        if run:
            joined.append("".join(run))
            run = []
        joined.append(word)
    if run:
        joined.append("".join(run))
    return joined


def shorten_runs(word: str) -> str:
    """Cut runs of three or more of a letter to two ("fuuuuck" to "fuuck")."""
    return LONG_RUNS.sub(r"\1\1", word)


def squeeze_runs(word: str) -> str:
    """Cut every run of a letter to one ("fuuck" to "fuck", "kill" to "kil")."""
    return ANY_RUNS.sub(r"\1", word)


@lru_cache(maxsize=65536)
def term_forms(term: str) -> tuple[str, str]:
    """Return the two matching forms of a word-list term: shortened and squeezed runs."""
    words = tokens(term)
    return " ".join(map(shorten_runs, words)), " ".join(map(squeeze_runs, words))
