"""Word lists and sentence templates that synthetic articles are made from.

Names of people, places and organisations are coined from syllables (see
``stories.NameMint``), so no real person appears. The common nouns and verbs
below are ordinary English: threads draw a private handful of them, which
gives articles of one thread a shared vocabulary.

Templates are ``str.format`` strings over the slots that ``stories`` fills:
``name``/``surname``/``role`` (first person), ``name2``/``surname2``/``role2``
(second person), ``org``, ``org2``, ``place``, ``phrase``, ``phrase2``,
``noun``, ``noun2``, ``noun3``, ``verb``, ``verbed``, ``number``, ``percent``,
``amount``, ``day`` and ``month``.
"""

from __future__ import annotations

# Word lists are set as paragraphs: one word a line would make them unreadable.
# fmt: off

# (title, slug) of the synthetic sections, in menu order.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("World", "world"),
    ("Politics", "politics"),
    ("Business", "business"),
    ("Science", "science"),
    ("Culture", "culture"),
    ("Sport", "sport"),
)

GIVEN_NAMES: tuple[str, ...] = (
    "Adalie", "Aurel", "Benna", "Bastor", "Caspin", "Celwyn", "Dorrit", "Davor", "Elsabet",
    "Emrik", "Fenna", "Florin", "Galen", "Greta", "Halvard", "Hesper", "Ilvara", "Isolde",
    "Jarek", "Juna", "Kasimir", "Kestrel", "Liesl", "Lorcan", "Marit", "Mattias", "Nerys",
    "Niall", "Odile", "Orrin", "Petra", "Pascoe", "Quilla", "Radek", "Rosalind", "Saoirse",
    "Severin", "Tamsin", "Teodor", "Ulla", "Ulric", "Vesna", "Viggo", "Wenna", "Wystan",
    "Yelena", "Yannick", "Zofia", "Zoran", "Anneke", "Bertil", "Carys", "Dagny", "Eamon",
    "Frida", "Gunnar", "Hedda", "Idris", "Jessamy", "Konrad", "Linnea", "Maelle", "Osric",
    "Perpetua", "Rune", "Signe", "Tobiah", "Ursel", "Valentin", "Wilhelmina", "Xavia",
)

# Syllables of coined words: onset + vowel + coda, then onset + ending.
ONSETS: tuple[str, ...] = (
    "b", "br", "c", "d", "dr", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r",
    "s", "st", "t", "tr", "v", "w", "th", "sk", "ch", "j", "qu", "z",
)
VOWELS: tuple[str, ...] = ("a", "e", "i", "o", "u", "a", "e", "o", "ai", "ei", "ou", "y")
CODAS: tuple[str, ...] = ("", "", "n", "r", "l", "s", "rn", "nd", "st", "m", "ld", "rv", "sk")
ENDINGS: tuple[str, ...] = (
    "a", "an", "ar", "el", "en", "ia", "in", "is", "on", "or", "ova", "ura", "ith", "ick",
    "ell", "ane", "ent", "ost", "und", "ey", "ald", "ock", "ard", "ion",
)
SURNAME_ENDINGS: tuple[str, ...] = (
    "", "", "", "by", "dale", "ford", "holm", "ley", "mere", "ton", "wick", "sen", "ard", "ett",
)
PLACE_PREFIXES: tuple[str, ...] = ("", "", "", "", "Port ", "Upper ", "Lower ", "North ", "East ")
PLACE_SUFFIXES: tuple[str, ...] = (
    "", "", "", "mouth", "haven", "stead", "holm", "ford", " Vale", " Cross", " Bay", "bury",
)

# Kinds of organisation a thread of each section involves.
ORGANISATION_KINDS: dict[str, tuple[str, ...]] = {
    "world": ("Commission", "Coalition", "Relief Agency", "Border Authority", "Union", "Front"),
    "politics": ("Party", "Assembly", "Council", "Alliance", "Electoral Board", "Ministry"),
    "business": ("Holdings", "Group", "Bank", "Logistics", "Mining", "Foods", "Telecom"),
    "science": ("Institute", "Observatory", "Laboratory", "Research Council", "Seed Bank"),
    "culture": ("Theatre", "Gallery", "Orchestra", "Festival", "Press", "Film Society"),
    "sport": ("United", "Rovers", "Athletic", "Racing Club", "Rowing Club", "Federation"),
}

