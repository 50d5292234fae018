"""Find quotations in paragraphs and who spoke them, to keep them as quote blocks.

A sentence that opens with a quotation and says who spoke (``"...," she said.``,
``"..." said council chair Marta Ilves.``, ``Ilves said: "..."``) starts a quote
block; whole quoted sentences right after it continue the quote. Pronouns are
resolved to the person last named before the quotation. A quotation whose speaker
the text does not name stays in its paragraph, as do quoted phrases mid-sentence.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from masthead.ingest.records import Block

VERBS = (
    "said|says|told|tells|added|adds|asked|asks|explained|recalled|warned|wrote|writes|"
    "insisted|argued|noted|replied|admitted|continued|stated|declared|remarked|"
    "acknowledged|conceded|claimed|observed|suggested|confirmed|announced|joked|agreed|"
    "recounted|concluded|cautioned|predicted|promised|shouted|whispered"
)
PRONOUNS = {"he", "she", "they", "i", "we"}
# The writer (or the outlet) speaking: nobody the text names, so no quote block.
FIRST_PERSON = {"i", "we"}
QUOTE_TEXT = r"[“\"](?P<{name}>[^“”\"]{{1,5000}})[”\"]"
QUOTE_LED = re.compile(
    QUOTE_TEXT.format(name="quote")
    + r"\s*(?P<attr>[^“”\"]{1,300}?)\s*(?:"
    + QUOTE_TEXT.format(name="more")
    + r")?\s*$"
)
ATTRIBUTION_LED = re.compile(
    r"^(?P<attr>[^“”\"]{1,300}?):\s*" + QUOTE_TEXT.format(name="quote") + r"$"
)
QUOTE_ONLY = re.compile(r"^" + QUOTE_TEXT.format(name="quote") + r"$")
PRONOUN_ATTR = re.compile(rf"^(?P<who>he|she|they|I|we)\s+(?P<how>(?:{VERBS})\b.*)$", re.I)
VERB_FIRST = re.compile(rf"^(?P<how>{VERBS})\s+(?P<who>.+)$")
NAME_FIRST = re.compile(rf"^(?P<who>.+?)\s+(?P<how>(?:{VERBS})\b.*)$")
WORD = re.compile(r"[^\W\d_][\w'\u2019.-]*")
ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "st", "prof", "gen", "sen", "rep", "no", "capt", "col"}
NOT_FIRST = {
    "The", "A", "An", "In", "On", "At", "But", "And", "Or", "Last", "This", "That", "When",
    "While", "After", "Before", "Since", "Its", "Their", "His", "Her", "Our", "Some", "Many",
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
    "Friday", "Saturday", "Sunday",
}  # fmt: skip
TITLES = {
    "Councillor", "Mayor", "Minister", "President", "Senator", "Dr", "Mr", "Mrs", "Ms",
    "Professor", "Prof", "Judge", "Chief", "Inspector", "Sergeant", "Captain", "Sir", "Dame",
    "Lady", "Lord", "Director", "Chairman", "Chair", "Bishop", "Father", "Sister", "Coach",
}  # fmt: skip
NOT_IN_NAME = {
    "Council", "Observatory", "Lines", "Line", "Board", "Agency", "Company", "Ltd", "Inc",
    "University", "College", "School", "Hospital", "Ministry", "Department", "Committee",
    "Party", "Trust", "Bank", "Club", "Association", "Union", "Authority", "Service",
    "Services", "Office", "Institute", "Museum", "Society", "Group", "Court", "Parliament",
    "Assembly", "Government", "Harbour", "Port", "Street", "Road", "Island", "Islands", "Bay",
    "River", "Lake", "Valley", "City", "Town", "County", "Province", "Region", "Station",
    "Airport", "Bridge", "Square", "Park", "Centre", "Center", "Church", "Times", "News",
    "Post", "Press", "Radio", "Foundation", "Federation", "League", "Team", "United",
    "Corporation", "Airlines", "Ferries", "Works", "Market", "Hall", "Sea", "Ocean", "North",
    "South", "East", "West", "Europe", "Earth", "Moon", "Sun",
}  # fmt: skip


@dataclass
class Quote:
    """A quotation being collected: its sentences, speaker and how they said it."""

    parts: list[str]
    speaker: str
    attribution: str

    def block(self) -> Block:
        """Return the quote as a body block."""
        text = " ".join(finish_sentence(part) for part in self.parts)
        return ("quote", {"text": text, "speaker": self.speaker, "attribution": self.attribution})


def finish_sentence(part: str) -> str:
    """Return quoted words as a sentence ("the lens," becomes "the lens.")."""
    part = part.strip()
    if part.endswith(","):
        return part[:-1] + "."
    return part if part[-1:] in ".!?…" else f"{part}."


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, never inside a quotation."""
    sentences: list[str] = []
    start, inside = 0, False
    for index, char in enumerate(text):
        if char == "“":
            inside = True
        elif char == "”":
            inside = False
        elif char == '"':
            inside = not inside
        elif char == " " and not inside and is_sentence_end(text, index):
            sentences.append(text[start:index].strip())
            start = index + 1
    sentences.append(text[start:].strip())
    return [sentence for sentence in sentences if sentence]


