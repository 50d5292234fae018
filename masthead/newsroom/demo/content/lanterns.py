"""Story thread: the Averly Lantern Walk moves to Wrenmouth harbour."""

from __future__ import annotations

from masthead.newsroom.demo.spec import (
    ILLUSTRATION,
    ArticleSpec,
    Correction,
    Picture,
    Quote,
)

THREAD = "lantern-walk"

ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec(
        slug="lantern-walk-to-move-to-wrenmouth-harbour",
        section="culture",
        title="Averly Lantern Walk to move to Wrenmouth harbour after record crowds",
        standfirst=(
            "Organisers say the old route through Averly's lanes can no longer take the "
            "numbers. This year the lanterns will circle the harbour instead."
        ),
        days_ago=36.2,
        authors=("oren-castellane",),
        thread=THREAD,
        lead=Picture("lanterns", "Last year's Lantern Walk on Averly's Ropemakers' Lane."),
        body=(
            "The Averly Lantern Walk, which began forty years ago as a procession of a few "
            "dozen families, will leave Averly for the first time this winter and move to "
            "the harbour at Wrenmouth.",
            "Last year an estimated 11,000 people squeezed into the narrow lanes of Averly's "
            "old town, and stewards had to close the route twice to let crowds clear.",
            Quote(
                "We love the lanes. But we had people standing on walls and in gardens, and "
                "one of these years someone would have been hurt.",
                "Esme Quayle, director of the Lantern Walk",
                "said",
            ),
            "The new route will follow the harbour wall from the fish quay to the lighthouse "
            "and back, with lanterns floated on the inner harbour at the end of the evening.",
            "Some Averly traders are unhappy. The walk is one of the busiest nights of the "
            "year for the town's pubs and cafés, and the Averly Traders' Guild said it had "
            "not been consulted.",
        ),
    ),
    ArticleSpec(
        slug="families-make-lanterns-for-the-walk",
        section="culture",
        title="Workshops fill up as families make lanterns for the walk",
        standfirst=(
            "Willow, tissue paper and a lot of glue: the Lantern Walk's making sessions have "
            "sold out in every town on the coast."
        ),
        days_ago=14.4,
        authors=("oren-castellane", "bea-mortlake"),
        thread=THREAD,
        lead=Picture("lanterns", "A lantern in the shape of a mackerel takes shape in Mardle."),
        body=(
            "Every lantern-making workshop for this year's Lantern Walk is full, with more "
            "than 1,800 people booked into sessions in Averly, Wrenmouth, Mardle and on "
            "Salvey Island.",
            "Families build frames from soaked willow, cover them in tissue paper and fit a "
            "battery light; candles were banned from the walk twelve years ago.",
            Picture(
                "books",
                "Willow frames drying on the shelves of the Wrenmouth Institute Library.",
                ILLUSTRATION,
            ),
            Quote(
                "We made a ferry last year. This year my daughter wants a whale, which means "
                "I need a bigger car.",
                "Callum Reyes, who was building a lantern in Wrenmouth with his two children",
                "said",
            ),
            "The artist Tove Amadi, who leads the workshops, said the most popular shapes "
            "this year were fish, boats and, after the Mariners' cup run, footballs.",
            Quote(
                "People make what they love about where they live. You can read the year's "
                "news in the lanterns.",
                "Tove Amadi, artist",
                "said",
            ),
            "The organisers have added four extra sessions in Wrenmouth, including two on weekday"
            " evenings for people who work at weekends. Materials are free, paid for by a grant "
            "from the regional council and donations collected at last year's walk.",
        ),
    ),
    ArticleSpec(
        slug="eight-thousand-lanterns-light-wrenmouth-harbour",
        section="culture",
        title="Eight thousand lanterns light Wrenmouth harbour",
        standfirst=(
            "The Lantern Walk's first night on the water drew the biggest crowd in its history, "
            "and the harbour wall held them all."
        ),
        days_ago=1.2,
        authors=("oren-castellane", "maren-teague"),
        thread=THREAD,
        updated_hours=4.0,
        corrections=(
            Correction(
                "An earlier version of this article said the walk began in 1987. It began in 1985.",
                hours_after=12,
            ),
        ),
        lead=Picture("lanterns", "Lanterns on the harbour wall at Wrenmouth on Saturday night."),
        body=(
            "About eight thousand lanterns were carried around Wrenmouth harbour on Saturday "
            "night as the Averly Lantern Walk, begun in 1985, moved to the water for the "
            "first time.",
            "Organisers estimated the crowd at 14,000. The procession left the fish quay at "
            "six, reached the lighthouse as the tide turned and ended with hundreds of small "
            "lanterns set afloat on the inner harbour.",
            Quote(
                "When the floating lanterns went out, the whole harbour went quiet. You could "
                "hear the water against the wall.",
                "Esme Quayle, director of the Lantern Walk",
                "said",
            ),
            "A lantern of the Kittiwake Maid, made by pupils from Salvey Island primary "
            "school, led the procession. Tidewright Ferries ran two extra evening sailings so "
            "that islanders could attend.",
            Quote(
                "We were worried about the move, I will admit it. Tonight we stopped worrying.",
                "A spokesperson for the Averly Traders' Guild",
                "said",
            ),
            "Update: Wrenmouth harbourmaster Nils Carrow said on Sunday morning that "
            "volunteers had recovered every floating lantern from the water by first light.",
        ),
    ),
)
