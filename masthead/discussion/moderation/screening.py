"""The screening contract between posting (discussion) and moderation.

``discussion`` calls :func:`screen` inside the posting transaction of every new
or edited comment and stores the :class:`Decision` with the comment. The
moderation app owns what happens inside: the ordered list of checks, word
lists, the classifier and the sanctions. This module fixes only the shapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

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

    def as_json(self) -> dict[str, Any]:
        """Return the decision as JSON-ready data, as stored with the comment."""
        return {
            "verdict": self.verdict,
            "rule": self.rule,
            "warn": self.warn,
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


@dataclass(frozen=True)
class Standing:
    """Whether a reader may post now, and the reason shown to them when not."""

    may_post: bool
    reason: str = ""
    rule: str = ""


def screen(submission: Submission) -> Decision:
    """Screen one submission.

    Placeholder until the moderation pipeline replaces it: staff comments are
    approved and everything else is published as written.
    """
    if submission.author_is_staff:
        return Decision("approve", results=(CheckResult("staff", "approve"),))
    return Decision("approve")


def standing(author_id: int) -> Standing:
    """Return whether a reader may post (no ban or suspension in force)."""
    return Standing(may_post=True)
