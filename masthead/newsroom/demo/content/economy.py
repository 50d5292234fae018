"""Single stories for Politics and Business: parking, sea walls, budgets, boats, seaweed."""

from __future__ import annotations

from masthead.newsroom.demo.spec import (
    GRAPHIC,
    ILLUSTRATION,
    ArticleSpec,
    Picture,
    Quote,
)

ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec(
        slug="council-freezes-town-centre-parking-charges",
        section="politics",
        title="Regional council freezes town centre parking charges",
        standfirst=(
            "Charges in Averly, Wrenmouth and Brackenholt will stay at this year's rates, "
            "after traders warned that shoppers were driving to out-of-town stores."
        ),
        days_ago=53.5,
        authors=("halvard-quenby",),
        lead=Picture("skyline", "Wrenmouth's Market Street car park.", ILLUSTRATION),
        body=(
            "Parking charges in the regional council's town centre car parks will not rise "
            "next year, the council's cabinet agreed on Tuesday.",
            "Officers had proposed an increase of ten per cent to help close a gap in the "
            "transport budget. Instead the council will take the money from reserves set "
            "aside for road repairs that have been delayed until the spring.",
            "The Averly Coast Chamber of Commerce, which had lobbied for the freeze, said "
            "footfall in the three town centres had fallen in four of the last six months.",
            "The opposition Vale and Villages group welcomed the freeze but said rural "
            "residents who had no bus to town were still paying to park when they got there.",
        ),
    ),
    ArticleSpec(
        slug="council-leader-defends-sea-wall-plan",
        section="politics",
        title="Council leader defends £3m plan to raise Averly's sea wall",
        standfirst=(
            "Gwen Harrowby told a packed scrutiny meeting that doing nothing after Storm Ilse "
            "would cost the town far more within a decade."
        ),
        days_ago=31.4,
        authors=("idris-pelling",),
        lead=Picture("harbour", "The flood wall on Quay Street, Averly, which would rise by 60cm."),
        body=(
            "The leader of the Averly Coast Regional Council has defended a £3m plan to raise "
            "the flood wall along Averly's Quay Street, a month after Storm Ilse flooded "
            "forty homes in the lower town.",
            "The wall would be raised by sixty centimetres, with glass panels on the stretch "
            "in front of the old custom house so that the view of the estuary is kept.",
            Quote(
                "We can argue about the glass. We cannot argue about the water. Every insurer "
                "in the country now has Quay Street on a map.",
                "Gwen Harrowby, council leader",
                "told the scrutiny committee",
            ),
            Quote(
                "Nobody disputes that Averly needs protecting. The question is why Mardle and "
                "Brackenholt, which flood too, are not in the plan at all.",
                "Declan Mayhew, leader of the Vale and Villages group",
                "said",
            ),
            "The full council will vote on the plan next month.",
            "Officers told the committee that the glass panels would add about £400,000 to the "
            "cost but were needed to win planning consent in a conservation area. Work could "
            "start next autumn and would take around eight months.",
        ),
    ),
    ArticleSpec(
        slug="young-peoples-assembly-gets-vote-on-youth-budget",
        section="politics",
        title="Young people's assembly gets a vote on the council's youth budget",
        standfirst=(
            "Thirty elected members aged 14 to 18 will decide how £250,000 a year is spent on "
            "youth clubs, sport and transport."
        ),
        days_ago=9.3,
        authors=("idris-pelling", "halvard-quenby"),
        lead=Picture("chamber", "Members of the young people's assembly at their first sitting."),
        body=(
            "The regional council's young people's assembly will control part of the youth "
            "services budget from April, after councillors voted to give it a binding say on "
            "how £250,000 a year is spent.",
            "The assembly's thirty members are elected each year in secondary schools and "
            "colleges across the region, with two seats reserved for Salvey Island.",
            Quote(
                "For three years we have written reports and been thanked for them. This time "
                "we decide, and we can be blamed if it goes wrong. That is fair.",
                "Nia Stroud, 17, chair of the young people's assembly",
                "said",
            ),
            "The assembly's first priority, its members said, would be a late bus on Friday "
            "and Saturday nights between Brackenholt, Averly and Wrenmouth.",
            "Councillors from all three groups backed the change. Asked how decisions would be "
            "checked, officers said the assembly would present its spending plans to the "
            "children's committee each spring, with an officer helping members keep the accounts.",
        ),
    ),
    ArticleSpec(
        slug="tourism-has-best-autumn-on-record",
        section="business",
        title="Averly Coast tourism enjoys its best autumn on record",
        standfirst=(
            "Hotels and holiday lets were fuller in October than in any year since the "
            "chamber of commerce began counting."
        ),
        days_ago=50.2,
        authors=("sunniva-rourke",),
        lead=Picture("cliffs", "Walkers on the coast path above Kelvey Sands in October."),
        body=(
            "The Averly Coast had its busiest autumn on record, with hotel and holiday let "
            "occupancy averaging 71 per cent in October, according to figures from the Averly "
            "Coast Chamber of Commerce.",
            Picture("chart", "Autumn occupancy on the Averly Coast, last six years.", GRAPHIC),
            Quote(
                "The summer is full and has been for years. The growth is in the shoulder "
                "months: walkers, birdwatchers and people who simply like a storm.",
                "Neil Ashdown, chief executive of the Averly Coast Chamber of Commerce",
                "said",
            ),
            "Salvey Island, where the puffin colony and the new seal-watching trips have "
            "drawn visitors, saw the biggest rise, though island businesses warned that the "
            "ferry timetable would decide whether that continued into winter.",
            "Hotels in Wrenmouth reported strong demand from birdwatchers heading for Salvey "
            "Island, while Averly's guest houses were kept busy by walkers and by a full autumn "
            "programme at the Corn Exchange.",
            "The chamber warned that staff shortages remained the sector's biggest problem. About"
            " one in five hospitality jobs on the coast was vacant in October, and several cafés "
            "in Kelvey Sands closed early in the week for lack of workers.",
        ),
    ),
    ArticleSpec(
        slug="brackenholt-shipyard-wins-electric-pilot-boat-order",
        section="business",
        title="Brackenholt shipyard wins order for two electric pilot boats",
        standfirst=(
            "Brackenholt Marine Works will build the boats for a northern port authority, its "
            "biggest contract in three decades."
        ),
        days_ago=16.2,
        authors=("sunniva-rourke",),
        lead=Picture("harbour", "The building hall at Brackenholt Marine Works."),
        body=(
            "Brackenholt Marine Works has won an order to build two battery-electric pilot "
            "boats, the shipyard's largest contract since it built the Kittiwake Maid for "
            "Tidewright Ferries.",
            "The boats, each sixteen metres long, will carry harbour pilots out to ships "
            "waiting offshore and will charge from the shore between trips.",
            Quote(
                "We have spent ten years repairing other people's boats. Now we get to build "
                "new ones again, and the apprentices get to learn how.",
                "Maggie Trevelyan-Brook, managing director of Brackenholt Marine Works",
                "said",
            ),
            "The yard expects to take on twenty more workers, including eight apprentices. "
            "Its managing director said it hoped the order would put it in a strong position "
            "to build a replacement for the Salvey Lass.",
            "The first boat is due to be delivered in eighteen months. The yard's building hall, "
            "used mostly for repairs in recent years, will need a new crane and shore charging "
            "equipment, paid for partly by the contract.",
        ),
    ),
    ArticleSpec(
        slug="wrenmouth-fishmonger-turns-seaweed-into-second-business",
        section="business",
        title="Wrenmouth fishmonger turns seaweed into a second business",
        standfirst=(
            "Dried dulse, kelp salt and a seaweed crisp that sold out in a week: how a quayside "
            "stall found a new line."
        ),
        days_ago=2.3,
        authors=("sunniva-rourke",),
        lead=Picture("harbour", "Seaweed drying on racks behind the fish quay at Wrenmouth."),
        body=(
            "For twenty years Lorna Finch sold fish from a stall on Wrenmouth quay. Now "
            "about a third of her takings come from seaweed.",
            "Finch began harvesting dulse and sugar kelp by hand from the rocks below Gull "
            "Point three years ago, under a licence from the harbour board. She dries it on "
            "wooden racks behind the quay and sells it flaked, powdered and, since the summer, "
            "as crisps.",
            Quote(
                "My grandmother used to eat dulse like sweets. I thought I would sell a few "
                "bags to tourists. I did not expect restaurants in the city to ring me.",
                "Lorna Finch",
                "said",
            ),
            "Researchers at the Wrenmouth Marine Station are studying whether small-scale "
            "harvesting affects the shore, and Finch has agreed to record how much she takes "
            "from each stretch of rock.",
            "She now employs two people part-time and has outgrown the racks behind the quay. The"
            " harbour board has offered her a disused net store on the west side of the harbour, "
            "which she plans to turn into a drying room over the winter.",
        ),
    ),
)
