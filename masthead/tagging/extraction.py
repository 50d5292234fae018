"""Find the people, organisations, places and topics an article is about, with spaCy.

Pure text in, ranked candidates out: no database here, so the benchmark and
the evaluation measure exactly what the task runs.
"""

from __future__ import annotations

import functools
import html
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from masthead.tagging import conf
from masthead.tagging.normalise import normalise_name

# Headline and standfirst say what the story is about; the body repeats it.
SECTION_WEIGHTS = (3.0, 2.0, 1.0)
# Key phrases are plentiful and vaguer than names: they rank below them.
TOPIC_WEIGHT = 0.6
MIN_TOPIC_SCORE = 1.8
# Past this the article is not prose to tag (a pasted dump): the start says enough,
# and a worker never spends seconds on one text.
MAX_CHARS = 60_000
# Markup is cut before it is stripped, so stripping costs a bounded time too; four
# characters of markup per character of text leave room for heavily tagged bodies.
MAX_MARKUP_CHARS = 4 * MAX_CHARS
# Linear-time markup removal: Django's strip_tags goes quadratic on pathological
# input ("<" repeated 200,000 times took minutes), which would hang a worker.
TAG = re.compile(r"<[^<>]*>")
BLOCK_TAG = re.compile(
    r"</?(?:p|div|br|h[1-6]|li|ul|ol|blockquote|tr|td|th|section|article)\b[^<>]*>", re.I
)
# spaCy's tokenizer splits a run of punctuation one character at a time, in
# quadratic time (60,000 "<" took minutes): runs this long are no words, so drop them.
LONG_RUN = re.compile(r"\S{100,}")
HIDDEN_OPENING = re.compile(r"<(script|style)\b[^<>]*>", re.I)
HIDDEN_CLOSING = {name: re.compile(rf"</{name}\b[^<>]*>?", re.I) for name in ("script", "style")}
MAX_CANDIDATES = 15

LABEL_KINDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "topic",
}
DROPPED_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT"})
# Words around the article on a news site that entity recognisers mistake for names.
CHROME = frozenset(
    normalise_name(text)
    for text in (
        "Listen Live",
        "Get short URL",
        "Discussion",
        "Community standards",
        "Share",
        "Comments",
        "Read more",
        "Advertisement",
        "Sign in",
        "Subscribe",
    )
)
# Honorifics and offices before a name: "Councillor Ines Caldor" is a person.
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "professor",
        "prof",
        "councillor",
        "cllr",
        "mayor",
        "senator",
        "president",
        "minister",
        "prime",
        "secretary",
        "judge",
        "chief",
        "inspector",
        "captain",
        "general",
        "governor",
        "deputy",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "father",
        "sister",
        "rev",
        "reverend",
    ]
)
# Demonyms whose country is meant when a noun follows ("Russian senator").
DEMONYMS = {
    "american": "United States",
    "australian": "Australia",
    "brazilian": "Brazil",
    "british": "United Kingdom",
    "canadian": "Canada",
    "chinese": "China",
    "danish": "Denmark",
    "dutch": "Netherlands",
    "egyptian": "Egypt",
    "english": "England",
    "european": "Europe",
    "finnish": "Finland",
    "french": "France",
    "german": "Germany",
    "greek": "Greece",
    "indian": "India",
    "iranian": "Iran",
    "irish": "Ireland",
    "israeli": "Israel",
    "italian": "Italy",
    "japanese": "Japan",
    "mexican": "Mexico",
    "norwegian": "Norway",
    "polish": "Poland",
    "russian": "Russia",
    "scottish": "Scotland",
    "spanish": "Spain",
    "swedish": "Sweden",
    "turkish": "Turkey",
    "ukrainian": "Ukraine",
    "welsh": "Wales",
}
# Words that make a name an organisation whatever the model says ("... Chamber of Commerce").
ORGANISATION_WORDS = frozenset(
    [
        "council",
        "chamber",
        "commerce",
        "trust",
        "company",
        "institute",
        "library",
        "university",
        "club",
        "association",
        "union",
        "party",
        "ministry",
        "department",
        "hospital",
        "infirmary",
        "school",
        "college",
        "society",
        "guild",
        "cooperative",
        "board",
        "authority",
        "agency",
        "bank",
        "group",
        "ferries",
        "united",
        "works",
        "station",
    ]
)
KIND_PRECEDENCE = ("place", "organisation", "event", "person")
TOPIC_POS = frozenset({"NOUN", "PROPN", "ADJ"})
SKIPPED_POS = frozenset({"DET", "PRON", "NUM", "PUNCT", "SPACE", "SYM", "PART"})


