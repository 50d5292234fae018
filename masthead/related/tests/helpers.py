"""Builders shared by the related headlines tests: small story threads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from masthead.newsroom.models import ArticlePage, SectionPage
from masthead.related.actions import update_article
from masthead.testing.factories import make_article, make_section

# Three invented stories, each with its own people, places and vocabulary.
STORIES: dict[str, list[tuple[str, str, str]]] = {
    "ferry": [
        (
            "Brannock ferry crossings cut for the winter",
            "Harbourmaster Ilse Vantrow says the Brannock ferry will sail twice a day.",
            "The Brannock ferry timetable loses its evening crossings. Ilse Vantrow blamed "
            "fuel costs at the Skelmere terminal and the ageing hull of the ferry.",
        ),
        (
            "Skelmere terminal repairs delay Brannock ferry",
            "Ilse Vantrow warns the ferry may miss the spring timetable.",
            "Welders at the Skelmere terminal found rust under the ferry ramp. The Brannock "
            "crossing will run a smaller ferry while Ilse Vantrow finds a new hull.",
        ),
        (
            "Brannock islanders protest ferry timetable",
            "Residents marched to the Skelmere terminal over fewer ferry crossings.",
            "Islanders of Brannock said the ferry timetable left them stranded. Ilse Vantrow "
            "met protesters at the Skelmere terminal and promised an extra crossing.",
        ),
    ],
    "orchard": [
        (
            "Frost ruins Quillan Vale cider orchards",
            "Growers in Quillan Vale lost most apple blossom to a late frost.",
            "The Quillan Vale cider cooperative counted frost damage in every orchard. Its "
            "chair, Marten Oswick, said apple prices for pressing would rise sharply.",
        ),
        (
            "Quillan Vale cider cooperative seeks frost aid",
            "Marten Oswick asks the county for help after orchard losses.",
            "Cider makers in Quillan Vale want frost insurance for every orchard. Marten "
            "Oswick said the apple harvest would be half of last year's pressing.",
        ),
        (
            "New apple varieties for frost-hit Quillan Vale",
            "The cooperative will graft hardier trees in its orchards.",
            "Marten Oswick showed grafted apple saplings that flower late and escape frost. "
            "The Quillan Vale cider orchards will replant a quarter of their trees.",
        ),
    ],
    "observatory": [
        (
            "Tessary observatory telescope spots comet",
            "Astronomer Nell Carrow found a faint comet from the Tessary ridge.",
            "The Tessary observatory telescope caught the comet before dawn. Nell Carrow said "
            "the comet's tail would brighten as it neared the sun next month.",
        ),
        (
            "Comet hunters crowd Tessary ridge",
            "Nell Carrow opens the observatory telescope to visitors.",
            "Hundreds climbed the Tessary ridge to see the comet through the observatory "
            "telescope. Nell Carrow asked drivers to switch off headlights near the dome.",
        ),
        (
            "Tessary observatory wins telescope upgrade",
            "A new mirror will let Nell Carrow track the comet longer.",
            "The Tessary observatory will fit a larger mirror to its telescope this winter. "
            "Nell Carrow said the comet survey needs darker skies and steadier tracking.",
        ),
    ],
}


def story_article(
    headline: str, standfirst: str, text: str, hours_ago: float = 1.0, **overrides: Any
) -> ArticlePage:
    """Create and publish an article with this text."""
    return make_article(
        title=headline,
        standfirst=standfirst,
        body=[("paragraph", f"<p>{text}</p>")],
        published_at=timezone.now() - dt.timedelta(hours=hours_ago),
        **overrides,
    )


def build_stories(section: SectionPage | None = None) -> dict[str, list[ArticlePage]]:
    """Create every story's articles and index them, as publishing would."""
    created: dict[str, list[ArticlePage]] = {}
    section = section or make_section()
    hours = 1.0
    for name, articles in STORIES.items():
        for headline, standfirst, text in articles:
            hours += 5
            page = story_article(headline, standfirst, text, hours_ago=hours, section=section)
            created.setdefault(name, []).append(page)
    for pages in created.values():
        for page in pages:
            update_article(page.pk)
    return created


def related_ids(article: ArticlePage) -> list[int]:
    """Return the stored list's target ids in order."""
    from masthead.related.models import RelatedEntry

    return list(
        RelatedEntry.objects.filter(article=article)
        .order_by("position")
        .values_list("target_id", flat=True)
    )
