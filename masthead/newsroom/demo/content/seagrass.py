"""Story thread: seagrass returns to Wrenmouth Sound, and the town argues over moorings."""

from __future__ import annotations

from masthead.newsroom.demo.spec import (
    FREELANCE_PHOTO,
    GRAPHIC,
    ILLUSTRATION,
    ArticleSpec,
    Correction,
    Picture,
    Quote,
)

THREAD = "wrenmouth-seagrass"

ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec(
        slug="seagrass-returns-to-wrenmouth-sound",
        section="science",
        title="Seagrass returns to Wrenmouth Sound after three decades",
        standfirst=(
            "Divers from the university's marine station have found meadows of eelgrass "
            "growing off Gull Point for the first time since the early 1990s."
        ),
        days_ago=57.2,
        authors=("priya-lindqvist",),
        thread=THREAD,
        lead=Picture(
            "seagrass", "Eelgrass off Gull Point, photographed at low water.", ILLUSTRATION
        ),
        body=(
            "Seagrass has returned to Wrenmouth Sound, scientists at the University of the "
            "Averly Coast said on Tuesday, more than thirty years after the last meadows "
            "disappeared.",
            "A survey team from the Wrenmouth Marine Station found three patches of eelgrass "
            "on the sandy shelf off Gull Point, the largest about the size of a tennis court.",
            Quote(
                "We went down expecting bare sand, the way it has been on every dive for twenty "
                "years. Instead there were green blades moving in the current. Nobody spoke "
                "when we surfaced; we just looked at each other.",
                "Dr Kofi Anselm, marine ecologist at the Wrenmouth Marine Station",
                "recalled",
            ),
            "Seagrass shelters young fish, steadies the seabed and takes up carbon. The "
            "Sound's meadows were lost to a combination of disease, dredging for the old "
            "coal jetty and sewage that was pumped into the water until the treatment works "
            "at Mardle opened.",
            "Dr Anselm said the recovery was probably seeded by drifting shoots from the "
            "meadows that survived on the far side of Salvey Island, and that cleaner water "
            "had given them somewhere to settle.",
            "The marine station will ask volunteer divers to help map the Sound over the "
            "coming weeks.",
        ),
    ),
    ArticleSpec(
        slug="volunteer-divers-map-the-sounds-new-meadows",
        section="science",
        title="Volunteer divers map the Sound's new seagrass meadows",
        standfirst=(
            "Forty divers from four clubs have spent their weekends counting shoots off Gull "
            "Point, and found far more than the scientists expected."
        ),
        days_ago=40.3,
        authors=("priya-lindqvist", "bea-mortlake"),
        thread=THREAD,
        lead=Picture("seagrass", "A survey frame laid over eelgrass during a weekend dive."),
        body=(
            "What began as three small patches of eelgrass in Wrenmouth Sound now looks like "
            "a meadow of at least four hectares, according to volunteer divers who have been "
            "surveying the seabed for the university.",
            "The divers work in pairs, laying a square metal frame on the seabed every ten "
            "metres along a line and counting the shoots inside it.",
            Picture(
                "harbour",
                "Dive boats tied up at Wrenmouth's inner harbour between survey dives.",
                FREELANCE_PHOTO,
            ),
            Quote(
                "I have dived here since I was a teenager and always thought of the Sound as "
                "a bit of a desert. Now you swim through green. It changes how you see the "
                "place.",
                "Tamsin Ferrow, Wrenmouth Sub-Aqua Club",
                "said",
            ),
            "Lotte Brannigan, a doctoral student at the marine station who is organising the "
            "survey, said the volunteers had recorded more than 19,000 shoots, along with "
            "pipefish, cuttlefish eggs and a juvenile seahorse.",
            Quote(
                "The seahorse made everyone's week. But the numbers matter more: they tell us "
                "the meadow is spreading, not just hanging on.",
                "Lotte Brannigan, doctoral student at the Wrenmouth Marine Station",
                "said",
            ),
            "The survey will continue until the water cools in late autumn. Divers who want to "
            "take part must hold an advanced certificate and attend a two-hour briefing at the "
            "marine station, where they learn to tell eelgrass from the seaweeds that grow "
            "alongside it.",
        ),
    ),
    ArticleSpec(
        slug="moorings-ban-proposed-to-protect-seagrass",
        section="news",
        title="Moorings ban proposed to protect seagrass, angering boat owners",
        standfirst=(
            "Swinging moorings off Gull Point would be replaced by floating ones that do not "
            "drag across the seabed, under plans put to the harbour board."
        ),
        days_ago=22.5,
        authors=("priya-lindqvist", "halvard-quenby"),
        thread=THREAD,
        lead=Picture("harbour", "Boats on swinging moorings off Gull Point, Wrenmouth."),
        body=(
            "Boat owners in Wrenmouth have reacted angrily to a proposal to ban traditional "
            "moorings across the part of the Sound where seagrass has returned.",
            "The plan, put to the Wrenmouth harbour board by the harbourmaster, Nils Carrow, "
            "would replace 46 swinging moorings, whose heavy chains scour the seabed as boats "
            "turn with the tide, with floating 'eco-moorings' held by elastic rodes.",
            Quote(
                "Nobody here is against seagrass. We are against being told to pay eight "
                "hundred pounds each for new moorings with six weeks' notice.",
                "Terry Vosper, secretary of Wrenmouth Boat Club",
                "told the harbour board",
            ),
            "Scientists at the Wrenmouth Marine Station have shown that the meadow's edges "
            "stop in neat circles around each mooring block, where the chain has cleared "
            "the sand.",
            Quote(
                "You can see every mooring from the survey data as a bare ring. Take the "
                "chains away and those rings would fill in within two or three years.",
                "Dr Kofi Anselm, marine ecologist",
                "said",
            ),
            "The harbour board will decide next month. Carrow said he would look at whether "
            "the regional council could help owners with the cost.",
        ),
    ),
    ArticleSpec(
        slug="seagrass-meadows-store-more-carbon-than-expected",
        section="science",
        title="Wrenmouth's seagrass stores more carbon than expected, survey finds",
        standfirst=(
            "The first full study of the Sound's new meadows suggests they bury carbon twice "
            "as fast as older meadows elsewhere on the coast."
        ),
        days_ago=6.4,
        authors=("priya-lindqvist",),
        thread=THREAD,
        corrections=(
            Correction(
                "An earlier version of this article said the meadow covered six hectares. "
                "The survey measured 5.2 hectares.",
                hours_after=30,
            ),
        ),
        lead=Picture("seagrass", "Sediment cores taken from the meadow off Gull Point."),
        body=(
            "The seagrass meadows that have returned to Wrenmouth Sound are burying carbon in "
            "the seabed at about twice the rate of established meadows elsewhere on the "
            "Averly Coast, according to a study by the University of the Averly Coast.",
            "The researchers took sediment cores at forty points across the 5.2-hectare "
            "meadow, many of them located by the volunteer divers who mapped the Sound over "
            "the autumn.",
            Picture(
                "chart",
                "Carbon buried per hectare each year, new meadow against older sites.",
                GRAPHIC,
            ),
            Quote(
                "A young meadow grows fast and traps the fine sediment that drifts in on each "
                "tide. We expect the rate to slow as it matures, but the carbon already "
                "buried stays buried if the meadow is left alone.",
                "Dr Kofi Anselm, who led the study",
                "said",
            ),
            "The vice-chancellor, Professor Helena Strand-Marsh, said the university would "
            "fund a permanent monitoring post at Gull Point for at least ten years.",
            "The harbour board is due to decide on its moorings plan, which the study's "
            "authors say is the single biggest threat to the meadow, at the end of the month.",
        ),
    ),
)
