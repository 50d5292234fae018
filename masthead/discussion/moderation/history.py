"""What screening knows about the author: history, trust, sanctions, the article's setting.

Each fact is read lazily and at most once per submission, so a staff comment
costs no query and a typical reader's comment a handful of indexed lookups,
as fixed statements (screening runs them on every post).
:class:`NewReader` is a reader with no past, used by ``masthead moderation
screen`` and the evaluation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

from django.utils import timezone

from masthead.core import fixed_sql
from masthead.discussion.moderation import conf

if TYPE_CHECKING:
    from masthead.discussion.moderation.models import Sanction

RECENT_LIMIT = 200  # enough for flood and repeat checks; bounds the query
# The sanctions that stop or hold a reader's comments (a warning does neither).
POSTING_SANCTIONS = ("ban", "suspend", "premoderate")


def posting_sanctions(author_id: int) -> list[Sanction]:
    """Return the reader's bans, suspensions and pre-moderations in force, newest first."""
    from masthead.discussion.moderation.models import Sanction

    return Sanction.objects.in_force_for(author_id, POSTING_SANCTIONS)


@dataclass(frozen=True)
class PastComment:
    """One recent comment of the author."""

    created_at: dt.datetime
    body: str


class NewReader:
    """A reader who has never posted, on an article with default settings."""

    has_posted_before = False
    is_trusted = False
    is_low_trust = False
    is_new_account = True
    premoderation_reason = ""
    premoderation_rule = ""
    article_is_premoderated = False

    def recent_comments(self) -> list[PastComment]:
        """Return the author's recent comments, newest first."""
        return []

    @property
    def sanctions(self) -> list[Sanction]:
        """Return the author's sanctions in force that bear on posting (none)."""
        return []


class ReaderHistory(NewReader):
    """The author's history read from the database."""

    def __init__(self, author_id: int, article_id: int, comment_id: int | None = None) -> None:
        self.author_id = author_id
        self.article_id = article_id
        self.comment_id = comment_id

    @cached_property
    def has_posted_before(self) -> bool:  # type: ignore[override]
        """Return whether any earlier comment of the author is visible."""
        from masthead.discussion.models import VISIBLE_STATUSES, Comment

        return fixed_sql.exists(
            Comment,
            "SELECT 1 FROM {table} WHERE author_id = %s AND status IN (%s, %s) AND id <> %s"
            " LIMIT 1",
            [self.author_id, *VISIBLE_STATUSES, self.comment_id or 0],
        )

    @cached_property
    def trust_score(self) -> int:
        """Return the author's trust score (0 without a record)."""
        from masthead.discussion.moderation.models import ReaderTrust

        trust = fixed_sql.first(
            ReaderTrust,
            "SELECT * FROM {table} WHERE reader_id = %s",
            [self.author_id],
        )
        return trust.score if trust else 0

    @property
    def is_trusted(self) -> bool:  # type: ignore[override]
        """Return whether the author's trust reached the trusted score."""
        return self.trust_score >= conf.trusted_score()

    @property
    def is_low_trust(self) -> bool:  # type: ignore[override]
        """Return whether the author's trust fell to the low-trust score."""
        return self.trust_score <= conf.low_trust_score()

    @cached_property
    def is_new_account(self) -> bool:  # type: ignore[override]
        """Return whether the account is younger than the new-account period."""
        from django.contrib.auth import get_user_model

        author = fixed_sql.first(
            get_user_model(),
            "SELECT id, date_joined FROM {table} WHERE id = %s",
            [self.author_id],
        )
        joined = getattr(author, "date_joined", None)
        if joined is None:
            return True
        return timezone.now() - joined < dt.timedelta(days=conf.new_account_days())

    @cached_property
    def sanctions(self) -> list[Sanction]:  # type: ignore[override]
        """Return the author's bans, suspensions and pre-moderations in force, newest first.

        One query serves both the standing check before posting and screening.
        """
        return posting_sanctions(self.author_id)

    @cached_property
    def _premoderation(self) -> tuple[str, str]:
        from masthead.discussion.moderation.models import SanctionKind

        sanction = next((s for s in self.sanctions if s.kind == SanctionKind.PREMODERATE), None)
        return (sanction.reason, sanction.rule) if sanction else ("", "")

    @property
    def premoderation_reason(self) -> str:  # type: ignore[override]
        """Return the reason of a pre-moderation sanction in force, or ""."""
        return self._premoderation[0]

    @property
    def premoderation_rule(self) -> str:  # type: ignore[override]
        """Return the rule of a pre-moderation sanction in force, or ""."""
        return self._premoderation[1]

    @cached_property
    def article_is_premoderated(self) -> bool:  # type: ignore[override]
        """Return whether every comment on the article is held."""
        from masthead.discussion.moderation.models import ArticleModeration

        return fixed_sql.exists(
            ArticleModeration,
            "SELECT 1 FROM {table} WHERE article_id = %s AND premoderate = %s",
            [self.article_id, True],
        )

    def recent_comments(self) -> list[PastComment]:
        """Return the author's comments of the repeat window, newest first (bounded)."""
        return self._recent

    @cached_property
    def _recent(self) -> list[PastComment]:
        from masthead.discussion.models import Comment

        window = max(conf.repeat_window_seconds(), conf.flood_limit()[1])
        since = timezone.now() - dt.timedelta(seconds=window)
        rows = fixed_sql.values(
            Comment,
            "SELECT created_at, body FROM {table}"
            " WHERE author_id = %s AND created_at >= %s AND id <> %s AND status <> %s"
            " ORDER BY created_at DESC LIMIT %s",
            [
                self.author_id,
                fixed_sql.moment(since),
                self.comment_id or 0,
                "deleted",
                RECENT_LIMIT,
            ],
        )
        return [PastComment(created_at, body) for created_at, body in rows]
