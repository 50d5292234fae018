"""The screening pipeline: each check, their order, warnings and the stored decision."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django import Settings

from masthead.discussion.actions import post_comment
from masthead.discussion.models import Comment
from masthead.discussion.moderation import classifier
from masthead.discussion.moderation.history import NewReader
from masthead.discussion.moderation.matching import current_matcher
from masthead.discussion.moderation.models import (
    ArticleModeration,
    ReaderTrust,
    Sanction,
    WordListEntry,
)
from masthead.discussion.moderation.screening import Submission, screen, standing
from masthead.discussion.moderation.tests.helpers import (
    DEFAULT_MATCHER,
    make_moderator,
    make_reader,
    post,
    screen_text,
)
from masthead.testing.factories import make_article


def test_civil_disagreement_is_approved() -> None:
    """Sharp but civil criticism passes every check."""
    decision = screen_text(
        "The minister's housing plan is wrong on every count, and the figures she quoted "
        "last night do not survive a glance at the council's own budget."
    )
    assert decision.verdict == "approve" and decision.rule == "" and not decision.warn
    assert {r.check for r in decision.results} >= {"banned_words", "toxicity", "links"}


def test_banned_word_rejects_and_cites_its_rule() -> None:
    """A banned phrase rejects with the entry's rule, even disguised."""
    decision = screen_text("k\u200by\u200bs you clown")
    assert decision.verdict == "reject" and decision.rule == "threats"
    banned = next(r for r in decision.results if r.check == "banned_words")
    assert banned.detail["matched"] == ["kys"] and banned.detail["disguised"]


def test_suspect_word_holds_after_one_warning() -> None:
    """A suspect word asks for a warning first; once acknowledged the comment is held."""
    first = screen_text("Only an idiot would back this ferry contract.")
    assert first.verdict == "hold" and first.warn and first.rule == "attacks"
    submission = Submission(
        "Only an idiot would back this ferry contract.", None, False, 1, warning_acknowledged=True
    )
    again = screen(submission, matcher=DEFAULT_MATCHER, history=NewReader())
    assert again.verdict == "hold" and not again.warn


def test_toxicity_holds_but_never_rejects(settings: Settings) -> None:
    """The classifier alone holds; its threshold is a setting."""
    text = "what a load of dumb garbage, you utter buffoon"
    score = classifier.probability(text)
    settings.MODERATION_TOXICITY_THRESHOLD = score - 0.01
    assert screen_text(text).verdict == "hold"
    settings.MODERATION_TOXICITY_THRESHOLD = min(1.0, score + 0.01)
    assert screen_text(text).verdict != "reject"


def test_classifier_matches_the_package() -> None:
    """The fast linear evaluation gives the package's own probabilities."""
    from profanity_check import predict_prob

    texts = ["You are a fine writer", "shut your filthy mouth", "", "the budget is 45 million"]
    for text, expected in zip(texts, predict_prob(texts), strict=True):
        assert classifier.probability(text) == pytest.approx(float(expected), abs=1e-9)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("Ring the organiser on +44 20 7946 0958 and tell him", "privacy"),
        ("Write to jo.bloggs@example.org to complain", "privacy"),
        ("THIS COUNCIL HAS NO IDEA WHAT IT IS DOING WITH THE HARBOUR", "obscenity"),
        ("My first comment: see https://example.org/report for the data", "spam"),
        ("Sources: a.com b.net c.org d.io e.co", "spam"),
    ],
)
def test_holding_checks_cite_their_rules(text: str, rule: str) -> None:
    """Personal information, shouting and links hold with their rule."""
    decision = screen_text(text)
    assert (decision.verdict, decision.rule, decision.warn) == ("hold", rule, False)
    assert decision.reason


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("see https://example.org/a/b.html", 1),
        ("see www.example.org and example.com/path", 2),
        ("read news.example.co.uk/story today", 1),
        ("mail jo@example.org", 0),
        ("no link here, just a sentence. Another one.", 0),
    ],
)
def test_links_are_counted_once(text: str, count: int) -> None:
    """Each link counts once, written with or without a scheme; emails are not links."""
    decision = screen_text(text)
    assert decision.scores()["links"] == count