# Roles of people; "{org}" and "{place}" are the thread's own.
ROLES: dict[str, tuple[str, ...]] = {
    "world": (
        "the foreign minister of {place}", "an envoy of the {org}", "the mayor of {place}",
        "a spokesperson for the {org}", "the head of the {org}",
    ),
    "politics": (
        "leader of the {org}", "the deputy leader of the {org}", "the member for {place}",
        "the finance minister", "a senior adviser to the {org}", "the chief whip",
    ),
    "business": (
        "chief executive of {org}", "the chair of {org}", "an analyst at {org}",
        "the finance director of {org}", "a union organiser in {place}",
    ),
    "science": (
        "director of the {org}", "a researcher at the {org}", "lead author of the study",
        "a geologist at the {org}", "the chief scientist of the {org}",
    ),
    "culture": (
        "artistic director of the {org}", "a curator at the {org}", "the novelist",
        "the conductor of the {org}", "a critic based in {place}",
    ),
    "sport": (
        "manager of {org}", "the captain of {org}", "the head coach of {org}",
        "the chair of the {org}", "a striker for {org}",
    ),
}

# Nouns of each section's stories; a thread draws its own few.
NOUNS: dict[str, tuple[str, ...]] = {
    "world": (
        "ceasefire", "border", "refugees", "treaty", "embassy", "sanctions", "flood", "drought",
        "harvest", "ferry", "pipeline", "corridor", "summit", "convoy", "aid", "militia",
        "election", "curfew", "earthquake", "dam", "grain", "port", "visa", "tariff",
        "monsoon", "blockade", "evacuation", "census", "referendum", "shipping", "famine",
        "wildfire", "bridge", "checkpoint", "delegation", "protest", "mediation", "frontier",
    ),
    "politics": (
        "budget", "bill", "inquiry", "coalition", "reshuffle", "levy", "pension", "ballot",
        "manifesto", "amendment", "scandal", "donation", "council", "housing", "rates",
        "spending", "pledge", "committee", "mandate", "recall", "boundary", "subsidy",
        "hospital", "school", "rail", "tax", "reform", "vote", "petition", "lobbying",
        "tender", "audit", "benefit", "motion", "veto", "constituency", "cabinet", "policing",
    ),
    "business": (
        "merger", "takeover", "dividend", "shares", "profits", "losses", "layoffs", "strike",
        "factory", "warehouse", "supply", "prices", "exports", "loan", "bond", "debt",
        "rents", "wages", "retail", "freight", "refinery", "smelter", "brewery", "bakery",
        "airline", "shipyard", "mine", "contract", "bid", "valuation", "float", "audit",
        "franchise", "recall", "pension", "orders", "shortage", "insurance",
    ),
    "science": (
        "comet", "glacier", "telescope", "vaccine", "genome", "fossil", "reactor", "probe",
        "satellite", "trial", "enzyme", "aquifer", "reef", "species", "virus", "battery",
        "algae", "crater", "sediment", "isotope", "orbit", "drill", "moth", "fungus",
        "meteorite", "bacteria", "volcano", "seabed", "pollen", "laser", "sensor", "wetland",
        "peat", "dataset", "antibody", "lichen", "plankton", "mineral",
    ),
    "culture": (
        "exhibition", "opera", "novel", "film", "festival", "album", "portrait", "sculpture",
        "manuscript", "archive", "premiere", "tour", "prize", "gallery", "musical", "ballet",
        "memoir", "mural", "poetry", "choir", "restoration", "auction", "collection", "stage",
        "score", "rehearsal", "library", "tapestry", "screenplay", "season", "commission",
        "retrospective", "fresco", "quartet", "anthology", "costume", "puppetry", "lecture",
    ),
    "sport": (
        "final", "derby", "transfer", "injury", "relegation", "promotion", "title", "cup",
        "stadium", "marathon", "regatta", "qualifier", "penalty", "ban", "contract", "season",
        "squad", "coach", "league", "medal", "record", "sprint", "semi-final", "draw",
        "comeback", "suspension", "academy", "fixture", "tournament", "rally", "relay",
        "replay", "appeal", "doping", "ticketing", "pitch", "training", "crowd",
    ),
}

ADJECTIVES: tuple[str, ...] = (
    "emergency", "interim", "disputed", "regional", "delayed", "revised", "secret", "joint",
    "rural", "coastal", "overdue", "temporary", "rival", "landmark", "surprise", "failed",
    "expanded", "cross-border", "northern", "southern", "provisional", "unpaid", "record",
)

