"""The default community standards and the lookup of rules by code.

Decisions cite rules by code. The live Community standards page is the source
of titles and numbers; until one exists (a fresh site) the defaults below
answer, so a decision never cites a rule readers cannot look up.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache

RULES_CACHE_KEY = "moderation:rules"
URL_CACHE_KEY = "moderation:standards-url"
RULES_CACHE_SECONDS = 300


@dataclass(frozen=True)
class Rule:
    """One rule of the standards."""

    code: str
    title: str
    explanation: str
    examples: tuple[str, ...] = ()


DEFAULT_INTRO = (
    "The discussion under our articles is for readers to argue, add what they know "
    "and correct us. Disagree as sharply as you like with ideas, policies and with us; "
    "these rules are about how, not what. Every moderation decision names the rule it "
    "applies, and you can appeal a rejection once."
)

DEFAULT_RULES: tuple[Rule, ...] = (
    Rule(
        "attacks",
        "No personal attacks",
        "Argue with what someone wrote, not with who they are. Insults, name-calling and "
        "sneering at other readers, our journalists or the people in the story are removed.",
        ("Removed: “Only a moron would believe the harbour board.”",
         "Fine: “The harbour board's figures leave out the winter months.”"),
    ),
    Rule(
        "hate",
        "No hate",
        "Attacks on people for their ethnicity, nationality, religion, sex, gender identity, "
        "sexual orientation, disability or age are removed, as are slurs, even quoted.",
        ("Removed: describing a group of people as vermin or invaders.",),
    ),
    Rule(
        "threats",
        "No threats or incitement to violence",
        "Threats, wishing harm or death on anyone, and calls for violence are removed and may "
        "be passed to the police.",
        ("Removed: “Someone should pay the councillor a visit at home.”",),
    ),
    Rule(
        "harassment",
        "No harassment",
        "Following a reader from thread to thread, piling on, or sexualised comments about "
        "anyone are removed, and repeated harassment ends in a ban.",
        ("Removed: replying to every comment of one reader to mock them.",),
    ),
    Rule(
        "off-topic",
        "Stay on topic, and do not flood",
        "Comments should be about the article or the discussion under it. Posting the same "
        "text again, or a stream of comments in a few minutes, drowns out other readers.",
        ("Held: the same comment pasted under five articles.",),
    ),
    Rule(
        "spam",
        "No spam or advertising",
        "Promotions, affiliate links, requests to message someone privately and links posted "
        "only to bring traffic elsewhere are removed. Links to sources are welcome; a first "
        "comment with a link is checked by a moderator first.",
        ("Removed: “Earn from home, message me for details.”",),
    ),
    Rule(
        "privacy",
        "Respect privacy; be who you are",
        "Do not post anyone's address, phone number, email or other personal details, "
        "including your own, and do not pretend to be another person or our staff.",
        ("Held: a comment giving a neighbour's phone number.",),
    ),
    Rule(
        "illegal",
        "Nothing illegal",
        "We remove comments that may be defamatory, that could prejudice a trial (contempt of "
        "court, such as naming someone the courts protect or asserting a defendant's guilt "
        "before a verdict) or that copy others' work at length.",
        ("Removed: stating as fact that a named person committed a crime they were not "
         "convicted of.",),
    ),
    Rule(
        "obscenity",
        "No shouting, obscenity or filter evasion",
        "Write in ordinary case, keep it clean, and do not disguise words to get past our "
        "filters with symbols, spacing or look-alike letters: disguised words are treated as "
        "the words themselves.",
        ("Held: a comment written entirely in capitals.",
         "Removed: a swear word spelled with numbers for letters."),
    ),
    Rule(
        "misinformation",
        "No harmful misinformation",
        "False claims that could cause real harm, for example about health, safety or how to "
        "vote, are removed. Only a moderator, never the automatic filter, applies this rule.",
        ("Removed: telling readers a polling station has moved when it has not.",),
    ),
)  # fmt: skip


def rules_by_code() -> dict[str, tuple[int, Rule]]:
    """Return each rule by code with its number, from the live standards page or the defaults."""
    cached = cache.get(RULES_CACHE_KEY)
    if cached is not None:
        return dict(cached)
    from masthead.discussion.moderation.models import CommunityStandardsPage

    page = CommunityStandardsPage.objects.live().first()
    if page is None:
        rules = list(DEFAULT_RULES)
    else:
        rules = [
            Rule(r.code, r.title, r.explanation, tuple(r.example_lines())) for r in page.rules.all()
        ]
    found = {rule.code: (number, rule) for number, rule in enumerate(rules, start=1)}
    cache.set(RULES_CACHE_KEY, found, RULES_CACHE_SECONDS)
    return found


def forget_rules() -> None:
    """Drop the cached rules and link (the standards page changed)."""
    cache.delete_many([RULES_CACHE_KEY, URL_CACHE_KEY])


def describe_rule(code: str) -> str:
    """Return "3. No threats or incitement to violence" for a code, or the code itself."""
    found = rules_by_code().get(code)
    if found is None:
        return code
    number, rule = found
    return f"{number}. {rule.title}"


def standards_url() -> str:
    """Return the URL of the live standards page, or "" (cached like the rules)."""
    url = cache.get(URL_CACHE_KEY)
    if url is None:
        from masthead.discussion.moderation.models import CommunityStandardsPage

        page = CommunityStandardsPage.objects.live().first()
        url = (page.url or "") if page else ""
        cache.set(URL_CACHE_KEY, url, RULES_CACHE_SECONDS)
    return str(url)