@dataclass(frozen=True)
class ArticleText:
    """The parts of an article that suggestions read, as plain text."""

    headline: str
    standfirst: str = ""
    body: str = ""

    def sections(self) -> list[str]:
        """Return headline, standfirst and body as plain text, capped in length."""
        return [
            plain_text(part)[:MAX_CHARS] for part in (self.headline, self.standfirst, self.body)
        ]


@dataclass(frozen=True)
class Candidate:
    """A ranked suggestion: the name to tag with, its kind and its score."""

    name: str
    kind: str
    score: float


@dataclass
class Mention:
    """One occurrence of a name or key phrase in the text."""

    name: str
    kind: str
    weight: float
    position: int


@dataclass
class Tally:
    """The mentions gathered under one normalised name."""

    names: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    score: float = 0.0
    first: int = 0


def plain_text(text: str) -> str:
    """Return text without markup, scripts, styles or entities; blocks become paragraphs."""
    markup = drop_hidden((text or "")[:MAX_MARKUP_CHARS])
    # Block tags separate paragraphs ("</p><p>" must not glue two sentences together).
    text = html.unescape(TAG.sub("", BLOCK_TAG.sub("\n\n", markup)))
    return LONG_RUN.sub(" ", text).strip()


def drop_hidden(markup: str) -> str:
    """Return markup without script and style elements (an unclosed one runs to the end)."""
    kept: list[str] = []
    position = 0
    while opening := HIDDEN_OPENING.search(markup, position):
        kept.append(markup[position : opening.start()])
        closing = HIDDEN_CLOSING[opening.group(1).lower()].search(markup, opening.end())
        if closing is None:
            return "".join(kept)
        position = closing.end()
    kept.append(markup[position:])
    return "".join(kept)


@functools.cache
def load_pipeline() -> Any:
    """Load the spaCy pipeline once per process (the lemmatizer is not needed)."""
    import spacy

    wanted = conf.spacy_model()
    names = [wanted, *(name for name in conf.FALLBACK_SPACY_MODELS if name != wanted)]
    for name in names:
        try:
            return spacy.load(name, disable=["lemmatizer"])
        except OSError:
            continue
    raise OSError(f"No spaCy English pipeline installed (tried {', '.join(names)}).")


def suggest(article: ArticleText, limit: int = MAX_CANDIDATES) -> list[Candidate]:
    """Return the article's ranked candidate tags."""
    docs = list(load_pipeline().pipe(article.sections()))
    return rank(collect_mentions(docs), limit)


def suggest_many(
    articles: Iterable[ArticleText], limit: int = MAX_CANDIDATES
) -> list[list[Candidate]]:
    """Return ranked candidates for many articles, batching spaCy's work."""
    texts = [article.sections() for article in articles]
    flat = list(load_pipeline().pipe(section for sections in texts for section in sections))
    return [rank(collect_mentions(flat[i : i + 3]), limit) for i in range(0, len(flat), 3)]


def collect_mentions(docs: list[Any]) -> list[Mention]:
    """Return the entity and key-phrase mentions of headline, standfirst and body docs."""
    mentions: list[Mention] = []
    offset = 0
    for doc, weight in zip(docs, SECTION_WEIGHTS, strict=False):
        mentions.extend(entity_mentions(doc, weight, offset))
        mentions.extend(topic_mentions(doc, weight, offset))
        offset += len(doc) + 1
    return mentions


def entity_mentions(doc: Any, weight: float, offset: int) -> Iterable[Mention]:
    """Yield the named entities of a doc, titles stripped and demonyms turned into places."""
    for ent in doc.ents:
        if ent.label_ in DROPPED_LABELS:
            continue
        if ent.label_ == "NORP":
            place = demonym_place(doc, ent)
            if place:
                yield Mention(place, "place", weight, offset + ent.start)
            continue
        kind = LABEL_KINDS.get(ent.label_)
        tokens, has_title = entity_tokens(ent)
        name = " ".join("".join(token.text_with_ws for token in tokens).split())
        if kind is None or not is_name(name):
            continue
        if len(tokens) == 1 and tokens[0].pos_ != "PROPN":
            continue  # A capitalised common word ("Volunteer", "Carbon") mistaken for a name.
        if has_title:
            kind = "person"
        elif any(token.lower_ in ORGANISATION_WORDS for token in tokens[1:]):
            kind = "organisation"
        yield Mention(name, kind, weight, offset + tokens[0].i)


