"""The demo newsroom's writing, as data: an invented coast, its people and its news.

Every town, person, organisation and quotation here is fictional and written
for Masthead's demo. Articles are listed oldest story thread first; the loader
dates them relative to the moment it runs.
"""

from __future__ import annotations

from masthead.newsroom.demo.content import (
    byelection,
    cannery,
    culture,
    economy,
    ferry,
    lanterns,
    mariners,
    news,
    science,
    seagrass,
    sport,
)
from masthead.newsroom.demo.content.staff import (
    AUTHORS,
    HOME_TITLE,
    PUBLICATION_NAME,
    SECTIONS,
    TAGLINE,
)
from masthead.newsroom.demo.spec import ArticleSpec, FrontPageSpec

ARTICLES: tuple[ArticleSpec, ...] = (
    *ferry.ARTICLES,
    *seagrass.ARTICLES,
    *mariners.ARTICLES,
    *byelection.ARTICLES,
    *cannery.ARTICLES,
    *lanterns.ARTICLES,
    *news.ARTICLES,
    *economy.ARTICLES,
    *science.ARTICLES,
    *culture.ARTICLES,
    *sport.ARTICLES,
)

FRONT_PAGE = FrontPageSpec(
    lead=lanterns.ARTICLES[-1].slug,
    picks=(
        cannery.ARTICLES[-1].slug,
        mariners.ARTICLES[-1].slug,
        seagrass.ARTICLES[-1].slug,
        news.ARTICLES[-1].slug,
    ),
    rail_count=4,
)

__all__ = [
    "ARTICLES",
    "AUTHORS",
    "FRONT_PAGE",
    "HOME_TITLE",
    "PUBLICATION_NAME",
    "SECTIONS",
    "TAGLINE",
]
