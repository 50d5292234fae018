"""Single stories for Culture: a library, a play, a poet and a museum appeal."""

from __future__ import annotations

from masthead.newsroom.demo.spec import (
    FREELANCE_PHOTO,
    ILLUSTRATION,
    ArticleSpec,
    Picture,
    Quote,
)

ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec(
        slug="wrenmouth-institute-library-reopens",
        section="culture",
        title="Wrenmouth Institute Library reopens after a three-year restoration",
        standfirst=(
            "The Victorian reading room has its painted ceiling back, and a new children's "
            "library has been built in the old coal store."
        ),
        days_ago=58.3,
        authors=("oren-castellane", "bea-mortlake"),
        lead=Picture("books", "The restored reading room at the Wrenmouth Institute Library."),
        body=(
            "The Wrenmouth Institute Library reopened on Saturday after a three-year "
            "restoration that uncovered a painted ceiling hidden for almost a century.",
            "The ceiling, showing the constellations used by the town's navigators, was "
            "covered with plasterboard in the 1930s after a leak. Conservators spent a year "
            "cleaning and repairing it.",
            Picture("books", "Conservators' scaffolding under the painted ceiling last spring."),
            Quote(
                "When the first board came down we saw a corner of Orion and a gilded star. "
                "Everyone in the room stopped work and came to look.",
                "Frances Odhiambo-Reid, the conservator who led the project",
                "recalled",
            ),
            "The library was built by the town's seafarers' mutual society in 1881 so that "
            "sailors ashore between voyages had somewhere warm to read. It still holds their "
            "logbooks and a collection of charts going back to the 1790s.",
            "The restoration cost £2.8m, most of it from heritage grants, with £310,000 raised by"
            " residents. The library will now open on Sunday afternoons, and the chart collection"
            " can be seen by appointment.",
        ),
    ),
    ArticleSpec(
        slug="averly-players-storm-night-review",
        section="culture",
        title="Review: Averly Players find the heart of a fishing town in Storm Night",
        standfirst=(
            "A new play built from residents' memories of the 1961 harbour fire is the best "
            "thing the company has staged in years."
        ),
        days_ago=44.4,
        authors=("oren-castellane",),
        lead=Picture(
            "lanterns", "The cast of Storm Night on the Corn Exchange stage.", ILLUSTRATION
        ),
        body=(
            "The Averly Players have never been short of ambition, but Storm Night, which "
            "opened at the Corn Exchange on Thursday, is something rarer: a play that sounds "
            "exactly like the place it comes from.",
            "The writer, Joss Penberthy-Kaye, spent a year recording interviews with people "
            "who remember the night in 1961 when fire spread along the net lofts on "
            "Wrenmouth quay. Whole speeches are taken word for word from those recordings.",
            "The staging is simple: a row of lofts suggested by ropes and lanterns, a chorus "
            "of townspeople who step forward to speak and back to watch. The fire itself is "
            "never shown. We see it only in the faces turned towards it.",
            "It is not perfect. The second act loses pace in a long council meeting scene, "
            "and a subplot about a missing boat is resolved too neatly. But the closing "
            "minutes, as the chorus names every loft that burned, left much of the audience "
            "in tears.",
            "Storm Night runs at the Corn Exchange, Averly, until the end of the month.",
        ),
    ),
    ArticleSpec(
        slug="salvey-poet-wins-regional-book-prize",
        section="culture",
        title="Salvey Island poet's first collection wins regional book prize",
        standfirst=(
            "Innes Farrow wrote most of Slack Water on the ferry, between Port Salvey and "
            "the library in Wrenmouth."
        ),
        days_ago=21.2,
        authors=("oren-castellane",),
        lead=Picture(
            "ferry", "The crossing that gave Innes Farrow most of Slack Water.", FREELANCE_PHOTO
        ),
        body=(
            "Innes Farrow, a poet and part-time ferry deckhand from Salvey Island, has won the "
            "Averly Coast Book Prize for Slack Water, her first collection.",
            "The judges called the book 'a collection about tides, timetables and the people "
            "who live by both', and singled out a sequence of poems written on night "
            "crossings during a stormy winter.",
            Quote(
                "The crossing is forty minutes. That is exactly one poem, if you do not look "
                "up at the gulls too often.",
                "Innes Farrow",
                "said at the award ceremony",
            ),
            "Farrow receives £5,000. She said she would spend some of it on a new waterproof "
            "notebook and the rest on 'the island's very patient babysitters'.",
            "Farrow began writing poems at the island school and kept at it through years of "
            "seasonal work on the ferries and in Wrenmouth's hotels. Slack Water was published by"
            " a small press in Averly that prints its books on a letterpress in a former sail "
            "loft.",
        ),
    ),
    ArticleSpec(
        slug="museum-asks-for-photographs-of-1961-harbour-fire",
        section="culture",
        title="Museum asks residents for photographs of the 1961 harbour fire",
        standfirst=(
            "Wrenmouth Museum has almost no pictures of the night the net lofts burned. It "
            "hopes family albums can fill the gap."
        ),
        days_ago=7.3,
        authors=("oren-castellane",),
        lead=Picture("skyline", "The rebuilt net lofts on Wrenmouth quay today.", ILLUSTRATION),
        body=(
            "Wrenmouth Museum has appealed for photographs, letters and objects connected to "
            "the 1961 harbour fire, after the success of the Averly Players' play about the "
            "night brought dozens of people to its door with memories to share.",
            "The museum holds only four photographs of the fire, all taken the morning after. "
            "Its curators believe others must exist in family albums around the coast.",
            Quote(
                "Since the play opened, people have been coming in to tell us what they saw. "
                "Several have mentioned a photograph an uncle took from the lighthouse. We "
                "would very much like to find it.",
                "Delphine Marwood, curator at Wrenmouth Museum",
                "said",
            ),
            "Items can be brought to the museum on Saturday mornings, when volunteers will "
            "scan photographs and return them on the spot.",
            "The museum plans an exhibition about the fire next year. People who cannot visit can"
            " send scans by post or email; the museum has asked that original photographs are not"
            " pushed through its letterbox.",
        ),
    ),
)