def is_sentence_end(text: str, index: int) -> bool:
    """Return whether the space at ``index`` follows the end of a sentence."""
    # Look back only over the closing quotes and the last word: copying the whole
    # text before every space made long paragraphs take quadratic time.
    end = index
    while end > 0 and text[end - 1] in '”"':
        end -= 1
    if not end or text[end - 1] not in ".!?":
        return False
    nxt = text[index + 1 : index + 2]
    if not nxt or not (nxt.isupper() or nxt in '“"'):
        return False
    last_word = text[text.rfind(" ", 0, end) + 1 : end].rstrip(".").lower()
    return last_word not in ABBREVIATIONS


def person_names(text: str) -> list[str]:
    """Return person-like names (two or three capitalised words) in order of mention."""
    names: list[str] = []
    run: list[str] = []
    last_end = -1
    for match in WORD.finditer(text):
        word = match.group().rstrip(".")
        joined = match.start() == last_end + 1 and text[last_end : match.start()] == " "
        if word[:1].isupper() and word[1:2].islower():
            if run and not joined:
                names.extend(name_from_run(run))
                run = []
            run.append(word.rstrip("'\u2019").removesuffix("\u2019s").removesuffix("'s"))
            if match.group().endswith((",", ".")) or text[match.end() : match.end() + 1] != " ":
                names.extend(name_from_run(run))
                run = []
        else:
            names.extend(name_from_run(run))
            run = []
        last_end = match.end()
    names.extend(name_from_run(run))
    return names


def name_from_run(run: list[str]) -> list[str]:
    """Return the person name a run of capitalised words forms, if it looks like one."""
    while run and (run[0] in NOT_FIRST or run[0] in TITLES):
        run = run[1:]
    if not 2 <= len(run) <= 3 or any(word in NOT_IN_NAME for word in run):
        return []
    return [" ".join(run)]


def clause(how: str) -> str:
    """Return the verb phrase of an attribution up to its first comma or "that"."""
    return how.split(",")[0].split(" that ")[0].strip()


def trailing_name(phrase: str) -> str:
    """Return the capitalised name ending a phrase ("council chair Marta Ilves")."""
    words = phrase.replace(",", " ").split()
    taken: list[str] = []
    for word in reversed(words):
        if word[:1].isupper():
            taken.insert(0, word)
        else:
            break
    return " ".join(taken)


