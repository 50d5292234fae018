"""Settings of the moderation app, each with its default."""

from __future__ import annotations

from masthead.core.settings_cache import setting as _get

DEFAULT_CHECKS = (
    "masthead.discussion.moderation.checks.staff",
    "masthead.discussion.moderation.checks.sanctions",
    "masthead.discussion.moderation.checks.banned_words",
    "masthead.discussion.moderation.checks.suspect_words",
    "masthead.discussion.moderation.checks.toxicity",
    "masthead.discussion.moderation.checks.personal_information",
    "masthead.discussion.moderation.checks.links",
    "masthead.discussion.moderation.checks.repeats_and_floods",
    "masthead.discussion.moderation.checks.shouting",
    "masthead.discussion.moderation.checks.premoderation",
)


def checks() -> tuple[str, ...]:
    """Return the dotted paths of the screening checks, in the order they run."""
    return tuple(_get("MODERATION_CHECKS", DEFAULT_CHECKS))


def toxicity_threshold() -> float:
    """Return the classifier probability at or above which a comment is held."""
    return float(_get("MODERATION_TOXICITY_THRESHOLD", 0.8))


def max_links() -> int:
    """Return how many links one comment may hold before it is held."""
    return int(_get("MODERATION_MAX_LINKS", 3))


def flood_limit() -> tuple[int, int]:
    """Return (comments, seconds): more comments than this in the window are held."""
    count, seconds = _get("MODERATION_FLOOD_LIMIT", (5, 120))
    return int(count), int(seconds)


def repeat_window_seconds() -> int:
    """Return how far back the same text posted again counts as a repeat."""
    return int(_get("MODERATION_REPEAT_WINDOW", 24 * 3600))


def shouting_ratio() -> float:
    """Return the share of capital letters above which a comment is shouting."""
    return float(_get("MODERATION_SHOUTING_RATIO", 0.7))


def shouting_min_letters() -> int:
    """Return how many letters a comment needs before shouting is judged."""
    return int(_get("MODERATION_SHOUTING_MIN_LETTERS", 24))


def premoderate_new_accounts() -> bool:
    """Return whether comments of new, untrusted accounts are held."""
    return bool(_get("MODERATION_PREMODERATE_NEW_ACCOUNTS", False))


def new_account_days() -> int:
    """Return how many days an account counts as new."""
    return int(_get("MODERATION_NEW_ACCOUNT_DAYS", 3))


def trusted_score() -> int:
    """Return the trust score from which a reader is trusted."""
    return int(_get("MODERATION_TRUSTED_SCORE", 5))


def low_trust_score() -> int:
    """Return the trust score at or below which every comment of a reader is held."""
    return int(_get("MODERATION_LOW_TRUST_SCORE", -6))


def report_threshold() -> float:
    """Return the summed report weight that moves a comment to the Reported queue."""
    return float(_get("MODERATION_REPORT_THRESHOLD", 3.0))


def trusted_report_weight() -> float:
    """Return the weight of a report by a trusted reader (others weigh 1)."""
    return float(_get("MODERATION_TRUSTED_REPORT_WEIGHT", 2.0))


def wordlist_recheck_seconds() -> float:
    """Return how often a process checks the database for word-list changes."""
    return float(_get("MODERATION_WORDLIST_RECHECK_SECONDS", 2.0))


def undo_seconds() -> int:
    """Return how long a bulk action can be undone."""
    return int(_get("MODERATION_UNDO_SECONDS", 15 * 60))


def ratelimit_enabled() -> bool:
    """Return whether readers' moderation requests are rate-limited."""
    return bool(_get("MODERATION_RATELIMIT_ENABLED", True))


def report_rate() -> str:
    """Return how many reports a reader may send (django-ratelimit syntax)."""
    return str(_get("MODERATION_REPORT_RATE", "10/m"))


def disagree_rate() -> str:
    """Return how many "I disagree" a reader may send."""
    return str(_get("MODERATION_DISAGREE_RATE", "30/m"))


def appeal_rate() -> str:
    """Return how many appeals a reader may send."""
    return str(_get("MODERATION_APPEAL_RATE", "5/h"))
