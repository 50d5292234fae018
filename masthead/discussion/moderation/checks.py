"""The screening checks. Each takes a :class:`ScreeningContext` and returns a result or None.

A check returns None when it has nothing to say (the staff check for a reader),
otherwise a :class:`CheckResult` with its verdict, score and the rule it cites.
``MODERATION_CHECKS`` lists the checks to run, in order, as dotted paths, so a
site can drop one or add its own. Every regular expression here has bounded
repetition and no nested quantifiers, so no input can make it backtrack
exponentially.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property

from django.utils import timezone

from masthead.discussion.moderation import classifier, conf
from masthead.discussion.moderation.history import NewReader
from masthead.discussion.moderation.matching import Term, WordMatcher
from masthead.discussion.moderation.normalise import fold, folded_tokens
from masthead.discussion.moderation.screening import CheckResult, Submission, Verdict

# Rule codes of the default community standards (see standards.py).
ATTACKS, HATE, THREATS, HARASSMENT = "attacks", "hate", "threats", "harassment"
OFF_TOPIC, SPAM, PRIVACY, ILLEGAL = "off-topic", "spam", "privacy", "illegal"
OBSCENITY, MISINFORMATION = "obscenity", "misinformation"

# Checks whose hold is preceded by one warning the author may act on.
WARN_FIRST = frozenset({"suspect_words", "toxicity"})

EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
# Nine to fifteen digits with at most two separators between them: phone numbers,
# not years, prices or "1,000,000".
PHONE = re.compile(r"(?<![\w.,])\+?\(?\d(?:[ ().-]{0,2}\d){8,14}(?![\w])")
URL = re.compile(r"(?i)(?:\bhttps?://|\bwww\.)[^\s<>\"]{1,2000}")
BARE_DOMAIN = re.compile(
    r"(?i)(?<![@\w./-])(?!www\.)[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,4}"
    r"\.(?:com|net|org|info|biz|io|co|ru|xyz|top|ly|me|uk)"
    r"(?:/[^\s<>\"]{0,2000})?(?![\w])"
)
NON_ALPHANUMERIC = re.compile(r"[\W_]+")
REPEAT_MIN_LENGTH = 20  # "Agreed." twice is conversation, not flooding


@dataclass
class ScreeningContext:
    """One submission and what the checks may ask about it."""

    submission: Submission
    matcher: WordMatcher
    history: NewReader = field(default_factory=NewReader)

    @cached_property
    def matches(self) -> list[Term]:
        """Return the word-list terms found in the text."""
        return self.matcher.find_folded(self.folded)

    @cached_property
    def folded(self) -> str:
        """Return the case-folded text without accents, invisible characters or look-alikes."""
        return fold(self.submission.text)

    @cached_property
    def words(self) -> list[str]:
        """Return the plain words of the text (leetspeak undone)."""
        return folded_tokens(self.folded)

    @cached_property
    def links(self) -> list[str]:
        """Return the links in the text, however written."""
        text = self.submission.text
        return URL.findall(text) + BARE_DOMAIN.findall(text)


def staff(context: ScreeningContext) -> CheckResult | None:
    """Approve staff comments and stop screening."""
    if not context.submission.author_is_staff:
        return None
    return CheckResult("staff", "approve", 1.0, detail={"final": True})


def sanctions(context: ScreeningContext) -> CheckResult | None:
    """Hold every comment of a reader under a pre-moderation sanction."""
    reason = context.history.premoderation_reason
    if not reason:
        return None
    rule = context.history.premoderation_rule
    return CheckResult("sanctions", "hold", 1.0, rule, {"reason": reason})


def _word_check(context: ScreeningContext, kind: str, name: str) -> CheckResult:
    terms = [term for term in context.matches if term.kind == kind]
    if not terms:
        return CheckResult(name, "approve", 0.0)
    raw = context.submission.text.casefold()
    matched = [term.term for term in terms]
    detail = {
        "matched": matched,
        # A match the plain lower-cased text does not contain was disguised.
        "disguised": any(term.casefold() not in raw for term in matched),
    }
    verdict: Verdict = "reject" if kind == "banned" else "hold"
    rule = terms[0].rule or (OBSCENITY if kind == "banned" else ATTACKS)
    return CheckResult(name, verdict, float(len(terms)), rule, detail)


def banned_words(context: ScreeningContext) -> CheckResult:
    """Reject a comment holding a banned word or phrase."""
    return _word_check(context, "banned", "banned_words")


def suspect_words(context: ScreeningContext) -> CheckResult:
    """Hold a comment holding a suspect word or phrase (after one warning)."""
    return _word_check(context, "suspect", "suspect_words")


def toxicity_score(context: ScreeningContext) -> float:
    """Return the classifier's probability, on the text as written and as normalised."""
    return max(
        classifier.probability(context.submission.text),
        classifier.probability(" ".join(context.words)),
    )


