"""Story thread: Tidewright Ferries cuts, then restores, the Salvey Island crossings."""

from __future__ import annotations

from masthead.newsroom.demo.spec import (
    GRAPHIC,
    ArticleSpec,
    Correction,
    Picture,
    Quote,
)

THREAD = "salvey-ferry"

ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec(
        slug="tidewright-to-cut-winter-sailings-to-salvey",
        section="news",
        title="Tidewright Ferries to cut winter sailings to Salvey Island",
        standfirst=(
            "The only ferry company serving Salvey Island will run two crossings a day "
            "instead of five this winter, leaving islanders fearing for jobs, schooling "
            "and hospital appointments."
        ),
        days_ago=52.3,
        authors=("maren-teague",),
        thread=THREAD,
        lead=Picture(
            "ferry",
            "The Kittiwake Maid leaving Wrenmouth for Salvey Island on Monday morning.",
        ),
        body=(
            "Tidewright Ferries will reduce its winter timetable between Wrenmouth and Port "
            "Salvey to two return crossings a day from the start of next month, the "
            "company confirmed on Monday.",
            "The cut means the first boat off the island will leave at half past nine, too "
            "late for the forty or so islanders who work early shifts on the mainland and too "
            "late for the secondary school pupils who now take the seven o'clock sailing.",
            Quote(
                "We have not taken this decision lightly. Our fleet is old, our fuel bill has "
                "doubled and in the darkest months some sailings carry fewer than ten people.",
                "Colm Vesterby, chief executive of Tidewright Ferries",
                "said in a statement",
            ),
            "Salvey Island has about 1,400 residents, a primary school, a doctor's surgery "
            "open three days a week and no secondary school. Older pupils board in Wrenmouth "
            "from Monday to Friday or cross every day.",
            Quote(
                "My mother is on the list for a hip operation in Averly. With two boats a day "
                "she would need to stay two nights on the mainland for a one-hour appointment.",
                "Ailsa Morven, chair of the Salvey Island Community Trust",
                "told reporters at the Port Salvey slipway",
            ),
            "The regional council, which pays Tidewright an annual grant to keep the route "
            "open, said it had been told of the change on Friday and was seeking legal advice "
            "on whether the new timetable breaks the terms of that grant.",
        ),
    ),
    ArticleSpec(
        slug="council-calls-emergency-meeting-over-salvey-ferry",
        section="politics",
        title="Council calls emergency meeting over Salvey ferry cuts",
        standfirst=(
            "Councillors from every group on the Averly Coast Regional Council have asked "
            "Tidewright Ferries to explain its winter timetable in public."
        ),
        days_ago=49.1,
        authors=("idris-pelling", "maren-teague"),
        thread=THREAD,
        lead=Picture(
            "chamber",
            "The council chamber in Averly's old corn exchange, where the meeting will be held.",
        ),
        body=(
            "The leader of the Averly Coast Regional Council, Gwen Harrowby, has called an "
            "extraordinary meeting for next Thursday after Tidewright Ferries announced it "
            "would cut winter crossings to Salvey Island from five a day to two.",
            "It is the first emergency meeting the council has held since the storm surge "
            "of six years ago, and it has the support of the opposition Vale and Villages "
            "group as well as Harrowby's own Coastal Alliance.",
            Quote(
                "An island is not a place you can reach by bus if the boat does not come. The "
                "ferry is the road, and we would never let a road close for half the day.",
                "Gwen Harrowby, council leader",
                "said",
            ),
            "The chair of the transport committee, Amos Tregarth, said the grant agreement "
            "signed with Tidewright four years ago required 'a service adequate to the needs "
            "of residents' but did not specify a number of sailings.",
            Quote(
                "That wording was a mistake, and some of us said so at the time. We will not "
                "sign another agreement that leaves the timetable to the company's goodwill.",
                "Declan Mayhew, leader of the Vale and Villages group",
                "wrote on social media",
            ),
            "Tidewright's chief executive, Colm Vesterby, has been invited to address the "
            "meeting. The company said he would attend.",
        ),
    ),
    ArticleSpec(
        slug="salvey-islanders-sail-to-averly-in-ferry-protest",
        section="news",
        title="Salvey islanders sail to Averly in ferry protest",
        standfirst=(
            "Sixty boats, from crab skiffs to a restored sailing barge, crossed the Sound "
            "and motored up the Avel to the council's doorstep."
        ),
        days_ago=45.6,
        authors=("maren-teague", "bea-mortlake"),
        thread=THREAD,
        lead=Picture(
            "harbour",
            "Protest boats gather at Port Salvey before setting out for Averly.",
        ),
        body=(
            "More than three hundred Salvey Island residents crossed to the mainland on "
            "Saturday in a flotilla of private boats to protest against Tidewright Ferries' "
            "plan to cut its winter service.",
            "The boats left Port Salvey at first light and tied up along Averly's town quay "
            "shortly before eleven, where they were met by a crowd that filled the length of "
            "Corn Exchange Street.",
            Picture(
                "crowd",
                "Islanders and supporters on Corn Exchange Street, Averly, on Saturday.",
            ),
            Quote(
                "The last time the island came over like this was in 1979, when they wanted to "
                "close the school. I was nine, in my father's boat, holding a sign I could not "
                "spell. We kept the school.",
                "Ailsa Morven, chair of the Salvey Island Community Trust",
                "recalled",
            ),
            "Speakers included the island's doctor, two pupils who cross daily to Wrenmouth "
            "Academy and the skipper of the Kittiwake Maid, who said he was speaking as an "
            "islander and not for his employer.",
            "The harbourmaster at Wrenmouth, Nils Carrow, said the crossing had passed "
            "without incident and thanked skippers for keeping to the channel.",
            "A petition with 4,100 signatures was handed to the council leader, Gwen "
            "Harrowby, on the steps of the corn exchange.",
        ),
    ),
    ArticleSpec(
        slug="tidewright-blames-ageing-fleet-and-fuel-bill",
        section="business",
        title="Tidewright blames ageing fleet and fuel bill for Salvey timetable",
        standfirst=(
            "Accounts filed this week show the ferry company lost money on the island route "
            "for a third year, as repairs to its two vessels ate into a shrinking grant."
        ),
        days_ago=38.4,
        authors=("sunniva-rourke",),
        thread=THREAD,
        lead=Picture(
            "ferry",
            "The Salvey Lass, the older of Tidewright's two vessels, in dry dock at Brackenholt.",
        ),
        body=(
            "Tidewright Ferries lost £610,000 on its Wrenmouth to Salvey Island route in the "
            "last financial year, according to accounts published on Tuesday, the third loss "
            "in a row.",
            "The company's two vessels, the Kittiwake Maid and the Salvey Lass, are 31 and "
            "38 years old. Between them they spent eleven weeks out of service last year, "
            "and repair bills rose by almost half.",
            Picture(
                "chart",
                "Tidewright's fuel and repair costs against the council grant, last five years.",
                GRAPHIC,
            ),
            "The regional council's grant has been fixed at £1.1m a year since the current "
            "agreement was signed, while the company's fuel costs have risen from £480,000 to "
            "just under £1m.",
            Quote(
                "We are not asking for a blank cheque. We are asking for a grant that tracks "
                "the price of diesel, and for help replacing a boat that was built before most "
                "of our crew were born.",
                "Colm Vesterby, chief executive of Tidewright Ferries",
                "told the Courier",
            ),
            "The accounts also show that the company's freight business, which carries "
            "livestock, fuel and building materials to the island, made a small profit. "
            "Analysts at the Averly Coast Chamber of Commerce said the figures suggested the "
            "route could break even with a newer, more efficient vessel.",
        ),
    ),
    ArticleSpec(
        slug="ferry-deal-restores-daily-salvey-crossings",
        section="news",
        title="Ferry deal restores daily Salvey crossings until spring",
        standfirst=(
            "The regional council will pay Tidewright Ferries an extra grant to keep four "
            "crossings a day running through the winter while a new vessel is found."
        ),
        days_ago=30.2,
        authors=("maren-teague", "idris-pelling"),
        thread=THREAD,
        updated_hours=5.5,
        corrections=(
            Correction(
                "An earlier version of this article said the extra grant was £1.2m. It is "
                "£1.4m, spread over two years.",
                hours_after=20,
            ),
        ),
        lead=Picture(
            "harbour",
            "The early sailing will leave Port Salvey at ten to seven again from Monday.",
        ),
        body=(
            "Salvey Island will keep four ferry crossings a day this winter after the regional "
            "council and Tidewright Ferries agreed a deal late on Wednesday night.",
            "Under the agreement the council will pay an extra £1.4m over two years, linked to "
            "the price of fuel, and the company will restore the early sailing that carries "
            "workers and pupils to Wrenmouth.",
            Quote(
                "Four boats, with the early one back. It is not five, but it is a timetable "
                "people can build a week around.",
                "Ailsa Morven, chair of the Salvey Island Community Trust",
                "said",
            ),
            "The two sides will also commission a study of a replacement for the Salvey Lass, "
            "with the university's naval architecture group at Wrenmouth asked to look at "
            "hybrid and battery-electric designs.",
            Quote(
                "Thank you to everyone on the island who wrote, sailed, signed and argued. The "
                "early boat is back from Monday.",
                "Colm Vesterby, chief executive of Tidewright Ferries",
                "wrote on social media",
            ),
            "The council leader, Gwen Harrowby, said the deal would be reviewed in the spring "
            "and that any new grant agreement would set out a minimum timetable in writing.",
            "Update: Tidewright confirmed on Thursday afternoon that the first restored "
            "sailing will leave Port Salvey at 06:50 on Monday.",
        ),
    ),
)