class SpeakerFinder:
    """Resolve who spoke, from the attribution and the people named so far."""

    def __init__(self, people: list[str] | None = None) -> None:
        self.known: list[str] = list(people or [])
        self.recent: list[str] = []

    def read(self, text: str) -> None:
        """Note the people a piece of narrative names, most recent last."""
        self.recent.extend(person_names(text))

    def full_name(self, name: str) -> str:
        """Expand a surname alone to the full name mentioned earlier."""
        if " " in name:
            return name
        for candidate in [*self.known, *reversed(self.recent)]:
            if candidate.split()[-1] == name:
                return candidate
        return name

    def attribution(self, attr: str) -> tuple[str, str] | None:
        """Return (speaker, how) from an attribution like "she told reporters."."""
        attr = attr.strip().strip(",;").rstrip(".!?").strip()
        if not attr or len(attr) > 200:
            return None
        if match := PRONOUN_ATTR.match(attr):
            if not self.recent or match.group("who").lower() in FIRST_PERSON:
                return None
            return self.recent[-1], clause(match.group("how"))
        if match := VERB_FIRST.match(attr):
            if match.group("who").strip(" ,").lower() in FIRST_PERSON:
                return None
            return self.speaker_from(match.group("who")), match.group("how")
        if match := NAME_FIRST.match(attr):
            who = match.group("who").strip(" ,")
            if who.lower() in PRONOUNS or len(who.split()) > 8:
                return None
            return self.speaker_from(who), clause(match.group("how"))
        return None

    def speaker_from(self, who: str) -> str:
        """Return the speaker a phrase names: its trailing name, or the phrase itself."""
        # "the board's chair, Tilde Brandt" and "Alma Voss, the doctor": the first
        # comma-separated part that ends in a name gives the speaker.
        segments = [part.strip() for part in who.split(",") if part.strip()] or [who]
        name = next((trailing_name(part) for part in segments if trailing_name(part)), "")
        while name and name.split()[0] in TITLES:
            name = name.partition(" ")[2]
        if name:
            name = self.full_name(name)
            self.recent.append(name)
            return name[:200]
        return segments[0][:200]


def paragraphs_to_blocks(paragraphs: list[str], people: list[str] | None = None) -> list[Block]:
    """Return body blocks: plain paragraphs, with attributed quotations as quote blocks."""
    finder = SpeakerFinder(people)
    blocks: list[Block] = []
    for paragraph in paragraphs:
        blocks.extend(paragraph_blocks(paragraph, finder))
    return blocks


def paragraph_blocks(paragraph: str, finder: SpeakerFinder) -> list[Block]:
    """Return one paragraph's blocks, splitting out quotations whose speaker is named."""
    if "“" not in paragraph and '"' not in paragraph:
        finder.read(paragraph)
        return [("paragraph", as_html(paragraph))]
    blocks: list[Block] = []
    narrative: list[str] = []
    quote: Quote | None = None
    for sentence in split_sentences(paragraph):
        if quote is not None and (only := QUOTE_ONLY.match(sentence)):
            quote.parts.append(only.group("quote"))
            continue
        found = quotation(sentence, finder)
        if found is None:
            if quote is not None:
                blocks.append(quote.block())
                quote = None
            narrative.append(sentence)
            finder.read(sentence)
            continue
        if narrative:
            blocks.append(("paragraph", as_html(" ".join(narrative))))
            narrative = []
        if quote is not None:
            blocks.append(quote.block())
        quote = found
    if quote is not None:
        blocks.append(quote.block())
    if narrative:
        blocks.append(("paragraph", as_html(" ".join(narrative))))
    return blocks


def quotation(sentence: str, finder: SpeakerFinder) -> Quote | None:
    """Return the attributed quotation a sentence opens with (or ends with), if any."""
    if match := QUOTE_LED.match(sentence):
        who = finder.attribution(match.group("attr"))
        if who is not None:
            parts = [match.group("quote")]
            if match.group("more"):
                parts.append(match.group("more"))
            return Quote(parts, *who)
    if match := ATTRIBUTION_LED.match(sentence):
        who = finder.attribution(match.group("attr"))
        if who is not None:
            return Quote([match.group("quote")], *who)
    return None


def as_html(text: str) -> str:
    """Return plain text as one rich-text paragraph."""
    return f"<p>{html.escape(text, quote=False)}</p>"