def entity_tokens(ent: Any) -> tuple[list[Any], bool]:
    """Return an entity's tokens trimmed to the name, and whether a title preceded it."""
    tokens = list(ent)
    for n, token in enumerate(tokens):
        if token.is_space or "\n" in token.text_with_ws:
            # Entities running over a paragraph break join two unrelated names.
            tokens = tokens[: n + (0 if token.is_space else 1)]
            break
    has_title = False
    while tokens and tokens[0].lower_.rstrip(".") in TITLES:
        tokens, has_title = tokens[1:], True
    while tokens and (
        tokens[0].is_punct or tokens[0].lower_ == "the" or not tokens[0].text[:1].isupper()
    ):
        tokens = tokens[1:]  # "the", "daily" and other words before the name.
    while tokens and (tokens[-1].lower_ in ("'s", "\u2019s") or tokens[-1].is_punct):
        tokens = tokens[:-1]
    return tokens, has_title


def demonym_place(doc: Any, ent: Any) -> str | None:
    """Return the country a demonym stands for when a noun follows it, else None."""
    place = DEMONYMS.get(ent.text.casefold())
    if place is None or ent.end >= len(doc):
        return None
    return place if doc[ent.end].pos_ in ("NOUN", "PROPN") else None


def is_name(name: str) -> bool:
    """Return whether text can be a tag: letters, a capital, not page chrome."""
    key = normalise_name(name)
    return bool(key) and key not in CHROME and any(char.isupper() for char in name)


def topic_mentions(doc: Any, weight: float, offset: int) -> Iterable[Mention]:
    """Yield key phrases: noun chunks of two to four words ending in a common noun."""
    for chunk in doc.noun_chunks:
        tokens = [t for t in chunk if t.pos_ not in SKIPPED_POS and not t.is_stop]
        if not 2 <= len(tokens) <= 4 or tokens[-1].pos_ != "NOUN":
            continue
        if any(
            t.pos_ not in TOPIC_POS
            or not t.is_alpha
            or t.ent_type_ in DROPPED_LABELS
            or t.lower_ in TITLES
            for t in tokens
        ):
            continue
        if tokens[-1].i - tokens[0].i != len(tokens) - 1:
            continue  # Skipped words in the middle would make up a phrase.
        words = [t.text if is_proper(t) else t.lower_ for t in tokens]
        name = " ".join(words)
        if normalise_name(name) not in CHROME:
            yield Mention(name, "topic", weight * TOPIC_WEIGHT, offset + tokens[0].i)


def is_proper(token: Any) -> bool:
    """Return whether a token keeps its capital in a key phrase (names, not sentence starts)."""
    capitalised = token.text[:1].isupper() and not token.is_sent_start
    return bool(token.pos_ == "PROPN" or token.ent_type_ or capitalised)


def rank(mentions: list[Mention], limit: int) -> list[Candidate]:
    """Merge mentions into candidates (surnames to full names) and rank them by salience."""
    surnames = full_names_by_surname(mentions)
    tallies: dict[str, Tally] = defaultdict(Tally)
    for mention in mentions:
        key = normalise_name(mention.name)
        if key in surnames:
            mention = Mention(surnames[key], "person", mention.weight, mention.position)
            key = normalise_name(mention.name)
        tally = tallies[key]
        if not tally.names:
            tally.first = mention.position
        tally.names[mention.name] += 1
        tally.kinds[mention.kind] += 1
        tally.score += mention.weight
    candidates = [
        (tally.first, Candidate(tally.names.most_common(1)[0][0], best_kind(tally), tally.score))
        for tally in tallies.values()
    ]
    kept = [(first, c) for first, c in candidates if is_worth_keeping(c)]
    kept.sort(key=lambda item: (-item[1].score, item[0]))
    return [candidate for _, candidate in kept[:limit]]


def is_worth_keeping(candidate: Candidate) -> bool:
    """Return whether a candidate is a likely tag rather than noise."""
    if candidate.kind == "topic":
        return candidate.score >= MIN_TOPIC_SCORE
    # A lone word called a person never given a full name is usually a place or a
    # company the small model misread ("Wrenmouth", "Tidewright").
    return not (candidate.kind == "person" and len(candidate.name.split()) == 1)


def full_names_by_surname(mentions: list[Mention]) -> dict[str, str]:
    """Return the full person names of the text by their last word, when unambiguous."""
    found: dict[str, set[str]] = defaultdict(set)
    for mention in mentions:
        words = mention.name.split()
        if mention.kind == "person" and len(words) >= 2:
            found[normalise_name(words[-1])].add(mention.name)
    return {surname: names.pop() for surname, names in found.items() if len(names) == 1}


def best_kind(tally: Tally) -> str:
    """Return the kind most named mentions agree on; a key phrase that is also a name is one."""
    named = {kind: count for kind, count in tally.kinds.items() if kind != "topic"}
    if not named:
        return "topic"
    # The small model often calls a one-word place a person: ties go to places first.
    return min(named, key=lambda kind: (-named[kind], KIND_PRECEDENCE.index(kind)))
