"""Story thread: the Corrin Vale by-election and the new councillor's first motion."""

from __future__ import annotations

from masthead.newsroom.demo.spec import (
    GRAPHIC,
    ILLUSTRATION,
    ArticleSpec,
    Correction,
    Picture,
    Quote,
)

THREAD = "corrin-vale-by-election"

ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec(
        slug="by-election-called-in-corrin-vale",
        section="politics",
        title="By-election called in Corrin Vale after councillor steps down",
        standfirst=(
            "Morag Pettifer, who represented the valley for nineteen years, is standing down "
            "on health grounds. Three candidates have already declared."
        ),
        days_ago=47.2,
        authors=("halvard-quenby",),
        thread=THREAD,
        lead=Picture("field", "Farmland above Thistlebeck, in the Corrin Vale ward."),
        body=(
            "Voters in Corrin Vale will elect a new member of the Averly Coast Regional "
            "Council next month after Morag Pettifer announced she was standing down.",
            "Pettifer, who first won the seat in a by-election of her own, has represented "
            "the ward's farms and villages, from Upper Corrin to Thistlebeck, as an "
            "independent for almost two decades.",
            Quote(
                "I have been told to slow down by people who know better than I do. The valley "
                "deserves a councillor who can go to every meeting, and I no longer can.",
                "Morag Pettifer",
                "wrote in a letter to constituents",
            ),
            "The Coastal Alliance, which leads the council, has selected Hattie Lowther, a "
            "vet from Upper Corrin. The Vale and Villages Party has chosen Pieter Gale, who "
            "runs the dairy at Thistlebeck. Yusuf Brennan, a retired bus driver who chairs "
            "the Thistlebeck residents' association, is standing as an independent.",
            "The result could matter beyond the valley: the Coastal Alliance governs with a "
            "majority of three, and a loss would narrow it to one.",
        ),
    ),
    ArticleSpec(
        slug="corrin-vale-candidates-face-voters",
        section="politics",
        title="Buses, broadband and a bridge: Corrin Vale candidates face voters",
        standfirst=(
            "More than two hundred people packed Thistlebeck village hall for the only "
            "hustings of the by-election campaign."
        ),
        days_ago=35.3,
        authors=("halvard-quenby", "idris-pelling"),
        thread=THREAD,
        lead=Picture("crowd", "Thistlebeck village hall during Wednesday's hustings."),
        body=(
            "The three candidates in the Corrin Vale by-election were questioned for two "
            "hours on Wednesday evening in a hustings that ran out of chairs before it began.",
            "Most questions were about getting around. The valley lost its Sunday bus last "
            "year, mobile coverage stops at the Upper Corrin cattle grid, and the footbridge "
            "over the Corrin at Thistlebeck has been closed since the winter floods.",
            Quote(
                "Children walk two miles round by the road bridge to reach the school bus. "
                "If I am elected, the footbridge is the first thing I will raise.",
                "Yusuf Brennan, independent candidate",
                "said",
            ),
            Quote(
                "The footbridge matters, but so does the fact that half this valley cannot "
                "run a business online. Broadband is the bridge to everything else.",
                "Hattie Lowther, Coastal Alliance candidate",
                "said",
            ),
            Quote(
                "The council has spent ten years planning for Averly and Wrenmouth and "
                "forgetting that people live up here too.",
                "Pieter Gale, Vale and Villages candidate",
                "said",
            ),
            "The chair of the meeting, the Reverend Anna Kilbride, closed it by reminding "
            "the audience that polls would be open from seven in the morning until ten at "
            "night in the village halls at Upper Corrin and Thistlebeck.",
            "Lowther promised a mobile mast on Corrin Fell within two years. Gale said he would "
            "push for the Sunday bus to return before anything else, and Brennan said he would "
            "hold a surgery in a different village hall every week.",
        ),
    ),
    ArticleSpec(
        slug="yusuf-brennan-wins-corrin-vale",
        section="politics",
        title="Independent Yusuf Brennan wins Corrin Vale by 62 votes",
        standfirst=(
            "The retired bus driver beat the Coastal Alliance candidate after a recount, "
            "cutting the council leader's majority to one."
        ),
        days_ago=28.1,
        authors=("halvard-quenby",),
        thread=THREAD,
        corrections=(
            Correction(
                "An earlier version of this article gave the turnout as 41 per cent. It was "
                "44 per cent.",
                hours_after=9,
            ),
        ),
        lead=Picture("chamber", "The count at Averly's corn exchange in the early hours."),
        body=(
            "Yusuf Brennan, an independent who campaigned on reopening the Thistlebeck "
            "footbridge, has won the Corrin Vale by-election by 62 votes after a recount in "
            "the early hours of Friday morning.",
            "Brennan took 1,204 votes to 1,142 for Hattie Lowther of the Coastal Alliance and "
            "903 for Pieter Gale of the Vale and Villages Party. Turnout was 44 per cent, "
            "high for a by-election.",
            Picture("chart", "Votes cast for each candidate in Corrin Vale.", GRAPHIC),
            Quote(
                "I drove the valley bus for twenty-six years. I know every stop and I know "
                "who gets off at each one. That is who I will be working for.",
                "Yusuf Brennan",
                "told supporters at the count",
            ),
            "The result leaves the Coastal Alliance with a majority of one on the regional "
            "council. Its leader, Gwen Harrowby, congratulated Brennan and said she would "
            "meet him next week.",
            Quote(
                "A close result in a valley that has always voted for the person, not the "
                "party. We will learn from it.",
                "Gwen Harrowby, council leader",
                "said",
            ),
            "The count at the corn exchange was paused for forty minutes after Lowther's agent "
            "asked for the postal votes to be counted again. The second count changed the totals "
            "by three votes.",
        ),
    ),
    ArticleSpec(
        slug="new-councillor-motion-to-reopen-thistlebeck-footbridge",
        section="politics",
        title="New councillor's first motion: reopen the Thistlebeck footbridge",
        standfirst=(
            "Yusuf Brennan's motion passed without a vote against, but the council has yet to "
            "say where the money will come from."
        ),
        days_ago=12.3,
        authors=("halvard-quenby",),
        thread=THREAD,
        lead=Picture(
            "field", "The Corrin at Thistlebeck, where the footbridge once stood.", ILLUSTRATION
        ),
        body=(
            "The regional council has agreed to reopen the footbridge over the river Corrin "
            "at Thistlebeck, in the first motion put forward by the ward's new councillor, "
            "Yusuf Brennan.",
            "The bridge was closed after last winter's floods undermined its eastern "
            "abutment. Engineers' estimates for a repair range from £180,000 to £240,000.",
            Quote(
                "I said at the hustings this would be the first thing I raised, and I did not "
                "want anyone in the valley to think that was just something you say.",
                "Yusuf Brennan, councillor for Corrin Vale",
                "said",
            ),
            "Members from all three groups spoke in favour. The opposition leader, Declan "
            "Mayhew, said the bridge was 'exactly the kind of thing the valley has been "
            "asking for and never getting'.",
            "The council leader, Gwen Harrowby, said officers would report back within "
            "six weeks on how to pay for the repair, possibly from the flood resilience fund.",
        ),
    ),
)
