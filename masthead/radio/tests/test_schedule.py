"""Schedule arithmetic: overlaps on the wall clock, what is on air across clock changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from masthead.radio.schedule import WeeklySlot, hour_of, occurrence_bounds, on_air, overlaps

LONDON = ZoneInfo("Europe/London")
MON, SAT, SUN = 0, 5, 6


def slot(days: tuple[int, ...], start: str, end: str, key: object = "s") -> WeeklySlot:
    """Return a weekly slot from HH:MM strings."""
    return WeeklySlot(key, days, dt.time.fromisoformat(start), dt.time.fromisoformat(end))


def utc(text: str) -> dt.datetime:
    """Return an aware UTC datetime from ISO text."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (slot((MON,), "06:00", "09:00"), slot((MON,), "08:59", "10:00"), True),
        (slot((MON,), "06:00", "09:00"), slot((MON,), "09:00", "10:00"), False),
        (slot((MON,), "06:00", "09:00"), slot((1,), "06:00", "09:00"), False),
        # Past midnight: Monday 23:00-01:00 covers Tuesday 00:30.
        (slot((MON,), "23:00", "01:00"), slot((1,), "00:30", "02:00"), True),
        # Sunday night into Monday morning wraps round the week.
        (slot((SUN,), "22:00", "02:00"), slot((MON,), "01:00", "03:00"), True),
        (slot((SUN,), "22:00", "02:00"), slot((MON,), "02:00", "03:00"), False),
        (slot((MON,), "00:00", "00:00"), slot((MON,), "12:00", "13:00"), True),
    ],
)
def test_overlaps_are_decided_on_wall_clock_minutes(
    first: WeeklySlot, second: WeeklySlot, expected: bool
) -> None:
    """Slots collide when they share a minute of the week, including across midnight."""
    assert overlaps(first, second) is expected
    assert overlaps(second, first) is expected


def test_clock_change_does_not_make_touching_slots_overlap() -> None:
    """01:00-02:00 and 02:00-03:00 on the night the clocks go forward stay apart."""
    assert not overlaps(slot((SUN,), "01:00", "02:00"), slot((SUN,), "02:00", "03:00"))


def test_on_air_on_the_night_the_clocks_go_forward() -> None:
    """A Sunday 00:30-02:30 slot in London lasts one real hour on 29 March 2026."""
    night = [slot((SUN,), "00:30", "02:30", key="night")]
    assert on_air(night, utc("2026-03-29T00:29"), LONDON) is None
    assert on_air(night, utc("2026-03-29T00:45"), LONDON) is not None  # 00:45 GMT
    assert on_air(night, utc("2026-03-29T01:15"), LONDON) is not None  # 02:15 BST
    assert on_air(night, utc("2026-03-29T01:31"), LONDON) is None  # 02:31 BST
    start, end = occurrence_bounds(night[0], utc("2026-03-29T01:15"), LONDON)
    assert (end - start) == dt.timedelta(hours=1)
    assert start.astimezone(dt.UTC) == utc("2026-03-29T00:30")


def test_on_air_on_the_night_the_clocks_go_back() -> None:
    """A Sunday 00:30-02:30 slot in London lasts three real hours on 25 October 2026."""
    night = [slot((SUN,), "00:30", "02:30")]
    # 01:30 BST (00:30 UTC) and 01:30 GMT (01:30 UTC) are both inside it.
    for instant in ("2026-10-24T23:30", "2026-10-25T00:30", "2026-10-25T01:30", "2026-10-25T02:29"):
        assert on_air(night, utc(instant), LONDON) is not None, instant
    assert on_air(night, utc("2026-10-25T02:30"), LONDON) is None
    start, end = occurrence_bounds(night[0], utc("2026-10-25T01:00"), LONDON)
    assert end - start == dt.timedelta(hours=3)


def test_slot_past_midnight_is_on_air_the_next_morning() -> None:
    """Saturday 23:00-01:00 is on air at Sunday 00:30, and its occurrence began on Saturday."""
    late = slot((SAT,), "23:00", "01:00")
    sunday = dt.datetime(2026, 7, 5, 0, 30, tzinfo=LONDON)
    assert on_air([late], sunday, LONDON) is late
    start, end = occurrence_bounds(late, sunday, LONDON)
    assert start == dt.datetime(2026, 7, 4, 23, 0, tzinfo=LONDON)
    assert end == dt.datetime(2026, 7, 5, 1, 0, tzinfo=LONDON)


