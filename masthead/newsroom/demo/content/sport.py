"""Single stories for Sport: rowing, running, surfing and a new contract."""

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
        slug="averly-womens-crew-win-estuary-cup",
        section="sport",
        title="Averly women's crew win the Estuary Cup for the first time",
        standfirst=(
            "The Averly Estuary Club's coxed four beat the holders from Brackenholt by a "
            "canvas in a race decided on the final stroke."
        ),
        days_ago=56.3,
        authors=("jonah-threlkeld",),
        lead=Picture(
            "harbour", "The Estuary Cup finish line below Averly bridge.", FREELANCE_PHOTO
        ),
        body=(
            "The Averly Estuary Club's women's coxed four won the Estuary Cup on Saturday for "
            "the first time in the race's 94-year history, beating the holders, Brackenholt "
            "Rowing Club, by the length of a bow canvas.",
            "The two crews were level for most of the three-mile course from Mardle Reach to "
            "Averly bridge, racing against an ebbing tide that favoured whichever boat held "
            "the deep water on the outside of the bends.",
            Quote(
                "I called for everything at the last bridge pier and they found it from "
                "somewhere. I honestly did not know we had won until the umpire raised the "
                "white flag.",
                "Saoirse Delacroix-Hale, the Averly cox",
                "said",
            ),
            "Brackenholt's crew, who had won the cup for four years running, were first to "
            "row across and congratulate the winners.",
            "The crew, which includes two teachers, a nurse, a harbour pilot and a university "
            "student, trained on the estuary at six in the morning three days a week through the "
            "winter. It was their third attempt at the race together.",
        ),
    ),
    ArticleSpec(
        slug="salvey-half-marathon-sells-out-in-a-day",
        section="sport",
        title="Salvey Island half-marathon sells out in a day",
        standfirst=(
            "All 600 places went in under eleven hours. Organisers say the island, and the "
            "ferry, cannot take more."
        ),
        days_ago=39.2,
        authors=("jonah-threlkeld",),
        lead=Picture(
            "cliffs", "The half-marathon route along Salvey's north cliffs.", ILLUSTRATION
        ),
        body=(
            "Every place in next summer's Salvey Island half-marathon was taken within eleven "
            "hours of entries opening on Monday, the fastest sell-out in the race's history.",
            "The course circles the island on its single road and the north cliff path, "
            "climbing past the puffin colony before dropping back into Port Salvey.",
            Quote(
                "We could fill it twice over, but six hundred runners is what our roads, our "
                "marshals and the ferry can handle. We would rather people had a good day.",
                "Craig Lundy, race director",
                "said",
            ),
            "Tidewright Ferries will run extra crossings on race day. A waiting list has "
            "opened for runners hoping for places returned by others.",
            "The race began twelve years ago as a fundraiser for the island's lifeboat station, "
            "with 80 runners. It still raises money for the station, and for the island school's "
            "outdoor activities fund.",
        ),
    ),
    ArticleSpec(
        slug="kelvey-sands-bids-for-junior-surf-championships",
        section="sport",
        title="Kelvey Sands bids to host national junior surf championships",
        standfirst=(
            "The beach's surf school and lifeguard club have joined the regional council in a "
            "bid to bring three hundred young surfers to the coast."
        ),
        days_ago=13.3,
        authors=("jonah-threlkeld",),
        lead=Picture("cliffs", "Surfers at Kelvey Sands on an autumn morning.", FREELANCE_PHOTO),
        body=(
            "Kelvey Sands has put itself forward to host the national junior surf "
            "championships in two years' time, in a bid backed by the regional council.",
            "The beach faces the open sea to the south-west and gets consistent waves from "
            "autumn to spring. Its surf school has taught more than four thousand children "
            "since it opened.",
            Quote(
                "Half of the kids in our club learned at the school on this beach. Bringing "
                "the championships here would tell them they belong at that level.",
                "Jess Ocampo-Reed, head coach at Kelvey Sands Surf Club",
                "said",
            ),
            "A decision is expected in the spring. The council said it would improve parking "
            "and the beach's toilets whether or not the bid succeeds.",
            "The championships would bring competitors, coaches and families to the coast for a "
            "week in early spring, when many hotels are quiet. The chamber of commerce estimates "
            "the event could be worth about £1m to local businesses.",
        ),
    ),
    ArticleSpec(
        slug="stannard-signs-new-two-year-deal-with-mariners",
        section="sport",
        title="Stannard signs new two-year deal with Mariners",
        standfirst=(
            "The striker whose goals carried Brackenholt to the County Shield final has turned "
            "down two clubs from higher divisions to stay at Ropewalk Park."
        ),
        days_ago=0.6,
        authors=("jonah-threlkeld",),
        lead=Picture("pitch", "Ollie Stannard at Ropewalk Park after signing his new contract."),
        body=(
            "Ollie Stannard, Brackenholt Mariners' top scorer, has signed a new two-year "
            "contract with the club, ending days of speculation after the County Shield final.",
            "The 24-year-old, who grew up a ten-minute walk from Ropewalk Park, scored "
            "nineteen goals this season, including both in the quarter-final win over "
            "Fennbridge United.",
            Quote(
                "There were offers, and I thought about them properly. But I have unfinished "
                "business here, and after what the town did at the final I could not leave.",
                "Ollie Stannard",
                "told the Courier",
            ),
            "The manager, Dai Pennock, said the signing was 'the best piece of business the "
            "club has done in years'.",
            "Stannard joined the club's youth section at the age of eight and made his first-team"
            " debut at seventeen. He spent two seasons on loan at clubs in higher divisions "
            "before returning to Ropewalk Park last year.",
        ),
    ),
)
