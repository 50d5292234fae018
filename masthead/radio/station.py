"""The embedded station: what to play when, read from the schedule in the database.

``ScheduleProgrammer`` reloads the station's slots every half minute and picks
items: a bulletin at the top of each hour (cutting a programme, which resumes
where it stopped), the slot's programme while its slot is on air, and news
bulletins whenever nothing is scheduled, with the fallback loop between them
and in any gap. ``BulletinDesk`` renders the bulletin in a thread whenever
the latest headlines change, so the real-time loop never waits for speech.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.db import close_old_connections, connection

from masthead.radio.bulletin import bulletin_text, digest, speak_to_file
from masthead.radio.playout import Item
from masthead.radio.schedule import WeeklySlot, hour_of, occurrence_bounds, on_air

logger = logging.getLogger(__name__)

RELOAD_SECONDS = 30.0
BULLETIN_REFRESH_SECONDS = 60.0
# Another feed (HLS and Icecast share the folder) may still play a bulletin of
# slightly different headlines for a minute; one this old is nobody's.
STALE_BULLETIN_SECONDS = 3600.0
# A bulletin replaced by newer headlines is kept this long: the other feed sharing
# the folder renders the same names and moves to the new one at its next refresh.
REPLACED_BULLETIN_SECONDS = 2 * BULLETIN_REFRESH_SECONDS + 30.0
# Between two bulletins when nothing is scheduled: the fallback loop, briefly.
INTERLUDE_SECONDS = 8.0
MIN_PLAYED_SECONDS = 0.5
DEFAULT_STATION_NAME = "Masthead Radio"


@dataclass(frozen=True)
class SlotPlan:
    """A slot as the station needs it: timing, titles and the recording to play."""

    weekly: WeeklySlot
    title: str
    host: str
    path: Path | None
    duration: float


@dataclass(frozen=True)
class StationPlan:
    """A snapshot of the station read from the database."""

    name: str
    zone: ZoneInfo
    slots: tuple[SlotPlan, ...]


def refresh_connections() -> None:
    """Drop database connections that went stale while the station played.

    This long-running process is not a request, so nothing else does it. Inside
    a transaction (a test's) the connection is in use and stays.
    """
    if not connection.in_atomic_block:
        close_old_connections()


def load_plan() -> StationPlan:
    """Read the Listen Live station and its slots (the defaults when there is none)."""
    from masthead.radio.models import Station, slots_of

    refresh_connections()
    station = Station.objects.listen_live()
    if station is None:
        return StationPlan(DEFAULT_STATION_NAME, ZoneInfo("UTC"), ())
    plans = []
    for slot in slots_of(station):
        programme = slot.programme
        path = Path(programme.file.path) if programme and programme.file else None
        duration = programme.duration_seconds if programme else 0.0
        plans.append(SlotPlan(slot.weekly, slot.title, slot.host, path, duration))
    return StationPlan(station.name, station.zone, tuple(plans))


class BulletinDesk:
    """Keeps a rendered bulletin of the latest headlines ready in a file."""

    def __init__(self, folder: Path, station_name: str = DEFAULT_STATION_NAME) -> None:
        self.folder = folder
        self.station_name = station_name
        self.path: Path | None = None
        self.digest = ""
        self.lock = threading.Lock()
        # Bulletins this desk replaced, and when (monotonic clock).
        self.replaced: dict[Path, float] = {}
        self.clock: Callable[[], float] = time.monotonic

    def refresh(self) -> None:
        """Render a new bulletin if the headlines changed since the last one."""
        refresh_connections()
        text = bulletin_text(self.station_name)
        name = digest(text)
        if name == self.digest and self.path is not None and self.path.is_file():
            self.delete_replaced()
            return
        target = self.folder / f"bulletin-{name[:16]}.wav"
        if not target.is_file():
            speak_to_file(text, target)
        with self.lock:
            previous, self.path, self.digest = self.path, target, name
        self.replaced.pop(target, None)
        if previous is not None and previous != target:
            # Not deleted yet: the other feed (HLS and Icecast share the folder)
            # may hold it as its current bulletin until its own next refresh, and
            # would play nothing in its place, even the hour's news.
            self.replaced[previous] = self.clock()
        self.delete_replaced()
        self.delete_stale(keep=target)

    def delete_replaced(self) -> None:
        """Delete the bulletins this desk replaced long enough ago for every feed to move on."""
        oldest = self.clock() - REPLACED_BULLETIN_SECONDS
        for path, replaced_at in list(self.replaced.items()):
            if replaced_at < oldest:
                del self.replaced[path]
                path.unlink(missing_ok=True)  # The decoder has it open if it still plays.

    def delete_stale(self, keep: Path) -> None:
        """Delete bulletins other than ``keep`` not written for an hour (left by earlier runs).

        One just replaced waits for ``delete_replaced`` however old it is: the
        other feed may still hold it.
        """
        oldest = time.time() - STALE_BULLETIN_SECONDS
        for path in self.folder.glob("bulletin-*.wav"):
            with contextlib.suppress(FileNotFoundError):
                if path != keep and path not in self.replaced and path.stat().st_mtime < oldest:
                    path.unlink()

    def current(self) -> Path | None:
        """Return the latest rendered bulletin, or None before the first is ready."""
        with self.lock:
            return self.path

    def run_forever(self, stopping: threading.Event) -> None:
        """Refresh the bulletin now and then until ``stopping`` is set."""
        while not stopping.is_set():
            try:
                self.refresh()
            except Exception:  # Speech or the database failing must not stop the station.
                logger.exception("radio bulletin could not be rendered")
            stopping.wait(BULLETIN_REFRESH_SECONDS)


class ScheduleProgrammer:
    """Chooses items from the weekly schedule, with bulletins on the hour and in between."""

    def __init__(self, desk: BulletinDesk, plan: StationPlan | None = None) -> None:
        self.desk = desk
        self.plan = plan or load_plan()
        self.is_fixed_plan = plan is not None
        self.loaded_at = time.monotonic()
        self.last_bulletin_hour: dt.datetime | None = None
        self.resume: dict[str, float] = {}
        self.previous_kind = ""
        self.desk.station_name = self.plan.name

    def reload(self) -> None:
        """Read the schedule again if it is older than RELOAD_SECONDS."""
        if self.is_fixed_plan or time.monotonic() - self.loaded_at < RELOAD_SECONDS:
            return
        try:
            self.plan = load_plan()
        except Exception:  # A database hiccup: keep the schedule we have.
            logger.exception("radio schedule could not be read")
        self.loaded_at = time.monotonic()
        self.desk.station_name = self.plan.name

    def slot_at(self, when: dt.datetime) -> SlotPlan | None:
        """Return the slot on air at ``when``."""
        weekly = on_air([s.weekly for s in self.plan.slots], when, self.plan.zone)
        return next((s for s in self.plan.slots if s.weekly is weekly), None)

    def next_item(self, now: dt.datetime) -> Item:
        """Return the next item: the hour's bulletin, the slot's programme, or news."""
        self.reload()
        bulletin = self.desk.current()
        hour = hour_of(now, self.plan.zone)
        slot = self.slot_at(now)
        if bulletin is not None and hour != self.last_bulletin_hour:
            self.last_bulletin_hour = hour
            return self.bulletin_item(bulletin, slot)
        if slot is not None and slot.path is not None and slot.path.is_file():
            key = self.occurrence_key(slot, now)
            offset = self.resume.get(key, 0.0)
            if offset < slot.duration - 1.0:
                return Item(
                    "programme", slot.title, slot.path, offset, slot.title, slot.host, key=key
                )
        if bulletin is not None and self.previous_kind != "bulletin":
            return self.bulletin_item(bulletin, slot)
        title = "Interlude"
        return Item(
            "fallback",
            title,
            None,
            0.0,
            slot.title if slot else "",
            slot.host if slot else "",
            INTERLUDE_SECONDS,
        )

    def bulletin_item(self, path: Path, slot: SlotPlan | None) -> Item:
        """Return a news bulletin item."""
        return Item(
            "bulletin",
            "News bulletin",
            path,
            0.0,
            slot.title if slot else "News",
            slot.host if slot else "",
        )

    def occurrence_key(self, slot: SlotPlan, now: dt.datetime) -> str:
        """Return a key naming this week's occurrence of a slot."""
        start, _ = occurrence_bounds(slot.weekly, now, self.plan.zone)
        return f"{slot.weekly.key}@{start.isoformat()}"

    def should_cut(self, item: Item, now: dt.datetime) -> bool:
        """Cut a programme at the top of the hour (for the bulletin) or when its slot ends."""
        if item.kind != "programme":
            return False
        if (
            self.desk.current() is not None
            and hour_of(now, self.plan.zone) != self.last_bulletin_hour
        ):
            return True
        slot = self.slot_at(now)
        return slot is None or slot.path != item.path

    def played(self, item: Item, seconds: float) -> None:
        """Remember how far a programme got, so that it resumes after a bulletin."""
        self.previous_kind = item.kind
        if item.kind == "programme" and item.key:
            # A recording that yields nothing (deleted, unreadable) is done for this
            # occurrence: asking for it again would spin up a decoder in a loop.
            is_broken = seconds < MIN_PLAYED_SECONDS
            self.resume[item.key] = float("inf") if is_broken else item.offset + seconds
