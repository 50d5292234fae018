"""Daily click totals: people and bots apart, written in batches, nothing about readers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.shortlinks.counting import add_daily_clicks, is_bot, tally
from masthead.shortlinks.models import ShortLink, ShortLinkDailyCount
from masthead.testing.factories import make_article

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"
BOT = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)"


def test_known_bots_are_told_from_browsers() -> None:
    """crawlerdetect's list decides; an empty user agent counts as a bot."""
    assert not is_bot(BROWSER)
    assert is_bot(BOT)
    assert is_bot("curl/8.5.0")
    assert is_bot("")


def test_clicks_wait_in_memory_then_flush_as_daily_totals(client: Client) -> None:
    """A redirect writes nothing; one flush writes people and bots apart."""
    link = ShortLink.objects.get(target=make_article())
    client.get(f"/s/{link.code}")  # Fill the resolution cache.
    tally.take()
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            client.get(f"/s/{link.code}", HTTP_USER_AGENT=BROWSER)
        client.get(f"/s/{link.code}", HTTP_USER_AGENT=BOT)
    assert not [q for q in queries.captured_queries if "dailycount" in q["sql"]]
    assert not ShortLinkDailyCount.objects.exists()
    assert tally.flush() == 6
    day = ShortLinkDailyCount.objects.get(link=link)
    assert (day.date, day.human_clicks, day.bot_clicks) == (timezone.localdate(), 5, 1)


def test_later_flushes_add_to_the_same_day() -> None:
    """The upsert adds to the day's row rather than making a second one."""
    link = ShortLink.objects.get(target=make_article())
    for _ in range(2):
        tally.add(link.pk, BROWSER)
        tally.add(link.pk, BOT)
        tally.flush()
    day = ShortLinkDailyCount.objects.get(link=link)
    assert (day.human_clicks, day.bot_clicks) == (2, 2)


def test_days_are_kept_apart() -> None:
    """Each day has its own row."""
    link = ShortLink.objects.get(target=make_article())
    today = timezone.localdate()
    add_daily_clicks({(link.pk, today): (3, 0), (link.pk, today - dt.timedelta(days=1)): (1, 4)})
    assert ShortLinkDailyCount.objects.filter(link=link).count() == 2


def test_gone_and_unknown_links_are_not_counted(client: Client) -> None:
    """Only redirects count; clicks for a deleted link are dropped, not an error."""
    article = make_article()
    link = ShortLink.objects.get(target=article)
    article.unpublish()
    client.get(f"/s/{link.code}")
    client.get("/s/zzzzzzz")
    tally.add(10**9, BROWSER)  # A link deleted since the click.
    assert tally.flush() == 1
    assert not ShortLinkDailyCount.objects.exists()


def test_no_address_or_agent_is_stored() -> None:
    """The count table holds link, day and two numbers: no IP, no user agent."""
    columns = {field.name for field in ShortLinkDailyCount._meta.get_fields()}
    assert columns == {"id", "link", "date", "human_clicks", "bot_clicks"}
    link_columns = {field.name for field in ShortLink._meta.get_fields()}
    assert not link_columns & {"ip", "ip_address", "user_agent", "referrer"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_background_writer_flushes_without_a_request(settings) -> None:  # type: ignore[no-untyped-def]
    """With the thread on, clicks reach the database without anyone flushing by hand."""
    import time

    link = ShortLink.objects.get(target=make_article())
    settings.SHORTLINKS_BACKGROUND_FLUSH = True
    settings.SHORTLINKS_FLUSH_SECONDS = 0.05
    settings.SHORTLINKS_FLUSH_CLICKS = 1
    try:
        tally.add(link.pk, BROWSER)
        deadline = time.monotonic() + 10
        while not ShortLinkDailyCount.objects.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert ShortLinkDailyCount.objects.get(link=link).human_clicks == 1
        assert not tally.pending
    finally:
        settings.SHORTLINKS_BACKGROUND_FLUSH = False  # The thread stops at its next round.
        tally.wake.set()
        time.sleep(0.2)


def test_a_failed_write_keeps_the_clicks_for_the_next_round(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A busy database loses no click: the failed batch goes back and the next flush writes it."""
    from django.db import OperationalError

    from masthead.shortlinks import counting

    link = ShortLink.objects.get(target=make_article())
    tally.take()
    for _ in range(3):
        tally.add(link.pk, BROWSER)

    def busy(by_day: object) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(counting, "add_daily_clicks", busy)
    with pytest.raises(OperationalError):
        tally.flush()
    tally.add(link.pk, BOT)  # Counting goes on meanwhile.
    monkeypatch.undo()
    assert tally.flush() == 4
    day = ShortLinkDailyCount.objects.get(link=link)
    assert (day.human_clicks, day.bot_clicks) == (3, 1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_exit_waits_for_the_batch_the_writer_thread_is_writing(
    settings, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A server stopping mid-write loses nothing: the exit flush lets the thread finish."""
    import time

    from masthead.shortlinks import counting

    link = ShortLink.objects.get(target=make_article())
    real_write = counting.add_daily_clicks

    def slow_write(by_day: dict[tuple[int, dt.date], tuple[int, int]]) -> None:
        time.sleep(0.5)  # The thread has taken the clicks and is still writing.
        real_write(by_day)

    monkeypatch.setattr(counting, "add_daily_clicks", slow_write)
    settings.SHORTLINKS_BACKGROUND_FLUSH = True
    settings.SHORTLINKS_FLUSH_SECONDS = 30
    settings.SHORTLINKS_FLUSH_CLICKS = 5
    try:
        for n in range(5):
            tally.add(link.pk, f"{BROWSER} v{n}")  # The fifth distinct key wakes the writer.
        deadline = time.monotonic() + 10
        while tally.pending and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not tally.pending  # Taken by the thread, not yet written.
        counting._flush_at_exit()
        assert ShortLinkDailyCount.objects.get(link=link).human_clicks == 5
    finally:
        settings.SHORTLINKS_BACKGROUND_FLUSH = False
        tally.stop()
