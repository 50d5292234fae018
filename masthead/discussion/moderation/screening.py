"""The screening contract between posting (discussion) and moderation.

``discussion`` calls :func:`screen` inside the posting transaction of every new
or edited comment and stores the :class:`Decision` with the comment. The
moderation app owns what happens inside: the ordered list of checks, word
lists, the classifier and the sanctions. This module fixes only the shapes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from masthead.discussion.moderation.checks import ScreeningContext
    from masthead.discussion.moderation.history import NewReader
    from masthead.discussion.moderation.matching import WordMatcher

Verdict = Literal["approve", "hold", "reject"]


@dataclass(frozen=True)
class Submission:
    """A comment as posted or edited, before it is saved."""

    text: str
    author_id: int | None
    author_is_staff: bool
    article_id: int
    parent_id: int | None = None
    comment_id: int | None = None  # set when an existing comment is edited
    is_edit: bool = False
    # The author chose to post after a warning about suspect words or tone.
    warning_acknowledged: bool = False


@dataclass(frozen=True)
class CheckResult:
    """One check's verdict: what it decided, its score, and the rule it cites."""

    check: str
    verdict: Verdict
    score: float = 0.0
    rule: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    """The outcome of screening: the verdict, the rule cited and every check's result.

    ``warn`` asks the author to reconsider before the comment is held: the
    posting form shows ``rule`` and lets them edit once.
    """

    verdict: Verdict
    rule: str = ""
    results: tuple[CheckResult, ...] = ()
    warn: bool = False
    # What the author is told when the comment is held or rejected.
    reason: str = ""

    def scores(self) -> dict[str, float]:
        """Return each check's score by check name."""
        return {result.check: result.score for result in self.results}

    def as_json(self) -> dict[str, Any]:
        """Return the decision as JSON-ready data, as stored with the comment."""
        return {
            "verdict": self.verdict,
            "rule": self.rule,
            "warn": self.warn,
            "reason": self.reason,
            "results": [
                {
                    "check": r.check,
                    "verdict": r.verdict,
                    "score": r.score,
                    "rule": r.rule,
                    "detail": r.detail,
                }
                for r in self.results
            ],
        }


Check = Callable[["ScreeningContext"], CheckResult | None]


@dataclass(frozen=True)
class Standing:
    """Whether a reader may post now, and the reason shown to them when not."""

    may_post: bool
    reason: str = ""
    rule: str = ""


def screen(
    submission: Submission,
    *,
    matcher: WordMatcher | None = None,
    history: NewReader | None = None,
) -> Decision:
    """Screen one submission with the checks of ``MODERATION_CHECKS``, in order.

    The verdict is the most severe of the checks' verdicts (reject, then hold,
    then approve) and the rule is that of the first check giving it. A check may
    end screening early (``detail["final"]``: staff comments). ``matcher`` and
    ``history`` default to the admin's word lists and the author's record.
    """
    from masthead.discussion.moderation.checks import ScreeningContext
    from masthead.discussion.moderation.matching import current_matcher

    if history is None:
        history = _history_of(submission)
    context = ScreeningContext(submission, matcher or current_matcher(), history)
    results: list[CheckResult] = []
    for check in _checks():
        result = check(context)
        if result is None:
            continue
        results.append(result)
        if result.detail.get("final"):
            break
    return decide(submission, results)


def decide(submission: Submission, results: list[CheckResult]) -> Decision:
    """Combine check results into a decision (the most severe verdict wins)."""
    from masthead.discussion.moderation.checks import WARN_FIRST

    verdict: Verdict = "approve"
    for candidate in ("reject", "hold"):
        if any(result.verdict == candidate for result in results):
            verdict = candidate  # type: ignore[assignment]
            break
    decisive = next((r for r in results if r.verdict == verdict), None)
    holds = [r for r in results if r.verdict == "hold"]
    warn = (
        verdict == "hold"
        and not submission.warning_acknowledged
        and all(r.check in WARN_FIRST for r in holds)
    )
    return Decision(
        verdict,
        rule=decisive.rule if decisive and verdict != "approve" else "",
        results=tuple(results),
        warn=warn,
        reason=_reason(decisive) if verdict != "approve" else "",
    )


REASONS = {
    "banned_words": "Your comment contains language our community standards do not allow.",
    "suspect_words": "Your comment contains words that often break our community standards.",
    "toxicity": "Your comment reads as offensive to our filter.",
    "personal_information": "Your comment seems to contain an email address or phone number.",
    "links": "Comments with links are checked by a moderator before they appear.",
    "repeats_and_floods": "You posted this, or many comments, very recently.",
    "shouting": "Your comment is written mostly in capital letters.",
}


def _reason(result: CheckResult | None) -> str:
    if result is None:
        return ""
    if "reason" in result.detail:
        return str(result.detail["reason"])
    if result.check == "links" and "cap" in result.detail:
        return f"Comments may hold at most {result.detail['cap']} links."
    return REASONS.get(result.check, "A moderator will review your comment.")


def _history_of(submission: Submission) -> NewReader:
    from masthead.discussion.moderation.history import NewReader, ReaderHistory

    if submission.author_id is None:
        return NewReader()
    return ReaderHistory(submission.author_id, submission.article_id, submission.comment_id)


_resolved: dict[tuple[str, ...], list[Check]] = {}


def _checks() -> list[Check]:
    from django.utils.module_loading import import_string

    from masthead.discussion.moderation import conf

    paths = conf.checks()
    if paths not in _resolved:
        _resolved[paths] = [import_string(path) for path in paths]
    return _resolved[paths]


def sanction_end(moment: dt.datetime) -> str:
    """Return when a sanction ends as the site writes times (its zone and dateline style)."""
    from masthead.core.dateline import format_dateline
    from masthead.core.templatetags.dateline_tags import default_site_style

    return format_dateline(moment, default_site_style())


def standing(author_id: int, history: NewReader | None = None) -> Standing:
    """Return whether a reader may post: no ban or suspension in force.

    ``history`` is the author's history when the caller has one (posting
    passes the one it screens with, so the sanctions are read once).
    """
    from masthead.discussion.moderation.history import posting_sanctions
    from masthead.discussion.moderation.models import SanctionKind

    sanctions = history.sanctions if history is not None else posting_sanctions(author_id)
    # A ban outranks a suspension; among equals the newest (the list is newest first).
    stopping = [s for s in sanctions if s.kind in (SanctionKind.BAN, SanctionKind.SUSPEND)]
    sanction = min(stopping, key=lambda s: s.kind != SanctionKind.BAN, default=None)
    if sanction is None:
        return Standing(may_post=True)
    if sanction.kind == SanctionKind.BAN:
        reason = f"Your account may no longer post: {sanction.reason}"
    else:
        until = sanction_end(sanction.ends_at) if sanction.ends_at else ""
        reason = f"Your account may not post until {until}: {sanction.reason}"
    return Standing(may_post=False, reason=reason, rule=sanction.rule)
