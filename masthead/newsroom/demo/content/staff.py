"""The demo newsroom's masthead: its name, sections and staff. All invented."""

from __future__ import annotations

from masthead.newsroom.demo.spec import AuthorSpec, SectionSpec

PUBLICATION_NAME = "The Averly Courier"
TAGLINE = "News from the Averly Coast, from Wrenmouth to Corrin Vale"
HOME_TITLE = "The Averly Courier"

SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec(
        "news",
        "News",
        "What is happening in Averly, Wrenmouth, Brackenholt, Mardle, Corrin Vale and on "
        "Salvey Island.",
    ),
    SectionSpec(
        "politics",
        "Politics",
        "The Averly Coast Regional Council, its wards and the people who run them.",
    ),
    SectionSpec(
        "business",
        "Business",
        "Fishing, ferries, shipyards, shops and the people who keep the coast working.",
    ),
    SectionSpec(
        "science",
        "Science",
        "Research from the University of the Averly Coast and the sea, sky and shore around it.",
    ),
    SectionSpec(
        "culture",
        "Culture",
        "Books, theatre, music, museums and the Lantern Walk.",
    ),
    SectionSpec(
        "sport",
        "Sport",
        "Brackenholt Mariners, the rowing clubs of the Avel and every race on the coast.",
    ),
)

AUTHORS: tuple[AuthorSpec, ...] = (
    AuthorSpec(
        "maren-teague",
        "Maren Teague",
        "Islands and transport correspondent",
        "Maren grew up on Salvey Island and has crossed Wrenmouth Sound more times than she "
        "can count. She covers ferries, buses, roads and the islands.",
    ),
    AuthorSpec(
        "idris-pelling",
        "Idris Pelling",
        "Political editor",
        "Idris has reported on the regional council for twelve years and has sat through "
        "every budget meeting since the chamber moved to Averly's old corn exchange.",
    ),
    AuthorSpec(
        "halvard-quenby",
        "Halvard Quenby",
        "Local democracy reporter",
        "Halvard covers council committees, planning and the wards of Corrin Vale and "
        "Brackenholt. He reads the papers so that readers do not have to.",
    ),
    AuthorSpec(
        "sunniva-rourke",
        "Sunniva Rourke",
        "Business reporter",
        "Sunniva writes about the coast's economy, from the fish quay to the shipyard, and "
        "about the small firms that rarely make the national pages.",
    ),
    AuthorSpec(
        "priya-lindqvist",
        "Priya Lindqvist",
        "Science and environment correspondent",
        "Priya trained as a marine biologist before turning to journalism. She covers the "
        "university, the weather, the sea and everything that lives in it.",
    ),
    AuthorSpec(
        "oren-castellane",
        "Oren Castellane",
        "Arts writer",
        "Oren reviews theatre, books and exhibitions and has never missed a Lantern Walk.",
    ),
    AuthorSpec(
        "jonah-threlkeld",
        "Jonah Threlkeld",
        "Sports reporter",
        "Jonah has followed Brackenholt Mariners home and away for nine seasons and rows, "
        "badly, for the Averly Estuary Club.",
    ),
    AuthorSpec(
        "bea-mortlake",
        "Bea Mortlake",
        "Chief photographer",
        "Bea has photographed the Averly Coast for the Courier since she was sixteen. She "
        "prefers fog to sunshine.",
    ),
)
