"""Shapes of the demo newsroom's content: plain data that the loader turns into pages."""

from __future__ import annotations

from dataclasses import dataclass

STAFF_PHOTO = "Bea Mortlake/The Averly Courier"
ILLUSTRATION = "Courier illustration"
GRAPHIC = "Courier graphic"
FREELANCE_PHOTO = "Kit Sorensen for The Averly Courier"


@dataclass(frozen=True)
class SectionSpec:
    """A section of the newsroom, in menu order."""

    slug: str
    title: str
    intro: str


@dataclass(frozen=True)
class AuthorSpec:
    """A member of staff credited on articles."""

    slug: str
    name: str
    role: str
    bio: str


@dataclass(frozen=True)
class Quote:
    """Words attributed to a named speaker."""

    text: str
    speaker: str
    attribution: str = "said"


@dataclass(frozen=True)
class Picture:
    """A generated illustration (one of images.SCENES) with its caption and credit."""

    scene: str
    caption: str
    credit: str = STAFF_PHOTO


@dataclass(frozen=True)
class Correction:
    """A correction note, dated some hours after the article was published."""

    text: str
    hours_after: float


Block = str | Quote | Picture


@dataclass(frozen=True)
class ArticleSpec:
    """One article: where and when it ran, who wrote it and what it says.

    Strings in ``body`` are paragraphs of plain text; the loader escapes them.
    Articles sharing a ``thread`` follow one story over several days.
    """

    slug: str
    section: str
    title: str
    standfirst: str
    days_ago: float
    authors: tuple[str, ...]
    lead: Picture
    body: tuple[Block, ...]
    thread: str = ""
    updated_hours: float | None = None
    corrections: tuple[Correction, ...] = ()


@dataclass(frozen=True)
class FrontPageSpec:
    """The front page as an editor arranged it: lead, picks in order, rails per section."""

    lead: str
    picks: tuple[str, ...]
    rail_count: int = 4
