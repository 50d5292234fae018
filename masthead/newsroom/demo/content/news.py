"""Single stories for the News section: weather, rescues, paths and hospitals."""

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
        slug="storm-ilse-floods-averly-lower-town",
        section="news",
        title="Storm Ilse floods Averly's lower town as the Avel bursts its banks",
        standfirst=(
            "Forty homes and a dozen shops were flooded overnight when a high spring tide met "
            "two days of rain on the river."
        ),
        days_ago=59.4,
        authors=("maren-teague", "bea-mortlake"),
        lead=Picture("skyline", "Water on Quay Street, Averly, at first light on Sunday."),
        body=(
            "Residents of Averly's lower town spent Sunday pumping water from their homes "
            "after the river Avel overtopped the flood wall on Quay Street during Storm Ilse.",
            "The river peaked just after two in the morning, when a high spring tide pushed "
            "up the estuary against water coming down from two days of heavy rain in Corrin "
            "Vale.",
            Quote(
                "I heard the water before I saw it, a sort of hiss under the door. By the time "
                "I had the rugs upstairs it was over my ankles.",
                "Wendy Pascoe-Hart, who has lived on Quay Street for thirty years",
                "recalled",
            ),
            "The fire service rescued an elderly couple from a ground-floor flat and helped "
            "move residents of a care home on Tanner's Row to the first floor. Nobody was "
            "seriously hurt.",
            "The regional council opened a rest centre at the leisure centre and said skips "
            "would be placed on affected streets from Monday.",
        ),
    ),
    ArticleSpec(
        slug="kelvey-sands-lifeguards-rescue-three-kayakers",
        section="news",
        title="Kelvey Sands lifeguards rescue three kayakers in one morning",
        standfirst=(
            "An offshore wind blew two separate groups out beyond the headland within an hour "
            "of each other."
        ),
        days_ago=41.5,
        authors=("maren-teague",),
        lead=Picture("cliffs", "The headland at Kelvey Sands, where the kayakers were found."),
        body=(
            "Volunteer lifeguards at Kelvey Sands rescued three kayakers on Sunday morning "
            "after a strong offshore wind carried them out beyond the shelter of the headland.",
            "The first call came at ten past nine, when a walker on the cliff path saw two "
            "kayakers struggling to paddle back towards the beach. The third, paddling alone, "
            "was picked up less than an hour later.",
            Quote(
                "From the beach it looked like a flat calm morning. That is the trap with an "
                "offshore wind: the water near you is smooth and the wind is quietly taking "
                "you out to sea.",
                "Pip Okafor, head lifeguard at Kelvey Sands",
                "said",
            ),
            "All three were wearing buoyancy aids and were unhurt. The lifeguard club asked "
            "visitors to check the wind direction before launching and to carry a phone in a "
            "waterproof pouch.",
            "It was the club's busiest morning since the summer. Volunteers launched the inshore "
            "rescue boat twice, and the walker who raised the alarm lent her binoculars to the "
            "crew on the beach so they could keep the lone kayaker in sight.",
        ),
    ),
    ArticleSpec(
        slug="coastal-path-reopens-at-tarrow-head",
        section="news",
        title="Coastal path reopens at Tarrow Head after landslip repairs",
        standfirst=(
            "The last closed stretch of the Averly Coast Path is open again, eighteen months "
            "after part of the cliff fell into the sea."
        ),
        days_ago=18.3,
        authors=("halvard-quenby",),
        lead=Picture(
            "cliffs", "The rebuilt path above the landslip at Tarrow Head.", FREELANCE_PHOTO
        ),
        body=(
            "Walkers can once again follow the whole of the Averly Coast Path, from Kelvey "
            "Sands to the mouth of the Avel, after the regional council reopened the stretch "
            "around Tarrow Head.",
            "The path was closed when about forty metres of cliff collapsed during a wet "
            "winter. It has been rebuilt up to thirty metres inland, with a new stile, a "
            "bench and a viewing point over the cove where the rock came down.",
            "Rangers said the new line would itself need moving in a few decades as the cliff "
            "continues to retreat, at an average of about half a metre a year.",
            Quote(
                "The coast here has always moved. The job is to move the path with it and "
                "keep people a safe distance from the edge.",
                "Gethin Salter, the council's lead coastal ranger",
                "said",
            ),
            "The stretch around Tarrow Head is one of the most popular on the path, with views "
            "across the Sound to Salvey Island. Walkers are asked to keep dogs on leads near the "
            "new viewing point, where the fence stands only a few metres back from the edge.",
        ),
    ),
    ArticleSpec(
        slug="averly-infirmary-minor-injuries-unit-returns-to-overnight-opening",
        section="news",
        title="Averly Infirmary's minor injuries unit to open overnight again",
        standfirst=(
            "The unit closed at night two years ago for lack of staff. Nurses trained at the "
            "university have made it possible to reopen it around the clock."
        ),
        days_ago=8.2,
        authors=("halvard-quenby",),
        lead=Picture("skyline", "Averly Infirmary, on the hill above the town.", ILLUSTRATION),
        body=(
            "The minor injuries unit at Averly Infirmary will open 24 hours a day again from "
            "next month, after a recruitment drive filled eleven nursing posts.",
            "Since the overnight closure, patients with cuts, sprains and minor burns after "
            "ten at night have had to travel to the emergency department in Brackenholt, "
            "about forty minutes away by road.",
            Quote(
                "Seven of our new nurses trained at the university in Averly and want to stay "
                "here. That is what made the difference.",
                "Dr Ruth Amberley, clinical director",
                "said",
            ),
            "The infirmary said it would still send patients with serious injuries, chest "
            "pains or breathing difficulties directly to Brackenholt.",
            "The unit treated about 19,000 patients last year. Staff say the busiest overnight "
            "hours are late on Fridays and Saturdays, and summer evenings, when Kelvey Sands and "
            "the coast path bring visitors with sprained ankles and fish-hook injuries.",
        ),
    ),
    ArticleSpec(
        slug="fog-halts-wrenmouth-crossings-for-second-morning",
        section="news",
        title="Fog halts Wrenmouth crossings for a second morning",
        standfirst=(
            "Tidewright Ferries cancelled its first two sailings to Salvey Island as thick fog "
            "lay over the Sound for the second day running."
        ),
        days_ago=0.3,
        authors=("maren-teague",),
        updated_hours=2.0,
        lead=Picture("ferry", "Fog over Wrenmouth Sound on Tuesday morning.", FREELANCE_PHOTO),
        body=(
            "Ferries between Wrenmouth and Salvey Island were held in port again on Tuesday "
            "morning as fog reduced visibility in the Sound to less than a hundred metres.",
            "Tidewright Ferries cancelled the 06:50 and 09:30 sailings from Port Salvey and "
            "said it would decide on later crossings hourly.",
            Quote(
                "The boats have radar, but the Sound is busy with fishing boats and the "
                "channel is narrow. We do not sail blind with passengers aboard.",
                "A spokesperson for Tidewright Ferries",
                "said",
            ),
            "Salvey Island pupils who board in Wrenmouth during the week were told to stay "
            "at home, and the island's surgery moved three patients' mainland appointments.",
            "Update: the fog lifted shortly before eleven and the company said the midday "
            "sailing would run as planned.",
        ),
    ),
)
