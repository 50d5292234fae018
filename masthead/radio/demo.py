"""The demo station: an invented local radio with a week of news programming."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from masthead.radio.models import DAY_FIELDS, ProgrammeSlot, Station, StreamEndpoint

DEMO_SLOTS = [
    (
        "Harbour Morning",
        "Tamsin Vell",
        "News, weather and the tides for the coast.",
        "weekdays",
        6,
        9,
    ),
    (
        "The Midday Desk",
        "Oren Blakemoor",
        "The day's stories as they stand at noon.",
        "weekdays",
        12,
        13,
    ),
    (
        "Evening Bulletin Hour",
        "Priya Stenhouse",
        "The news, read through, on the hour.",
        "everyday",
        18,
        19,
    ),
    ("Weekend Round-up", "Jonah Ferrisby", "The week's stories, gathered.", "weekends", 9, 11),
]


def load_demo_station() -> Station:
    """Create the demo station with its schedule (once; later calls return it)."""
    existing = Station.objects.listen_live()
    if existing is not None:
        return existing
    with transaction.atomic():
        station = Station.objects.create(
            name="Masthead Radio",
            description="The newsroom's own station: bulletins on the hour, every hour.",
            time_zone="Europe/London",
        )
        StreamEndpoint.objects.create(
            station=station, kind=StreamEndpoint.Kind.HLS, url="/radio/hls/live.m3u8"
        )
        for title, host, description, days, start, end in DEMO_SLOTS:
            chosen = {
                "weekdays": DAY_FIELDS[:5],
                "weekends": DAY_FIELDS[5:],
                "everyday": DAY_FIELDS,
            }[days]
            slot = ProgrammeSlot(
                station=station, title=title, host=host, description=description,
                start_time=dt.time(start), end_time=dt.time(end),
                **{name: True for name in chosen},
            )  # fmt: skip
            slot.full_clean()
            slot.save()
    return station
