"""Story thread: Haddow's cannery in Mardle closes, and its workers buy it."""

from __future__ import annotations

from masthead.newsroom.demo.spec import (
    FREELANCE_PHOTO,
    ArticleSpec,
    Picture,
    Quote,
)

THREAD = "mardle-cannery"

ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec(
        slug="haddows-cannery-in-mardle-to-close",
        section="business",
        title="Haddow's cannery in Mardle to close after 112 years",
        standfirst=(
            "Eighty-four jobs will go when the last family-owned fish cannery on the Averly "
            "Coast shuts its doors at the end of next month."
        ),
        days_ago=55.4,
        authors=("sunniva-rourke",),
        thread=THREAD,
        lead=Picture("harbour", "Haddow's cannery on the quay at Mardle."),
        body=(
            "Haddow's, the cannery that has packed sardines and mackerel on Mardle quay since "
            "1913, will close next month with the loss of 84 jobs, its owners told staff on "
            "Thursday morning.",
            "The company said rising energy costs, the loss of a supermarket contract and the "
            "cost of replacing its ageing retort ovens had made the business impossible to "
            "sustain.",
            Quote(
                "My great-grandfather opened this cannery with eleven people and a steam "
                "boiler. I am the one who has to close it, and I am sorry to every family "
                "who gave us their working lives.",
                "Alistair Haddow, managing director",
                "said",
            ),
            "Mardle has a population of about 2,600. The cannery is its largest employer "
            "after the primary school and the harbour, and many families have worked there "
            "for three or four generations.",
            Quote(
                "Everyone knew it was struggling. Nobody thought it would be this quick.",
                "Rosa Tamblyn, line supervisor and union representative",
                "told the Courier outside the gates",
            ),
            "The regional council said its business support team would meet workers next week.",
        ),
    ),
    ArticleSpec(
        slug="cannery-workers-plan-to-buy-haddows",
        section="business",
        title="Cannery workers draw up plan to buy Haddow's",
        standfirst=(
            "Staff at the Mardle cannery want to run it as a cooperative, selling tinned fish "
            "under their own name to delicatessens and restaurants."
        ),
        days_ago=43.2,
        authors=("sunniva-rourke",),
        thread=THREAD,
        lead=Picture("crowd", "Cannery workers meet at Mardle's Seamen's Hall on Sunday."),
        body=(
            "Workers at Haddow's cannery in Mardle have formed a cooperative and asked the "
            "owners for time to raise money to buy the business before it closes.",
            "At a meeting in the town's Seamen's Hall on Sunday, 61 of the 84 staff each "
            "pledged £500 towards the purchase. The group's plan is to stop making supermarket "
            "own-brand tins and sell premium fish under a Mardle label instead.",
            Quote(
                "We know how to do everything in that building. What we have never done is "
                "sell what we make. That is what we are learning now, very fast.",
                "Rosa Tamblyn, who chairs the new Mardle Cannery Cooperative",
                "said",
            ),
            "Alistair Haddow said the family would delay the closure by two months and would "
            "consider an offer from the workers 'before any other'.",
            Quote(
                "If the people who work there can make it succeed, nothing would make my "
                "family happier.",
                "Alistair Haddow",
                "said",
            ),
            "The cooperative will need about £1.5m, including new ovens. It has approached "
            "the regional council and two ethical lenders.",
        ),
    ),
    ArticleSpec(
        slug="council-backs-loan-for-mardle-cannery-cooperative",
        section="business",
        title="Council backs £600,000 loan for Mardle cannery cooperative",
        standfirst=(
            "The vote means the workers' bid to buy Haddow's has most of the money it needs, "
            "with a fortnight left before the deadline."
        ),
        days_ago=24.3,
        authors=("sunniva-rourke", "idris-pelling"),
        thread=THREAD,
        lead=Picture("chamber", "The regional council's cabinet meeting on Tuesday."),
        body=(
            "The Averly Coast Regional Council has agreed to lend £600,000 to the cooperative "
            "formed by workers at Haddow's cannery in Mardle, bringing their bid to buy the "
            "business close to its target.",
            "The loan, from the council's coastal economy fund, will be repaid over twelve "
            "years and is secured against the cannery building.",
            Quote(
                "This is the fund's purpose. It is not a grant and it is not a rescue. It is a "
                "loan to people with a plan, in a town that needs the jobs.",
                "Gwen Harrowby, council leader",
                "said",
            ),
            "The cooperative has also secured £450,000 from an ethical lender and £180,000 "
            "from its own members, leaving a gap of about £270,000.",
            "The opposition leader, Declan Mayhew, supported the loan but asked officers to "
            "report every six months on whether repayments were being made.",
        ),
    ),
    ArticleSpec(
        slug="first-tins-roll-off-the-line-at-mardle-cooperative",
        section="business",
        title="First tins roll off the line as Mardle cooperative takes over",
        standfirst=(
            "Weeks after Haddow's was due to close, its former workers are canning "
            "mackerel again, now as the owners."
        ),
        days_ago=3.1,
        authors=("sunniva-rourke", "bea-mortlake"),
        thread=THREAD,
        updated_hours=3.0,
        lead=Picture(
            "harbour", "The renamed Mardle Cannery on its first morning.", FREELANCE_PHOTO
        ),
        body=(
            "The first tins of mackerel packed by the Mardle Cannery Cooperative came off the "
            "line on Monday morning, ending a two-month fight to save the town's biggest "
            "employer.",
            "The cooperative completed its purchase of Haddow's on Friday after a crowdfunding "
            "appeal closed the last £270,000 of its funding gap in nine days.",
            Quote(
                "I walked in at six like I have for thirty-one years. The difference is that "
                "this morning I had the keys.",
                "Rosa Tamblyn, chair of the Mardle Cannery Cooperative",
                "said",
            ),
            "Seventy-two of the original 84 staff have returned. The first batch, 12,000 tins "
            "of mackerel in rapeseed oil, has been sold to a wholesaler supplying "
            "delicatessens across the region.",
            Quote(
                "Dad would have liked today very much.",
                "Alistair Haddow",
                "wrote on social media, with a photograph of the first tin",
            ),
            "Update: the cooperative said on Monday afternoon that it had taken orders for "
            "a further 30,000 tins, enough to run two shifts until the spring.",
        ),
    ),
)