# (base, past) pairs; threads draw a few.
VERBS: tuple[tuple[str, str], ...] = (
    ("block", "blocked"), ("approve", "approved"), ("delay", "delayed"), ("review", "reviewed"),
    ("challenge", "challenged"), ("defend", "defended"), ("expand", "expanded"),
    ("suspend", "suspended"), ("scrap", "scrapped"), ("revive", "revived"),
    ("fund", "funded"), ("investigate", "investigated"), ("reject", "rejected"),
    ("back", "backed"), ("overhaul", "overhauled"), ("halt", "halted"), ("extend", "extended"),
    ("question", "questioned"), ("rescue", "rescued"), ("renegotiate", "renegotiated"),
    ("restore", "restored"), ("cut", "cut"), ("freeze", "froze"), ("sell", "sold"),
)

WEEKDAYS: tuple[str, ...] = (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
)
MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
CURRENCY = "crowns"

# A thread's first article breaks the story; the rest follow it up.
FIRST_HEADLINES: tuple[str, ...] = (
    "{org} moves to {verb} {phrase}",
    "{surname} unveils {phrase} for {place}",
    "{place} braces for {phrase}",
    "{org} and {org2} clash over {phrase}",
    "Questions mount over {phrase} in {place}",
    "{surname} announces {phrase} after {noun} row",
)
FOLLOW_HEADLINES: tuple[str, ...] = (
    "{surname} under pressure as {phrase} stalls",
    "{org} {verbed} {phrase}, {surname2} says",
    "What the {phrase} means for {place}",
    "{surname} and {surname2} trade blows over {noun}",
    "{place} {noun} plan {verbed} amid {phrase} dispute",
    "{org2} signals U-turn on {phrase}",
    "{phrase} to cost {amount}, {org} admits",
    "Anger in {place} as {org} {verbed} {noun}",
    "{surname} defends {phrase} before {org2}",
    "{noun} and {noun2}: the fallout from the {phrase}",
)
STANDFIRSTS: tuple[str, ...] = (
    "{name}, {role}, said the {phrase} would {verb} the {noun} in {place} within {number} months.",
    "The {org} {verbed} the {phrase} on {day}, leaving {name}, {role}, to defend the {noun}.",
    "{place} faces a bill of {amount} as {name}, {role}, presses ahead with the {phrase}.",
    "{name}, {role}, has {verbed} the {phrase}, a move the {org2} called reckless.",
    "A {percent} rise in the {noun} has put the {phrase} back in the hands of the {org}.",
)
# Sentences of the opening paragraph introduce the second person by full name.
OPENING_SENTENCES: tuple[str, ...] = (
    "The {phrase} was first proposed in {month} by {name}, {role}.",
    "{name2}, {role2}, said the {org} had been warned about the {noun} for years.",
    "Officials in {place} confirmed on {day} that the {noun} would be {verbed}.",
    "The announcement follows weeks of pressure from {name2}, {role2}.",
    "According to the {org}, the {phrase} affects about {number},000 households in {place}.",
)
BODY_SENTENCES: tuple[str, ...] = (
    "{surname} told reporters the {noun} could not wait for another {month}.",
    "The {org} has {verbed} the {noun2}, citing costs of {amount}.",
    "Critics say the {phrase} leaves {place} exposed to a {noun3} it cannot afford.",
    "{surname2} accused the {org2} of trying to {verb} the {noun} by stealth.",
    "Figures seen by this newspaper show the {noun} grew by {percent} last year.",
    "A spokesperson for the {org} declined to comment on the {phrase}.",
    "In {place}, the {noun2} has become a symbol of the wider {noun3} dispute.",
    "{surname} is expected to {verb} the {phrase} when the {org2} meets on {day}.",
    "Supporters of the {phrase} argue that the {noun} would otherwise collapse.",
    "The row over the {noun} has split the {org}, with {number} members now opposed.",
    "{surname2} said the {phrase} was drawn up without consulting anyone in {place}.",
    "A review of the {noun2} is due in {month}, {number} weeks later than promised.",
    "Neither {surname} nor {surname2} would say who will pay for the {noun3}.",
    "The {org2} estimates the {phrase} will cost {amount} over {number} years.",
    "Local groups in {place} plan to {verb} the {noun} if the {org} does not.",
    "Earlier this year {surname} {verbed} a similar {noun2} in the face of protests.",
)
QUOTES: tuple[str, ...] = (
    "Nobody in {place} asked for the {phrase}, and nobody will thank us for it",
    "We will {verb} the {noun} because the alternative is far worse",
    "The {org} has had {number} years to fix the {noun2}, and it has done nothing",
    "This is about the {noun}, not about me or about {surname2}",
    "If the {phrase} fails, {place} pays the price",
)
ATTRIBUTIONS: tuple[str, ...] = (
    "said on {day}", "told the {org2}", "said in a statement", "told reporters in {place}",
    "wrote in a letter to the {org}",
)
# fmt: on
