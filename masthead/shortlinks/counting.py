"""Click counting that never delays a redirect: count in memory, write in batches.

Each process adds clicks to an in-memory tally under a lock (a dictionary
update); a background thread writes the tally every few seconds, or sooner
once it grows, and once more at exit. The user agent is kept in memory only
until the next write, where it is classified (person or known bot) and
dropped: nothing about the reader reaches the database.
"""

from __future__ import annotations

import atexit
import datetime as dt
import functools
import logging
import multiprocessing.util
import os
import threading
import time
from collections import Counter

from crawlerdetect import CrawlerDetect
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from masthead.shortlinks import conf
from masthead.shortlinks.models import ShortLink, ShortLinkDailyCount

logger = logging.getLogger(__name__)
# User agents are truncated: nothing longer is needed to tell a bot.
USER_AGENT_LIMIT = 400
TallyKey = tuple[int, dt.date, str]


@functools.lru_cache(maxsize=4096)
def is_bot(user_agent: str) -> bool:
    """Return whether a user agent belongs to a known crawler (or is empty)."""
    if not user_agent.strip():
        return True  # People's browsers always send one.
    return bool(_detector().isCrawler(user_agent))


@functools.cache
def _detector() -> CrawlerDetect:
    return CrawlerDetect()


class ClickTally:
    """Pending clicks of this process, written to ShortLinkDailyCount in batches."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: Counter[TallyKey] = Counter()
        self.wake = threading.Event()
        self.thread_pid = 0
        self.thread: threading.Thread | None = None
        self.stopping = False
        self.today = timezone.localdate()
        self.today_checked_at = time.monotonic()

    def add(self, link_id: int, user_agent: str) -> None:
        """Count one click now; the write happens later, off the request."""
        key = (link_id, self.current_date(), user_agent[:USER_AGENT_LIMIT])
        with self.lock:
            self.pending[key] += 1
            size = len(self.pending)
        if conf.is_background_flush():
            self.ensure_thread()
            if size >= conf.flush_clicks():
                self.wake.set()

    def current_date(self) -> dt.date:
        """Return today's local date, looked up at most once a second (it costs a zone lookup)."""
        now = time.monotonic()
        if now - self.today_checked_at >= 1.0:
            self.today, self.today_checked_at = timezone.localdate(), now
        return self.today

    def ensure_thread(self) -> None:
        """Start this process's writer thread (again after a fork)."""
        pid = os.getpid()
        if self.thread_pid == pid:
            return
        with self.lock:
            if self.thread_pid == pid:
                return
            self.thread_pid = pid
            self.stopping = False
            self.thread = threading.Thread(target=self.run, name="shortlink-clicks", daemon=True)
        self.thread.start()

    def run(self) -> None:
        """Write pending clicks every few seconds while background writing is on."""
        while True:
            self.wake.wait(conf.flush_seconds())
            self.wake.clear()
            if not conf.is_background_flush():  # Switched off (tests): stop until needed.
                self.thread_pid = 0
                return
            try:
                self.flush()
            except Exception:  # Keep counting: the clicks went back and the next round retries.
                logger.exception("could not write short link clicks")
            finally:
                connection.close()
            if self.stopping:
                return

    def stop(self, timeout: float = 10.0) -> None:
        """Let the writer thread finish the batch it is writing, then stop it."""
        thread = self.thread
        if thread is None or self.thread_pid != os.getpid() or not thread.is_alive():
            return
        self.stopping = True
        self.wake.set()
        thread.join(timeout)

    def take(self) -> Counter[TallyKey]:
        """Return and clear the pending clicks."""
        with self.lock:
            pending, self.pending = self.pending, Counter()
        return pending

    def give_back(self, clicks: Counter[TallyKey]) -> None:
        """Return clicks whose write failed to the pending tally, for the next round."""
        with self.lock:
            self.pending.update(clicks)

    def flush(self) -> int:
        """Write the pending clicks as daily totals; return how many clicks were written.

        When the write fails (a busy database, say) the clicks go back to the
        tally and the exception propagates: the next round writes them.
        """
        taken = self.take()
        try:
            return self.write(taken)
        except BaseException:
            self.give_back(taken)
            raise

    def write(self, taken: Counter[TallyKey]) -> int:
        """Write taken clicks as daily totals (one transaction); return how many."""
        totals: Counter[tuple[int, dt.date, bool]] = Counter()
        for (link_id, date, user_agent), clicks in taken.items():
            totals[(link_id, date, is_bot(user_agent))] += clicks
        by_day: dict[tuple[int, dt.date], tuple[int, int]] = {}
        for (link_id, date, bot), clicks in totals.items():
            human, bots = by_day.get((link_id, date), (0, 0))
            by_day[(link_id, date)] = (human, bots + clicks) if bot else (human + clicks, bots)
        if by_day:
            add_daily_clicks(by_day)
        return sum(totals.values())


def add_daily_clicks(by_day: dict[tuple[int, dt.date], tuple[int, int]]) -> None:
    """Add people's and bots' clicks to each link's daily total (update, else create)."""
    existing = set(
        ShortLink.objects.filter(pk__in={link_id for link_id, _ in by_day}).values_list(
            "pk", flat=True
        )
    )
    with transaction.atomic():
        for (link_id, date), (human, bots) in by_day.items():
            if link_id in existing:
                upsert_day(link_id, date, human, bots)


def upsert_day(link_id: int, date: dt.date, human: int, bots: int) -> None:
    """Add to one day's row with F() expressions, creating it if missing."""
    rows = ShortLinkDailyCount.objects.filter(link_id=link_id, date=date)
    increments = {"human_clicks": F("human_clicks") + human, "bot_clicks": F("bot_clicks") + bots}
    if rows.update(**increments):
        return
    try:
        with transaction.atomic():
            ShortLinkDailyCount.objects.create(
                link_id=link_id, date=date, human_clicks=human, bot_clicks=bots
            )
    except IntegrityError:  # Another process created the row in between.
        rows.update(**increments)


tally = ClickTally()


def _flush_at_exit() -> None:
    # The writer thread is a daemon: killed at exit, it would lose the batch it had
    # taken but not yet written. Let it finish first, then write what is left.
    tally.stop()
    if tally.pending:
        try:
            tally.flush()
        except Exception:  # The process is ending; there is no one left to tell but the log.
            logger.exception("could not write short link clicks at exit")


# Web workers are often multiprocessing children (granian's are), which leave
# through os._exit: atexit never runs there, multiprocessing's finalizers do.
# Registered both ways; the second call finds nothing left to write.
atexit.register(_flush_at_exit)
multiprocessing.util.Finalize(None, _flush_at_exit, exitpriority=100)
