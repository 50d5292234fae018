"""The weekly schedule as arithmetic: slots as minutes of the week in the station's zone.

A slot recurs on some weekdays from a start to an end wall-clock time in the
station's zone; an end at or before the start runs past midnight into the next
day. Overlaps are decided on wall-clock minutes of the week, so a change of
clocks (DST) never makes two slots collide or part; what is on air at an instant
is decided by reading that instant on the station's wall clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

MINUTES_PER_DAY = 24 * 60
MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class WeeklySlot:
    """A slot reduced to what the arithmetic needs: days (0 = Monday) and wall-clock times."""

    key: object
    days: tuple[int, ...]
    start: dt.time
    end: dt.time

    @property
    def length_minutes(self) -> int:
        """Return the wall-clock length of one occurrence in minutes."""
        start, end = minute_of_day(self.start), minute_of_day(self.end)
        return end - start if end > start else end + MINUTES_PER_DAY - start

    def intervals(self) -> list[tuple[int, int]]:
        """Return the half-open minute-of-week spans the slot covers, split at the week's end."""
        spans: list[tuple[int, int]] = []
        for day in self.days:
            begin = day * MINUTES_PER_DAY + minute_of_day(self.start)
            finish = begin + self.length_minutes
            if finish <= MINUTES_PER_WEEK:
                spans.append((begin, finish))
            else:  # Sunday night into Monday morning.
                spans.append((begin, MINUTES_PER_WEEK))
                spans.append((0, finish - MINUTES_PER_WEEK))
        return spans


def minute_of_day(value: dt.time) -> int:
    """Return the minute of the day of a wall-clock time."""
    return value.hour * 60 + value.minute


def minute_of_week(local: dt.datetime) -> int:
    """Return the minute of the week (Monday 00:00 = 0) of a wall-clock datetime."""
    return local.weekday() * MINUTES_PER_DAY + local.hour * 60 + local.minute


def overlaps(first: WeeklySlot, second: WeeklySlot) -> bool:
    """Return whether two slots share any minute of the week."""
    return any(
        a_start < b_end and b_start < a_end
        for a_start, a_end in first.intervals()
        for b_start, b_end in second.intervals()
    )


def first_overlap(candidate: WeeklySlot, others: Iterable[WeeklySlot]) -> WeeklySlot | None:
    """Return the first of ``others`` that overlaps ``candidate``, or None."""
    return next((other for other in others if overlaps(candidate, other)), None)


def on_air(slots: Sequence[WeeklySlot], instant: dt.datetime, zone: ZoneInfo) -> WeeklySlot | None:
    """Return the slot on air at an aware instant, read on the station's wall clock."""
    if instant.tzinfo is None:
        raise ValueError("on_air needs an aware datetime")
    minute = minute_of_week(instant.astimezone(zone))
    for slot in slots:
        if any(start <= minute < end for start, end in slot.intervals()):
            return slot
    return None


