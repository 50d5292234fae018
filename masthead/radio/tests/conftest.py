"""Fixtures of the radio tests: small audio files made by ffmpeg, a station, a signed-in editor."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pytest_django import Settings

from masthead.radio import conf
from masthead.radio.models import DAY_FIELDS, ProgrammeSlot, Station


def make_tone(path: Path, seconds: float = 2.0, codec: str = "libmp3lame") -> Path:
    """Write a sine tone of ``seconds`` to ``path`` with ffmpeg."""
    ffmpeg = conf.ffmpeg()
    assert ffmpeg is not None, "ffmpeg is missing: `make test` installs it"
    command = [ffmpeg, "-nostdin", "-v", "error", "-y", "-f", "lavfi"]
    source = f"sine=frequency=440:duration={seconds}"
    subprocess.run([*command, "-i", source, "-c:a", codec, str(path)], check=True)
    return path


@pytest.fixture(autouse=True)
def radio_folder(settings: Settings, tmp_path: Path) -> Path:
    """Give each test its own folder of generated station files."""
    settings.RADIO_DIR = tmp_path / "radio"
    return tmp_path / "radio"


@pytest.fixture
def tone(tmp_path: Path) -> Path:
    """Return a two-second MP3."""
    return make_tone(tmp_path / "tone.mp3")


@pytest.fixture
def station(db: None) -> Station:
    """Return a station in London time."""
    return Station.objects.create(name="Harbour FM", time_zone="Europe/London")


def make_slot(
    station: Station, days: tuple[int, ...], start: str, end: str, **fields: Any
) -> ProgrammeSlot:
    """Create a validated slot on ``days`` (0 = Monday) between HH:MM times."""
    slot = ProgrammeSlot(
        station=station,
        title=fields.pop("title", "Morning Tide"),
        start_time=dt.time.fromisoformat(start),
        end_time=dt.time.fromisoformat(end),
        **{DAY_FIELDS[d]: True for d in days},
        **fields,
    )
    slot.full_clean()
    slot.save()
    return slot