def test_on_air_refuses_naive_datetimes() -> None:
    """A naive datetime has no instant: refused rather than guessed."""
    with pytest.raises(ValueError, match="aware"):
        on_air([], dt.datetime(2026, 1, 1), LONDON)


def test_the_repeated_hour_in_autumn_is_a_new_hour() -> None:
    """01:00 BST and 01:00 GMT are two tops of the hour, each with its own bulletin."""
    first = hour_of(utc("2026-10-25T00:10"), LONDON)
    second = hour_of(utc("2026-10-25T01:10"), LONDON)
    assert first != second
    assert second - first == dt.timedelta(hours=1)


def test_half_hour_zones_have_their_own_top_of_the_hour() -> None:
    """In Kolkata (UTC+05:30) the hour turns at half past in UTC."""
    kolkata = ZoneInfo("Asia/Kolkata")
    assert hour_of(utc("2026-05-01T10:29"), kolkata) != hour_of(utc("2026-05-01T10:31"), kolkata)


def test_second_pass_of_the_repeated_hour_is_its_own_occurrence() -> None:
    """A Sunday 00:30-01:30 slot airs again in the repeated hour and ends at 01:30 GMT.

    Before the fix the second pass (01:15 GMT) reported the first pass's times,
    so the status showed an end already in the past.
    """
    night = slot((SUN,), "00:30", "01:30")
    first = occurrence_bounds(night, utc("2026-10-25T00:10"), LONDON)  # 01:10 BST
    assert first == (utc("2026-10-24T23:30"), utc("2026-10-25T00:30"))
    second_pass = utc("2026-10-25T01:15")  # 01:15 GMT
    assert on_air([night], second_pass, LONDON) is night
    start, end = occurrence_bounds(night, second_pass, LONDON)
    assert (start, end) == (utc("2026-10-25T01:00"), utc("2026-10-25T01:30"))
    assert start <= second_pass < end


def test_slot_starting_in_the_repeated_hour_is_left_when_the_clocks_go_back() -> None:
    """A Sunday 01:30-03:00 slot airs 01:30-02:00 BST, then again from 01:30 GMT."""
    late = slot((SUN,), "01:30", "03:00")
    assert occurrence_bounds(late, utc("2026-10-25T00:45"), LONDON) == (
        utc("2026-10-25T00:30"),
        utc("2026-10-25T01:00"),
    )
    assert on_air([late], utc("2026-10-25T01:15"), LONDON) is None
    assert occurrence_bounds(late, utc("2026-10-25T02:00"), LONDON) == (
        utc("2026-10-25T01:30"),
        utc("2026-10-25T03:00"),
    )


def test_slot_starting_in_the_skipped_hour_starts_at_the_jump() -> None:
    """A Sunday 01:30-03:00 slot on 29 March 2026 airs from 02:00 BST and says so.

    Before the fix it was on air from 02:00 BST but reported a start of 02:30 BST.
    """
    early = slot((SUN,), "01:30", "03:00")
    assert on_air([early], utc("2026-03-29T01:05"), LONDON) is early  # 02:05 BST
    start, end = occurrence_bounds(early, utc("2026-03-29T01:05"), LONDON)
    assert (start, end) == (utc("2026-03-29T01:00"), utc("2026-03-29T02:00"))


def test_slot_ending_in_the_skipped_hour_ends_at_the_jump() -> None:
    """A Sunday 00:30-01:30 slot on 29 March 2026 goes off air at 02:00 BST."""
    night = slot((SUN,), "00:30", "01:30")
    start, end = occurrence_bounds(night, utc("2026-03-29T00:45"), LONDON)
    assert (start, end) == (utc("2026-03-29T00:30"), utc("2026-03-29T01:00"))
    assert on_air([night], end, LONDON) is None


def test_slot_across_the_repeated_hour_stays_one_occurrence() -> None:
    """A Sunday 01:00-03:00 slot airs for three real hours in one piece on 25 October 2026."""
    long = slot((SUN,), "01:00", "03:00")
    for instant in ("2026-10-25T00:05", "2026-10-25T01:30", "2026-10-25T02:59"):
        assert occurrence_bounds(long, utc(instant), LONDON) == (
            utc("2026-10-25T00:00"),
            utc("2026-10-25T03:00"),
        ), instant