def toxicity(context: ScreeningContext) -> CheckResult:
    """Hold a comment the offline classifier finds offensive; it never rejects alone."""
    score = round(toxicity_score(context), 4)
    if score >= conf.toxicity_threshold():
        return CheckResult(
            "toxicity", "hold", score, ATTACKS, {"threshold": conf.toxicity_threshold()}
        )
    return CheckResult("toxicity", "approve", score)


def personal_information(context: ScreeningContext) -> CheckResult:
    """Hold a comment holding an email address or a phone number."""
    text = context.submission.text
    found = len(EMAIL.findall(text)) + len(PHONE.findall(text))
    if not found:
        return CheckResult("personal_information", "approve", 0.0)
    return CheckResult("personal_information", "hold", float(found), PRIVACY, {"found": found})


def links(context: ScreeningContext) -> CheckResult:
    """Hold a first comment with a link, and any comment with more links than the cap."""
    count = len(context.links)
    if count > conf.max_links():
        return CheckResult("links", "hold", float(count), SPAM, {"cap": conf.max_links()})
    if count and not context.history.has_posted_before:
        return CheckResult("links", "hold", float(count), SPAM, {"first_comment": True})
    return CheckResult("links", "approve", float(count))


def repeat_key(text: str) -> str:
    """Return the letters and digits of ``text``, case-folded: equal keys are repeats."""
    return NON_ALPHANUMERIC.sub("", text.casefold())


def repeats_and_floods(context: ScreeningContext) -> CheckResult:
    """Reject the same text posted again; hold many comments in a short time."""
    recent = context.history.recent_comments()
    if not recent:
        return CheckResult("repeats_and_floods", "approve", 0.0)
    # A cheap key (one C-level substitution per past comment) keeps a reader with
    # hundreds of recent comments inside the time budget.
    key = repeat_key(context.submission.text)
    if len(key) >= REPEAT_MIN_LENGTH:
        since = timezone.now() - dt.timedelta(seconds=conf.repeat_window_seconds())
        for past in recent:
            if past.created_at >= since and repeat_key(past.body) == key:
                return CheckResult("repeats_and_floods", "reject", 1.0, OFF_TOPIC, {"repeat": True})
    if context.submission.is_edit:
        # Editing adds no comment: an edit never counts towards a flood.
        return CheckResult("repeats_and_floods", "approve", 0.0)
    limit, seconds = conf.flood_limit()
    since = timezone.now() - dt.timedelta(seconds=seconds)
    in_window = sum(1 for past in recent if past.created_at >= since)
    if in_window >= limit:
        return CheckResult(
            "repeats_and_floods", "hold", float(in_window), OFF_TOPIC, {"flood": in_window}
        )
    return CheckResult("repeats_and_floods", "approve", float(in_window))


def shouting(context: ScreeningContext) -> CheckResult:
    """Hold a comment written mostly in capitals."""
    text = context.submission.text
    letters = sum(map(str.isalpha, text))
    if letters < conf.shouting_min_letters():
        return CheckResult("shouting", "approve", 0.0)
    ratio = round(sum(map(str.isupper, text)) / letters, 3)
    if ratio >= conf.shouting_ratio():
        return CheckResult("shouting", "hold", ratio, OBSCENITY, {"capitals": ratio})
    return CheckResult("shouting", "approve", ratio)


def premoderation(context: ScreeningContext) -> CheckResult | None:
    """Hold comments on pre-moderated articles and of new or low-trust readers."""
    history = context.history
    if history.article_is_premoderated:
        reason = "Comments on this article are reviewed before they appear."
    elif history.is_low_trust:
        reason = "Comments from this account are reviewed before they appear."
    elif conf.premoderate_new_accounts() and history.is_new_account and not history.is_trusted:
        reason = "Comments from new accounts are reviewed before they appear."
    else:
        return None
    return CheckResult("premoderation", "hold", 1.0, "", {"reason": reason})