def test_numbers_are_not_phone_numbers() -> None:
    """Years, prices and big figures are not personal information."""
    assert screen_text("In 2019-2020 it cost £1,250,000 or 3.5% of 40000 pounds").verdict == (
        "approve"
    )


@pytest.mark.django_db
def test_staff_comments_are_approved_without_queries(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Staff comments are approved by the first check, which stops screening."""
    submission = Submission("you idiot", 1, True, 1)
    current_matcher()  # warm the word-list cache
    with django_assert_num_queries(0):
        decision = screen(submission)
    assert decision.verdict == "approve" and [r.check for r in decision.results] == ["staff"]


@pytest.mark.django_db
def test_word_lists_come_from_the_admin_and_refresh_on_change() -> None:
    """Entries saved in the admin are matched at once in this process."""
    assert WordListEntry.objects.filter(term="kys").exists()  # the default lists are loaded
    submission = Submission("The harbour gremlins strike again", None, False, 1)
    assert screen(submission).verdict == "approve"
    entry = WordListEntry.objects.create(term="gremlins", kind="banned", rule="attacks")
    assert screen(submission).verdict == "reject"
    entry.delete()
    assert screen(submission).verdict == "approve"


@pytest.mark.django_db
def test_first_comment_with_link_is_held_later_ones_pass() -> None:
    """Links hold a first-time poster's comment; after a published comment they pass."""
    article = make_article()
    reader = make_reader()
    first = post(article, reader, "The data is at https://example.org/ferries")
    assert first.status == "held" and first.status_rule == "spam"
    post(article, reader, "Thanks to everyone for the corrections above.")
    later = post(article, reader, "Updated figures: https://example.org/ferries-2")
    assert later.status == "published"


@pytest.mark.django_db
def test_repeats_rejected_and_floods_held(settings: Settings) -> None:
    """The same text again is rejected; too many comments in the window are held."""
    settings.MODERATION_FLOOD_LIMIT = (3, 60)
    article = make_article()
    reader = make_reader()
    text = "The new timetable leaves the island without an evening crossing."
    assert post(article, reader, text).status == "published"
    repeat = post(article, reader, text.upper().replace("E", "e"))
    assert repeat.status == "rejected" and repeat.status_rule == "off-topic"
    post(article, reader, "A second, different thought about the pier.")
    flood = post(article, reader, "And a third one, about the car park.")
    assert flood.status == "held" and flood.screening["results"]
    decision = flood.screening
    assert any(
        r["check"] == "repeats_and_floods" and r["verdict"] == "hold" for r in decision["results"]
    )


@pytest.mark.django_db
def test_old_comments_do_not_count_as_repeats() -> None:
    """Text posted long ago may be posted again."""
    article = make_article()
    reader = make_reader()
    text = "The new timetable leaves the island without an evening crossing."
    old = post(article, reader, text)
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    assert post(article, reader, text).status == "published"


@pytest.mark.django_db
def test_premoderation_per_article_per_reader_and_new_accounts(settings: Settings) -> None:
    """Pre-moderated articles, sanctioned readers and (when on) new accounts are held."""
    article, other = make_article(), make_article()
    reader = make_reader()
    ArticleModeration.objects.create(article=article, premoderate=True)
    assert post(article, reader, "A calm remark.").status == "held"
    assert post(other, reader, "Another calm remark.").status == "published"
    moderator = make_moderator()
    Sanction.objects.create(
        reader=reader, kind="premoderate", rule="attacks", reason="Insults", created_by=moderator
    )
    held = post(other, reader, "A third calm remark.")
    assert held.status == "held" and held.status_rule == "attacks"
    settings.MODERATION_PREMODERATE_NEW_ACCOUNTS = True
    newcomer = make_reader()
    assert post(other, newcomer, "Hello from a new reader.").status == "held"
    ReaderTrust.objects.update_or_create(reader=newcomer, defaults={"approved_count": 10})
    assert post(other, newcomer, "Hello again, trusted now.").status == "published"


@pytest.mark.django_db
def test_low_trust_readers_are_held() -> None:
    """A reader with many rejections is pre-moderated."""
    reader = make_reader()
    ReaderTrust.objects.create(reader=reader, rejected_count=3)
    assert post(make_article(), reader, "A calm remark.").status == "held"


@pytest.mark.django_db
def test_history_costs_few_queries(django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    """Screening a reader's comment reads its history in a handful of queries."""
    article = make_article()
    reader = make_reader()
    post(article, reader, "A first remark on the ferry.")
    current_matcher()
    submission = Submission("A second remark, https://example.org", reader.pk, False, article.pk)
    with django_assert_max_num_queries(6):
        screen(submission)


@pytest.mark.django_db
def test_standing_reports_bans_and_suspensions() -> None:
    """Banned and suspended readers may not post, and are told why and until when."""
    reader, moderator = make_reader(), make_moderator()
    assert standing(reader.pk).may_post
    Sanction.objects.create(
        reader=reader,
        kind="suspend",
        rule="attacks",
        reason="Repeated insults",
        ends_at=timezone.now() + dt.timedelta(days=2),
        created_by=moderator,
    )
    result = standing(reader.pk)
    assert not result.may_post and result.rule == "attacks" and "Repeated insults" in result.reason
    Sanction.objects.update(ends_at=timezone.now() - dt.timedelta(seconds=1))
    assert standing(reader.pk).may_post


@pytest.mark.django_db
def test_standing_prefers_a_ban_and_ignores_revoked_sanctions() -> None:
    """A ban outranks a newer suspension; a revoked ban no longer counts."""
    reader, moderator = make_reader(), make_moderator()
    common = {"reader": reader, "rule": "attacks", "created_by": moderator}
    ban = Sanction.objects.create(kind="ban", reason="Threats", **common)
    Sanction.objects.create(
        kind="suspend", reason="Insults", ends_at=timezone.now() + dt.timedelta(days=1), **common
    )
    result = standing(reader.pk)
    assert not result.may_post and "no longer post: Threats" in result.reason
    Sanction.objects.filter(pk=ban.pk).update(revoked_at=timezone.now())
    result = standing(reader.pk)
    assert not result.may_post and "until" in result.reason and "Insults" in result.reason


@pytest.mark.django_db
def test_posting_reads_sanctions_once_for_standing_and_screening() -> None:
    """A pre-moderated reader may post and is held; the sanctions are one query."""
    reader, moderator = make_reader(), make_moderator()
    article = make_article()
    Sanction.objects.create(
        reader=reader, kind="premoderate", rule="spam", reason="Links", created_by=moderator
    )
    with CaptureQueriesContext(connection) as queries:
        result = post_comment(author=reader, article=article, text="A plain remark.")
    assert result.comment is not None and result.comment.status == "held"
    reads = [q["sql"] for q in queries.captured_queries if "moderation_sanction" in q["sql"]]
    assert len(reads) == 1


@pytest.mark.parametrize(
    "text",
    [
        "a" * 5000,
        "@" * 5000,
        "a@" * 2500,
        "1 " * 2500,
        "1-" * 2500,
        "http://" + "a" * 4990,
        "www." * 1250,
        "\u200b" * 5000,
        "\u0301" * 5000,
        "A\u0301" * 2500,
        "\u202e" * 5000,
        "x." * 2500,
        "a-" * 2500 + ".",
        "a." * 2499 + "com",
    ],
)
def test_hostile_input_is_screened_fast(text: str) -> None:
    """Inputs built to make backtracking regexes explode are screened in milliseconds."""
    started = time.perf_counter()
    decision = screen_text(text)
    assert decision.verdict in ("approve", "hold", "reject")
    assert time.perf_counter() - started < 0.25


def test_unknown_check_path_fails_loudly(settings: Settings) -> None:
    """A misconfigured check list raises rather than silently skipping screening."""
    settings.MODERATION_CHECKS = ("masthead.discussion.moderation.checks.nope",)
    with pytest.raises(ImportError):
        screen_text("hello")


def test_custom_check_list(settings: Settings) -> None:
    """Sites can run only some checks, in their own order."""
    settings.MODERATION_CHECKS = ("masthead.discussion.moderation.checks.shouting",)
    decision = screen_text("you idiot")
    assert decision.verdict == "approve" and [r.check for r in decision.results] == ["shouting"]


def test_decision_json_is_complete() -> None:
    """The stored decision holds verdict, rule, warn, reason and every check's result."""
    data = screen_text("Only an idiot would back this.").as_json()
    assert data["verdict"] == "hold" and data["warn"] and data["reason"]
    assert {"check", "verdict", "score", "rule", "detail"} <= set(data["results"][0])
