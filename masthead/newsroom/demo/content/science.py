"""Single stories for Science: dark skies, tide gauges and puffins."""

from __future__ import annotations

from masthead.newsroom.demo.spec import (
    FREELANCE_PHOTO,
    GRAPHIC,
    ILLUSTRATION,
    ArticleSpec,
    Picture,
    Quote,
)

ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec(
        slug="corrin-vale-seeks-dark-sky-status",
        section="science",
        title="Corrin Vale seeks dark sky status for its starry nights",
        standfirst=(
            "Astronomers and farmers have joined forces to protect one of the darkest valleys "
            "in the region from new street lighting."
        ),
        days_ago=48.3,
        authors=("priya-lindqvist",),
        lead=Picture("field", "Night over the upper valley, seen from Corrin Fell.", ILLUSTRATION),
        body=(
            "A group of residents, farmers and amateur astronomers has applied for Corrin "
            "Vale to be recognised as a dark sky reserve, which would commit the council to "
            "limiting new outdoor lighting in the valley.",
            "Measurements taken over two winters by the university's physics department "
            "found that on clear nights the sky above Upper Corrin is darker than anywhere "
            "else in the region, including Salvey Island.",
            Quote(
                "On a moonless night you can see the Milky Way throw a faint shadow. Most "
                "people in this country have never seen that, and most never will.",
                "Dr Oskar Felling, astrophysicist at the University of the Averly Coast",
                "said",
            ),
            "The application asks for new lights to point downwards and use warm colours. "
            "Some farmers said they had worried about security, but most had been persuaded "
            "that shielded lights would work as well.",
            "If the application succeeds, Corrin Vale would be the first dark sky reserve on the "
            "Averly Coast. A decision is expected next year, and the group plans public "
            "stargazing evenings at Thistlebeck village hall in the meantime.",
        ),
    ),
    ArticleSpec(
        slug="averly-tide-gauge-marks-150-years",
        section="science",
        title="Averly's tide gauge marks 150 years of sea-level records",
        standfirst=(
            "One of the longest continuous records of the sea on the coast shows the water at "
            "Averly quay has risen by about 23 centimetres since it began."
        ),
        days_ago=27.4,
        authors=("priya-lindqvist",),
        lead=Picture("harbour", "The tide gauge hut at the end of Averly's town quay."),
        body=(
            "A small stone hut at the end of Averly's town quay has been measuring the height "
            "of the sea for 150 years this week, making it one of the longest continuous tide "
            "records on the coast.",
            "The first readings were taken by a harbour clerk who climbed down a ladder "
            "every hour to read a painted board. A float and a pen on a rotating drum replaced "
            "him in 1902; today a radar sensor reports every minute.",
            Picture(
                "chart", "Average annual sea level at Averly quay since records began.", GRAPHIC
            ),
            Quote(
                "The line wobbles from year to year with storms and winds, but over a century "
                "and a half there is no mistaking which way it goes, or that it is going "
                "faster now.",
                "Professor Helena Strand-Marsh, vice-chancellor of the university",
                "said",
            ),
            "The university, which took over the gauge in 1968, is digitising the old "
            "handwritten ledgers and will publish the full record online.",
            "The record has been used to design flood defences along the coast, including the "
            "Quay Street wall that was overtopped during Storm Ilse. Engineers say it lets them "
            "see how storms and tides have combined over many decades, not just the last few.",
        ),
    ),
    ArticleSpec(
        slug="puffin-numbers-rise-on-salvey-cliffs",
        section="science",
        title="Puffin numbers rise on Salvey's cliffs for a third year",
        standfirst=(
            "The island's colony has grown to more than 2,000 pairs, helped by a rat-free "
            "programme and a good year for sand eels."
        ),
        days_ago=10.4,
        authors=("priya-lindqvist", "maren-teague"),
        lead=Picture("cliffs", "Puffins on the north cliffs of Salvey Island.", FREELANCE_PHOTO),
        body=(
            "The number of puffins breeding on Salvey Island has risen for the third year in "
            "a row, according to the annual count by island volunteers and the university.",
            "Counters found 2,140 occupied burrows on the north cliffs, up from 1,620 three "
            "years ago. The increase follows a programme to keep rats off the island, which "
            "began after a rat was found in a freight container a decade ago.",
            Quote(
                "Every box that comes off the freight boat is checked, every trap is checked "
                "weekly, and the islanders have done it without complaint. This is their "
                "result as much as the puffins'.",
                "Lotte Brannigan, who coordinated this year's count",
                "said",
            ),
            "Scientists warned that the birds depend on sand eels, whose numbers vary "
            "sharply with sea temperature, and that one poor year could undo much of the gain.",
            "Visitors can watch the colony from a hide on the north cliff path, open from April "
            "to August. Island guides ask walkers to keep to the path, because puffin burrows can"
            " collapse under a careless foot.",
        ),
    ),
)
