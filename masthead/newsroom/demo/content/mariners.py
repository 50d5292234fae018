"""Story thread: Brackenholt Mariners' run to the County Shield final."""

from __future__ import annotations

from masthead.newsroom.demo.spec import (
    FREELANCE_PHOTO,
    ILLUSTRATION,
    ArticleSpec,
    Picture,
    Quote,
)

THREAD = "mariners-shield-run"

ARTICLES: tuple[ArticleSpec, ...] = (
    ArticleSpec(
        slug="mariners-stun-fennbridge-to-reach-shield-semi-final",
        section="sport",
        title="Mariners stun Fennbridge United to reach County Shield semi-final",
        standfirst=(
            "Ollie Stannard scored twice in the last eight minutes as Brackenholt came from "
            "behind against the league leaders."
        ),
        days_ago=33.1,
        authors=("jonah-threlkeld",),
        thread=THREAD,
        lead=Picture("pitch", "Ropewalk Park under floodlights on Tuesday night."),
        body=(
            "Brackenholt Mariners are in the semi-finals of the County Shield for the first "
            "time in eleven years after two late goals from Ollie Stannard beat Fennbridge "
            "United 2-1 at Ropewalk Park.",
            "Fennbridge, who lead the division above the Mariners by nine points, went ahead "
            "just after half-time when a corner was flicked on at the near post and bundled "
            "in at the back.",
            "The home side had to wait until the 82nd minute to equalise, Stannard turning "
            "his marker on the edge of the area and shooting low inside the far post. Four "
            "minutes later he met Femi Lorrimer's long throw with a header that looped over "
            "the goalkeeper.",
            Quote(
                "I told them at half-time that Fennbridge had not been behind all season and "
                "would not know what to do if they were. It turned out I was right, which "
                "does not happen often.",
                "Dai Pennock, Brackenholt Mariners manager",
                "said",
            ),
            Quote(
                "I have never heard Ropewalk like that. The second one, I did not even see it "
                "go in. I just heard it.",
                "Ollie Stannard",
                "told reporters",
            ),
            "The attendance of 2,318 was the largest at Ropewalk Park this season.",
        ),
    ),
    ArticleSpec(
        slug="ropewalk-park-safety-certificate-in-doubt",
        section="sport",
        title="Ropewalk Park safety certificate in doubt ahead of semi-final",
        standfirst=(
            "Council inspectors have found corroded steel under the old east stand, raising "
            "the prospect of Brackenholt's biggest match in a decade being moved."
        ),
        days_ago=26.3,
        authors=("jonah-threlkeld", "halvard-quenby"),
        thread=THREAD,
        lead=Picture("pitch", "The east stand at Ropewalk Park, closed since Friday."),
        body=(
            "Brackenholt Mariners may have to play their County Shield semi-final away from "
            "Ropewalk Park after inspectors from the regional council found corrosion in the "
            "steelwork supporting the ground's east stand.",
            "The stand, built in 1958 with timber benches that have since been replaced by "
            "plastic seats, holds about 600 of the ground's 3,000 capacity. It has been closed "
            "while engineers assess the damage.",
            Quote(
                "We have a week. If the engineers say the stand can open with props, it opens. "
                "If they say it cannot, we will play with three sides of the ground, and if the "
                "council says that is not enough, we will talk to the league about moving.",
                "Judith Kettering, chair of Brackenholt Mariners",
                "said",
            ),
            "The council's safety advisory group, which issues the certificate every club "
            "needs to admit spectators, said it would meet again on Thursday.",
            "Supporters have started a fund to repair the stand. By Sunday evening it had "
            "raised £23,000, including £5,000 from Brackenholt Marine Works, the shipyard "
            "whose apprentices built the original structure.",
        ),
    ),
    ArticleSpec(
        slug="lorrimer-header-sends-mariners-to-shield-final",
        section="sport",
        title="Lorrimer header sends Mariners to first Shield final in 41 years",
        standfirst=(
            "With the east stand propped and packed, Brackenholt beat Kellowgate Rovers 1-0 "
            "in front of a record crowd."
        ),
        days_ago=19.2,
        authors=("jonah-threlkeld",),
        thread=THREAD,
        lead=Picture(
            "crowd", "The reopened east stand at Ropewalk Park on Saturday.", FREELANCE_PHOTO
        ),
        body=(
            "Femi Lorrimer's header twelve minutes from time took Brackenholt Mariners into "
            "the County Shield final for the first time since 1984 as they beat Kellowgate "
            "Rovers 1-0 at a full Ropewalk Park.",
            "The east stand reopened on Friday evening with temporary steel props under its "
            "front rows, after engineers and the council's safety advisory group agreed it "
            "could take a reduced crowd of 450.",
            "It was a tight, nervous match played mostly in midfield. Kellowgate hit the bar "
            "in the first half and had a penalty appeal turned down after the break before "
            "Lorrimer, the Mariners' captain, rose above two defenders to meet a corner.",
            Quote(
                "My dad was at the 1984 final. He rang me this morning to say he had his scarf "
                "ready. I said, Dad, we have to win first.",
                "Femi Lorrimer, Brackenholt Mariners captain",
                "recalled",
            ),
            Quote(
                "That is for the people who propped up a stand in a week. Now we go to the "
                "final and we go to win it.",
                "Dai Pennock, manager",
                "said",
            ),
            "The final will be played at the county ground in Averly in a fortnight.",
        ),
    ),
    ArticleSpec(
        slug="mariners-fall-short-in-shield-final",
        section="sport",
        title="Mariners fall short in Shield final but Brackenholt turns out in thousands",
        standfirst=(
            "Ashwold City won 2-0 in Averly, but the story of the day was the five thousand "
            "Brackenholt supporters who made the trip."
        ),
        days_ago=4.2,
        authors=("jonah-threlkeld", "bea-mortlake"),
        thread=THREAD,
        lead=Picture("pitch", "Brackenholt supporters before kick-off at the county ground."),
        body=(
            "Brackenholt Mariners' first County Shield final in 41 years ended in a 2-0 "
            "defeat by Ashwold City at the county ground in Averly on Saturday.",
            "Ashwold, a division higher, scored early through a deflected shot and added a "
            "second on the break in stoppage time as the Mariners pushed forward.",
            Picture(
                "crowd",
                "Mariners supporters applaud the team after the final whistle.",
                ILLUSTRATION,
            ),
            "The club had sold its allocation of 4,000 tickets within a day, and hundreds "
            "more bought seats among the neutral supporters. Special buses ran from "
            "Brackenholt market square from eight in the morning.",
            Quote(
                "We lost to a better side on the day. But I looked up at that end when we "
                "came out and I could not speak. Half the town was there.",
                "Dai Pennock, Brackenholt Mariners manager",
                "said",
            ),
            Quote(
                "Proud of every one of you, on the pitch and in the stands. We go again.",
                "Judith Kettering, club chair",
                "wrote on social media",
            ),
            "The club said money raised by the final and the stand appeal would go towards "
            "permanent repairs to the east stand over the summer.",
        ),
    ),
)
