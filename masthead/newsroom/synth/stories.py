"""Story threads and the articles written from them, without touching the database.

A thread is one running story: its own coined people, organisations, places and
key phrases, and a private handful of common nouns and verbs. Every article of
a thread is written from those, so articles of one thread share names and
vocabulary while articles of different threads mostly do not.
"""

from __future__ import annotations

import datetime as dt
import html
import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from masthead.newsroom.synth import words

# Thread sizes 3 to 12, weighted towards short stories: about six articles each.
THREAD_SIZES = tuple(range(3, 13))
THREAD_SIZE_WEIGHTS = (18, 17, 15, 13, 11, 9, 7, 5, 3, 2)
# A story runs for a day to three weeks.
THREAD_SPAN_HOURS = (24, 21 * 24)


@dataclass(frozen=True)
class Person:
    """A coined person of a thread."""

    given: str
    surname: str
    role: str

    @property
    def name(self) -> str:
        """Return the full name used at a first mention."""
        return f"{self.given} {self.surname}"


@dataclass(frozen=True)
class Thread:
    """A running story: its label, section, cast, vocabulary and publication times."""

    number: int
    section: str
    people: tuple[Person, ...]
    organisations: tuple[str, ...]
    places: tuple[str, ...]
    phrases: tuple[str, ...]
    nouns: tuple[str, ...]
    verbs: tuple[tuple[str, str], ...]
    published: tuple[dt.datetime, ...]


@dataclass(frozen=True)
class ArticleText:
    """One generated article, ready to be stored."""

    thread: int
    section: str
    headline: str
    standfirst: str
    body: list[dict[str, Any]]
    published_at: dt.datetime


def split_into_threads(total: int, rng: random.Random) -> list[int]:
    """Return thread sizes summing to total, each 3 to 12 (smaller only if total is)."""
    sizes: list[int] = []
    remaining = total
    while remaining > 0:
        size = rng.choices(THREAD_SIZES, THREAD_SIZE_WEIGHTS)[0]
        if remaining - size < THREAD_SIZES[0]:
            # Never leave a remainder too small to be a thread of its own.
            size = remaining if remaining <= THREAD_SIZES[-1] else remaining - THREAD_SIZES[0]
        sizes.append(size)
        remaining -= size
    return sizes


class NameMint:
    """Coin names of people, places and organisations, never the same one twice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def word(self) -> str:
        """Return a coined, capitalised two-syllable word."""
        choice = self.rng.choice
        return (
            choice(words.ONSETS)
            + choice(words.VOWELS)
            + choice(words.CODAS)
            + choice(words.ONSETS)
            + choice(words.ENDINGS)
        ).capitalize()

    def unique(self, make: Callable[[], str]) -> str:
        """Return the first value of make() not coined before."""
        while (value := make()) in self.used:
            pass
        self.used.add(value)
        return value

    def surname(self) -> str:
        """Return a new surname."""
        return self.unique(lambda: self.word() + self.rng.choice(words.SURNAME_ENDINGS))

    def place(self) -> str:
        """Return a new place name."""
        choice = self.rng.choice
        return self.unique(
            lambda: choice(words.PLACE_PREFIXES) + self.word() + choice(words.PLACE_SUFFIXES)
        )

    def organisation(self, section: str, place: str) -> str:
        """Return a new organisation, named after a coined word or the thread's place."""
        kinds = words.ORGANISATION_KINDS[section]
        return self.unique(
            lambda: f"{self.rng.choice((self.word(), place))} {self.rng.choice(kinds)}"
        )


