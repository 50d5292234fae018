"""Stations, endpoints and slots: validation as the admin applies it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from masthead.radio.models import ProgrammeSlot, Station, StreamEndpoint, format_duration
from masthead.radio.tests.conftest import make_slot

pytestmark = pytest.mark.django_db


def test_overlapping_slot_is_refused_naming_the_other(station: Station) -> None:
    """A slot sharing a minute with another of the station's slots cannot be saved."""
    make_slot(station, (0, 1, 2, 3, 4), "06:00", "09:00", title="Harbour Morning")
    with pytest.raises(ValidationError, match="Harbour Morning"):
        make_slot(station, (2,), "08:30", "10:00", title="Late Tide")


def test_slots_of_other_stations_do_not_collide(station: Station) -> None:
    """Overlap is checked within one station."""
    other = Station.objects.create(name="Inland Radio", time_zone="Europe/Paris")
    make_slot(station, (0,), "06:00", "09:00")
    make_slot(other, (0,), "06:00", "09:00")
    assert ProgrammeSlot.objects.count() == 2


def test_editing_a_slot_does_not_collide_with_itself(station: Station) -> None:
    """Saving an existing slot again is not an overlap with its old self."""
    slot = make_slot(station, (0,), "06:00", "09:00")
    slot.end_time = slot.end_time.replace(hour=10)
    slot.full_clean()


def test_sunday_night_slot_collides_with_monday_morning(station: Station) -> None:
    """The week wraps: Sunday 23:00-02:00 overlaps Monday 01:00-03:00."""
    make_slot(station, (6,), "23:00", "02:00", title="Night Watch")
    with pytest.raises(ValidationError, match="Night Watch"):
        make_slot(station, (0,), "01:00", "03:00")


@pytest.mark.parametrize(
    ("days", "start", "end", "message"),
    [((), "06:00", "07:00", "at least one day"), ((0,), "06:00", "06:00", "another time")],
)
def test_slot_needs_days_and_a_length(
    station: Station, days: tuple[int, ...], start: str, end: str, message: str
) -> None:
    """A slot on no day, or ending when it starts, is refused."""
    with pytest.raises(ValidationError, match=message):
        make_slot(station, days, start, end)


def test_labels_read_naturally(station: Station) -> None:
    """Days and times are written as listeners read them."""
    weekdays = make_slot(station, (0, 1, 2, 3, 4), "06:00", "09:00")
    assert weekdays.days_label == "Weekdays"
    assert weekdays.times_label == "06:00\u201309:00"
    assert make_slot(station, (5, 6), "10:00", "11:00").days_label == "Weekends"
    assert make_slot(station, (1, 3), "12:00", "13:00").days_label == "Tuesday, Thursday"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "//evil.example/x.m3u8", "ftp://x/y", "/radio/a b", '/x"y']
)
def test_endpoints_refuse_urls_that_are_not_http_or_paths(station: Station, url: str) -> None:
    """Only http(s) URLs and paths on this site are stream endpoints."""
    endpoint = StreamEndpoint(station=station, kind=StreamEndpoint.Kind.HLS, url=url)
    with pytest.raises(ValidationError):
        endpoint.clean()


def test_durations_are_formatted() -> None:
    """Durations read as seconds, minutes and seconds, or hours and minutes."""
    assert format_duration(42.4) == "42 s"
    assert format_duration(200) == "3 min 20 s"
    assert format_duration(3900) == "1 h 5 min"
