"""Assemble the front page so that no article appears twice."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from masthead.newsroom.models import ArticlePage, HomePage, SectionPage


@dataclass
class Rail:
    """One section's rail of articles."""

    section: SectionPage
    articles: list[ArticlePage]


@dataclass
class FrontPage:
    """What the front page shows, in order."""

    lead: ArticlePage | None = None
    picks: list[ArticlePage] = field(default_factory=list)
    rails: list[Rail] = field(default_factory=list)
    latest: list[ArticlePage] = field(default_factory=list)


def build_front_page(home: HomePage) -> FrontPage:
    """Return the lead, picks, rails and latest articles, each article at most once.

    Precedence follows editorial intent: the chosen lead, then the editors'
    picks in their order, then each rail in its order, then the newest of the rest.
    """
    from masthead.newsroom.models import MAX_LATEST_COUNT, MAX_RAIL_COUNT, ArticlePage
    from masthead.newsroom.queries import has_expired, prefetch_listing_images, public_pages

    # Restricted articles (a password, a login) are never teased, even as picks.
    live = public_pages(ArticlePage.objects.live().descendant_of(home), within=home).teasers()
    seen: set[int] = set()
    front = FrontPage()

    chosen_ids = [pick.article_id for pick in home.picks.all()]  # type: ignore[attr-defined]
    if home.lead_article_id:
        chosen_ids.insert(0, home.lead_article_id)
    chosen = {a.pk: a for a in live.filter(pk__in=chosen_ids)}
    ordered = [chosen[pk] for pk in dict.fromkeys(chosen_ids) if pk in chosen]
    if home.lead_article_id in chosen:
        front.lead = ordered.pop(0)
        seen.add(front.lead.pk)
    for article in ordered:
        front.picks.append(article)
        seen.add(article.pk)

    if front.lead is None:
        front.lead = live.exclude(pk__in=seen).newest_first().first()
        if front.lead is not None:
            seen.add(front.lead.pk)

    for rail in home.rails.select_related("section").all():  # type: ignore[attr-defined]
        if not rail.section.live or has_expired(rail.section):
            continue
        articles = list(
            live.child_of(rail.section)
            .exclude(pk__in=seen)
            .newest_first()[: min(rail.count, MAX_RAIL_COUNT)]
        )
        seen.update(a.pk for a in articles)
        front.rails.append(Rail(section=rail.section, articles=articles))

    # Capped here too: a size saved before the fields had a maximum is not revalidated.
    latest_count = min(home.latest_count, MAX_LATEST_COUNT)
    front.latest = list(live.exclude(pk__in=seen).newest_first()[:latest_count])
    # One image query for the whole page rather than one per list.
    rail_articles = [a for rail in front.rails for a in rail.articles]
    prefetch_listing_images([front.lead, *front.picks, *rail_articles, *front.latest])
    return front
