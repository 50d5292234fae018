"""Datelines: the site's zone and format, daylight-saving boundaries, updated times."""

from __future__ import annotations

import datetime as dt

import pytest

from masthead.core.dateline import DatelineStyle, format_dateline, iso_datetime

UTC = dt.UTC


def test_default_style_writes_reference_dateline() -> None:
    """The default renders 18:00 GMT 03 July 2020."""
    moment = dt.datetime(2020, 7, 3, 18, 0, tzinfo=UTC)
    assert format_dateline(moment, DatelineStyle()) == "18:00 GMT 03 July 2020"


def test_utc_label_is_configurable() -> None:
    """A newsroom that prefers "UTC" to "GMT" can say so."""
    moment = dt.datetime(2020, 7, 3, 18, 0, tzinfo=UTC)
    assert format_dateline(moment, DatelineStyle(utc_label="UTC")) == "18:00 UTC 03 July 2020"


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # London: the last minute of GMT, then the first of BST (29 March 2020).
        (dt.datetime(2020, 3, 29, 0, 59, tzinfo=UTC), "00:59 GMT 29 March 2020"),
        (dt.datetime(2020, 3, 29, 1, 0, tzinfo=UTC), "02:00 BST 29 March 2020"),
        # Back to GMT on 25 October 2020: 01:30 happens twice locally.
        (dt.datetime(2020, 10, 25, 0, 30, tzinfo=UTC), "01:30 BST 25 October 2020"),
        (dt.datetime(2020, 10, 25, 1, 30, tzinfo=UTC), "01:30 GMT 25 October 2020"),
    ],
)
def test_london_daylight_saving_boundaries(moment: dt.datetime, expected: str) -> None:
    """Local time and zone abbreviation change exactly at the transition."""
    assert format_dateline(moment, DatelineStyle(timezone="Europe/London")) == expected


@pytest.mark.parametrize(
    ("zone", "expected"),
    [
        ("America/New_York", "14:00 EDT 03 July 2020"),
        ("Asia/Kolkata", "23:30 IST 03 July 2020"),
        ("Australia/Adelaide", "03:30 ACST 04 July 2020"),
        ("Europe/Berlin", "20:00 CEST 03 July 2020"),
    ],
)
def test_other_zones_shift_time_and_date(zone: str, expected: str) -> None:
    """Half-hour offsets and date changes are handled."""
    moment = dt.datetime(2020, 7, 3, 18, 0, tzinfo=UTC)
    assert format_dateline(moment, DatelineStyle(timezone=zone)) == expected


def test_new_york_fall_back_is_unambiguous() -> None:
    """The repeated hour of a fall-back night shows its own abbreviation each time."""
    style = DatelineStyle(timezone="America/New_York")
    first = dt.datetime(2020, 11, 1, 5, 30, tzinfo=UTC)
    second = dt.datetime(2020, 11, 1, 6, 30, tzinfo=UTC)
    assert format_dateline(first, style) == "01:30 EDT 01 November 2020"
    assert format_dateline(second, style) == "01:30 EST 01 November 2020"


def test_custom_format_with_escaped_letters() -> None:
    """An escaped T stays a literal letter; an unescaped one is the zone."""
    style = DatelineStyle(timezone="UTC", format=r"j M Y, H:i T \T")
    moment = dt.datetime(2021, 1, 5, 9, 7, tzinfo=UTC)
    assert format_dateline(moment, style) == "5 Jan 2021, 09:07 GMT T"


def test_naive_datetime_is_refused() -> None:
    """A naive time has no zone to convert from."""
    with pytest.raises(ValueError, match="aware"):
        format_dateline(dt.datetime(2020, 7, 3, 18, 0), DatelineStyle())


def test_iso_datetime_keeps_the_offset() -> None:
    """The machine-readable form is ISO 8601 with its offset."""
    moment = dt.datetime(2020, 7, 3, 18, 0, tzinfo=UTC)
    assert iso_datetime(moment) == "2020-07-03T18:00:00+00:00"


def test_a_time_at_the_edge_of_the_calendar_is_written_in_utc() -> None:
    """A date the zone cannot reach (year 1 west of UTC) is written in UTC instead of failing.

    Before, the conversion raised OverflowError, and every page showing the
    dateline (an "updated" time an editor mistyped as 0001) answered 500.
    """
    style = DatelineStyle(timezone="America/New_York")
    moment = dt.datetime(1, 1, 1, 2, 0, tzinfo=dt.UTC)
    assert format_dateline(moment, style) == "02:00 UTC 01 January 0001"