def occurrence_bounds(
    slot: WeeklySlot, instant: dt.datetime, zone: ZoneInfo
) -> tuple[dt.datetime, dt.datetime]:
    """Return the start and end (in UTC) of the occurrence of ``slot`` on air at ``instant``.

    The occurrence is the stretch of real time around ``instant`` in which the
    station's wall clock reads inside the slot: a start in the hour the clocks
    skip lands on the instant of the jump, and in the hour the clocks repeat the
    second pass is its own stretch when the slot was left in between.
    """
    local = instant.astimezone(zone)
    minute = minute_of_week(local)
    days_back = 0
    for back in (0, 1):
        day = (local.weekday() - back) % 7
        begin = day * MINUTES_PER_DAY + minute_of_day(slot.start)
        if day in slot.days and (minute - begin) % MINUTES_PER_WEEK < slot.length_minutes:
            days_back = back
            break
    start_date = local.date() - dt.timedelta(days=days_back)
    end_date = start_date + dt.timedelta(days=0 if slot.end > slot.start else 1)
    starts = _readings(start_date, slot.start, zone)
    ends = _readings(end_date, slot.end, zone)
    if on_air([slot], instant, zone) is None:
        return wall_clock(start_date, slot.start, zone), wall_clock(end_date, slot.end, zone)

    def airing(at: dt.datetime) -> bool:
        return on_air([slot], at, zone) is not None

    # Why a second before: the wall clock, not real time, says what is on air,
    # so a stretch begins where the instant before it was off air.
    tick = dt.timedelta(seconds=1)
    lowest = min(_interpretations(start_date, slot.start, zone))
    highest = max(_interpretations(end_date, slot.end, zone))
    jumps = _transitions(lowest, highest, zone)
    begins = [at for at in starts[:1] if at <= instant]
    begins += [at for at in starts[1:] if at <= instant and not airing(at - tick)]
    begins += [at for at in jumps if at <= instant and airing(at) and not airing(at - tick)]
    finishes = [at for at in ends if at > instant]
    finishes += [at for at in jumps if at > instant and airing(at - tick) and not airing(at)]
    if not begins or not finishes:
        return wall_clock(start_date, slot.start, zone), wall_clock(end_date, slot.end, zone)
    return max(begins), min(finishes)


def _interpretations(day: dt.date, time: dt.time, zone: ZoneInfo) -> list[dt.datetime]:
    """Return the instants (in UTC) a wall-clock reading gives with fold 0 and fold 1."""
    naive = dt.datetime.combine(day, time)
    return [naive.replace(fold=fold, tzinfo=zone).astimezone(dt.UTC) for fold in (0, 1)]


def _readings(day: dt.date, time: dt.time, zone: ZoneInfo) -> list[dt.datetime]:
    """Return the instants (in UTC, earliest first) at which the wall clock really reads ``time``.

    None in the hour the clocks skip, two in the hour they repeat.
    """
    naive = dt.datetime.combine(day, time)
    found = {
        at
        for at in _interpretations(day, time, zone)
        if at.astimezone(zone).replace(tzinfo=None) == naive
    }
    return sorted(found)


def _transitions(lowest: dt.datetime, highest: dt.datetime, zone: ZoneInfo) -> list[dt.datetime]:
    """Return the instants (in UTC) around ``lowest``..``highest`` where the offset changes."""
    found: list[dt.datetime] = []
    step = dt.timedelta(hours=1)
    here = lowest - step
    while here <= highest + step:
        before, after = here, here + step
        if before.astimezone(zone).utcoffset() != after.astimezone(zone).utcoffset():
            offset = before.astimezone(zone).utcoffset()
            low, high = int(before.timestamp()), int(after.timestamp())
            while high - low > 1:  # Whole seconds: zones change their offset on one.
                middle = (low + high) // 2
                moment = dt.datetime.fromtimestamp(middle, dt.UTC)
                if moment.astimezone(zone).utcoffset() == offset:
                    low = middle
                else:
                    high = middle
            after = dt.datetime.fromtimestamp(high, dt.UTC)
            found.append(after)
        here += step
    return found


def wall_clock(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    """Return the instant (in UTC) a wall-clock reading in ``zone`` stands for.

    In UTC because aware datetimes of one zone subtract and compare by wall
    clock: a slot across the spring change would otherwise last an hour too long.
    """
    return dt.datetime.combine(day, time).replace(tzinfo=zone).astimezone(dt.UTC)


def hour_of(instant: dt.datetime, zone: ZoneInfo) -> dt.datetime:
    """Return the top of the station's hour an aware instant falls in, in UTC."""
    top = instant.astimezone(zone).replace(minute=0, second=0, microsecond=0)
    # In UTC: aware datetimes of one zone compare by wall clock, and the hour
    # that autumn repeats would otherwise look like the one before it.
    return top.astimezone(dt.UTC)