class StoryWriter:
    """Plan story threads and write their articles from a seeded random source."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.mint = NameMint(rng)

    def plan_thread(self, number: int, size: int, days: int, now: dt.datetime) -> Thread:
        """Invent a thread of size articles that starts within the last days."""
        rng = self.rng
        section = rng.choice(words.SECTIONS)[1]
        places = (self.mint.place(), self.mint.place())
        organisations = (
            self.mint.organisation(section, places[0]),
            self.mint.organisation(section, places[1]),
        )
        people = tuple(
            Person(
                given=rng.choice(words.GIVEN_NAMES),
                surname=self.mint.surname(),
                role=rng.choice(words.ROLES[section]).format(
                    org=organisations[index % 2], place=places[index % 2]
                ),
            )
            for index in range(rng.randint(2, 3))
        )
        nouns = tuple(rng.sample(words.NOUNS[section], 8))
        phrases = (
            f"{self.mint.word()} {nouns[0]} {rng.choice(nouns[1:])}",
            f"{rng.choice(words.ADJECTIVES)} {nouns[1]}",
        )
        return Thread(
            number=number,
            section=section,
            people=people,
            organisations=organisations,
            places=places,
            phrases=phrases,
            nouns=nouns,
            verbs=tuple(rng.sample(words.VERBS, 4)),
            published=self.schedule(size, days, now),
        )

    def schedule(self, size: int, days: int, now: dt.datetime) -> tuple[dt.datetime, ...]:
        """Return size publication times, oldest first, in one story's span before now."""
        start = now - dt.timedelta(seconds=self.rng.uniform(3600, days * 86400))
        span = min(self.rng.uniform(*THREAD_SPAN_HOURS) * 3600, (now - start).total_seconds())
        offsets = sorted(self.rng.uniform(0, span) for _ in range(size))
        return tuple(start + dt.timedelta(seconds=round(offset)) for offset in offsets)

    def slots(self, thread: Thread) -> dict[str, str]:
        """Return one paragraph's template slots, drawn from the thread."""
        rng = self.rng
        first, second = rng.sample(thread.people, 2)
        org, org2 = rng.sample(thread.organisations, 2)
        noun, noun2, noun3 = rng.sample(thread.nouns, 3)
        verb, verbed = rng.choice(thread.verbs)
        return {
            "name": first.name,
            "surname": first.surname,
            "role": first.role,
            "name2": second.name,
            "surname2": second.surname,
            "role2": second.role,
            "org": org,
            "org2": org2,
            "place": rng.choice(thread.places),
            "phrase": thread.phrases[0],
            "phrase2": thread.phrases[1],
            "noun": noun,
            "noun2": noun2,
            "noun3": noun3,
            "verb": verb,
            "verbed": verbed,
            "number": str(rng.randint(2, 40)),
            "percent": f"{rng.randint(2, 60)}%",
            "amount": f"{rng.randint(2, 900)}m {words.CURRENCY}",
            "day": rng.choice(words.WEEKDAYS),
            "month": rng.choice(words.MONTHS),
        }

    def write(self, thread: Thread, position: int) -> ArticleText:
        """Write the article at position (0 breaks the story) of a thread."""
        headlines = words.FIRST_HEADLINES if position == 0 else words.FOLLOW_HEADLINES
        # One set of slots, so the surname in the headline is the person the
        # standfirst introduces by full name.
        lead = self.slots(thread)
        headline = self.rng.choice(headlines).format_map(lead)
        standfirst = self.rng.choice(words.STANDFIRSTS).format_map(lead)
        return ArticleText(
            thread=thread.number,
            section=thread.section,
            headline=headline[0].upper() + headline[1:],
            standfirst=standfirst[0].upper() + standfirst[1:],
            body=self.body(thread),
            published_at=thread.published[position],
        )

    def body(self, thread: Thread) -> list[dict[str, Any]]:
        """Return 3 to 6 paragraph blocks as StreamField JSON, sometimes with a quote."""
        count = self.rng.randint(3, 6)
        blocks = [self.paragraph(thread, opening=index == 0) for index in range(count)]
        if self.rng.random() < 0.4:
            blocks.insert(self.rng.randint(1, count), self.quote(thread))
        return blocks

    def paragraph(self, thread: Thread, opening: bool) -> dict[str, Any]:
        """Return a paragraph block of two to four sentences."""
        slots = self.slots(thread)
        sentences = words.OPENING_SENTENCES if opening else words.BODY_SENTENCES
        text = " ".join(
            sentence.format_map(slots)
            for sentence in self.rng.sample(sentences, self.rng.randint(2, 4))
        )
        value = f"<p>{html.escape(text, quote=False)}</p>"
        return {"type": "paragraph", "value": value, "id": self.block_id()}

    def quote(self, thread: Thread) -> dict[str, Any]:
        """Return a quote block spoken by one of the thread's people."""
        slots = self.slots(thread)
        value = {
            "text": self.rng.choice(words.QUOTES).format_map(slots) + ".",
            "speaker": slots["name"],
            "attribution": self.rng.choice(words.ATTRIBUTIONS).format_map(slots),
        }
        return {"type": "quote", "value": value, "id": self.block_id()}

    def block_id(self) -> str:
        """Return a block id drawn from the seeded source, so a corpus is reproducible."""
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))


def generate_articles(
    total: int, seed: int, days: int, first_thread: int, now: dt.datetime
) -> tuple[int, Iterator[ArticleText]]:
    """Return the number of threads and an iterator of total articles, oldest first.

    The random source is seeded with the seed and the first thread number, so a
    second run with the same seed invents new threads instead of repeating.
    """
    # Reproducible benchmark data, not secrets: a seeded generator is the point.
    rng = random.Random(f"{seed}:{first_thread}")  # noqa: S311
    writer = StoryWriter(rng)
    sizes = split_into_threads(total, rng)
    threads = [
        writer.plan_thread(first_thread + index, size, days, now)
        for index, size in enumerate(sizes)
    ]
    # Publish in time order, as a newsroom does: ids and tree paths grow with time.
    timeline = sorted(
        (moment, index, position)
        for index, thread in enumerate(threads)
        for position, moment in enumerate(thread.published)
    )
    articles = (writer.write(threads[index], position) for _, index, position in timeline)
    return len(threads), articles
