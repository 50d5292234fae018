"""The admin: uploads refused with clear messages, overlapping slots refused, stations edited."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from masthead.radio.audio import validate_audio_file
from masthead.radio.models import AudioProgramme, ProgrammeSlot, Station
from masthead.radio.tests.conftest import make_tone

pytestmark = pytest.mark.django_db
PROGRAMMES = "wagtailsnippets_radio_audioprogramme"
SLOTS = "wagtailsnippets_radio_programmeslot"
STATIONS = "wagtailsnippets_radio_station"


def upload(client: Client, name: str, content: bytes) -> str:
    """Post a programme upload and return the page's HTML."""
    data = {"title": "Tide Tables", "description": "", "file": SimpleUploadedFile(name, content)}
    return client.post(reverse(f"{PROGRAMMES}:add"), data).content.decode()


def test_valid_programme_is_saved_with_its_duration(editor_client: Client, tone: Path) -> None:
    """An MP3 upload is probed: its length and codec are stored."""
    upload(editor_client, "tide.mp3", tone.read_bytes())
    programme = AudioProgramme.objects.get()
    assert programme.codec == "mp3"
    assert 1.9 < programme.duration_seconds < 2.2
    listing = editor_client.get(reverse(f"{PROGRAMMES}:list")).content.decode()
    assert "Tide Tables" in listing and "2 s" in listing


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.mp3", b"These are the presenter's notes, not a recording.\n" * 50, "not audio"),
        ("noise.mp3", os.urandom(4000), "not audio"),
        ("empty.mp3", b"", "empty"),
        ("picture.mp3", b"\x89PNG\r\n\x1a\n" + b"\x00" * 500, "not audio"),
    ],
)
def test_files_that_are_not_audio_are_refused(
    editor_client: Client, name: str, content: bytes, message: str
) -> None:
    """Text, noise, empty files and pictures named .mp3 are refused at upload, saying why."""
    html = upload(editor_client, name, content)
    assert message in html
    assert not AudioProgramme.objects.exists()


def test_playlist_named_like_audio_is_refused(editor_client: Client, tmp_path: Path) -> None:
    """A playlist named .mp3 that points at another file on the server is refused as not audio.

    Before the fix ffprobe followed the playlist into the file it named, so the
    upload was accepted, and the station would have played whatever audio file
    on the server the playlist pointed at.
    """
    (tmp_path / "elsewhere").mkdir()
    elsewhere = make_tone(tmp_path / "elsewhere" / "private-interview.mp3")
    playlist = f"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:2.0,\n{elsewhere}\n#EXT-X-ENDLIST\n"
    html = upload(editor_client, "tide.mp3", playlist.encode())
    assert "not audio" in html
    assert not AudioProgramme.objects.exists()


@pytest.mark.parametrize(
    ("name", "codec"),
    [
        ("tide.m4a", "aac"),
        ("tide.aac", "aac"),
        ("tide.ogg", "libvorbis"),
        ("tide.opus", "libopus"),
        ("tide.wav", "pcm_s16le"),
        ("tide.flac", "flac"),
    ],
)
def test_every_accepted_kind_of_audio_passes_the_checks(
    tmp_path: Path, name: str, codec: str
) -> None:
    """Each kind of sound file the upload form names is accepted by the checks."""
    info = validate_audio_file(make_tone(tmp_path / name, codec=codec))
    assert 1.9 < info.duration < 2.2


def test_damaged_audio_is_refused(editor_client: Client, tone: Path) -> None:
    """A recording cut off half way is refused as damaged."""
    data = tone.read_bytes()
    html = upload(editor_client, "cut.mp3", data[: len(data) // 2])
    assert "damaged" in html
    assert not AudioProgramme.objects.exists()


def test_garbled_audio_is_refused(editor_client: Client, tone: Path) -> None:
    """A recording with scrambled frames is refused as damaged."""
    data = bytearray(tone.read_bytes())
    third = len(data) // 3
    data[third : third + 1500] = bytes((i * 37) % 256 for i in range(1500))
    assert "damaged" in upload(editor_client, "scrambled.mp3", bytes(data))
    assert not AudioProgramme.objects.exists()


def test_enormous_files_are_refused_before_probing(
    editor_client: Client, settings: Settings
) -> None:
    """A file over RADIO_MAX_UPLOAD_BYTES is refused with the limit in the message."""
    settings.RADIO_MAX_UPLOAD_BYTES = 1024 * 1024
    html = upload(editor_client, "huge.mp3", b"\xff" * (1024 * 1024 + 1))
    assert "too large" in html and "1 MB" in html
    assert not AudioProgramme.objects.exists()


def test_wrong_extension_is_refused(editor_client: Client, tone: Path) -> None:
    """Only sound-file extensions are accepted, even for real audio."""
    upload(editor_client, "tide.exe", tone.read_bytes())
    assert not AudioProgramme.objects.exists()


def test_too_long_programme_is_refused(
    editor_client: Client, tone: Path, settings: Settings
) -> None:
    """A programme longer than RADIO_MAX_PROGRAMME_SECONDS is refused."""
    settings.RADIO_MAX_PROGRAMME_SECONDS = 1
    assert "longer than" in upload(editor_client, "tide.mp3", tone.read_bytes())


def test_overlapping_slot_is_refused_in_the_admin(editor_client: Client, station: Station) -> None:
    """The schedule form shows the overlap and saves nothing."""
    url = reverse(f"{SLOTS}:add")
    base = {"station": station.pk, "host": "", "description": "", "programme": ""}
    first = {
        **base,
        "title": "Harbour Morning",
        "monday": "on",
        "start_time": "06:00",
        "end_time": "09:00",
    }
    assert editor_client.post(url, first).status_code == 302
    second = {
        **base,
        "title": "Late Tide",
        "monday": "on",
        "start_time": "08:00",
        "end_time": "10:00",
    }
    html = editor_client.post(url, second).content.decode()
    assert "overlaps" in html and "Harbour Morning" in html
    assert list(ProgrammeSlot.objects.values_list("title", flat=True)) == ["Harbour Morning"]


def test_station_is_edited_with_endpoints(editor_client: Client) -> None:
    """A station is created in the admin with its zone and an endpoint inline."""
    data = {
        "name": "Harbour FM",
        "description": "Coastal news.",
        "time_zone": "Europe/Lisbon",
        "source": "icecast",
        "icecast_status_url": "http://127.0.0.1:8001/status-json.xsl",
        "now_playing_override": "",
        "endpoints-TOTAL_FORMS": "1",
        "endpoints-INITIAL_FORMS": "0",
        "endpoints-MIN_NUM_FORMS": "0",
        "endpoints-MAX_NUM_FORMS": "1000",
        "endpoints-0-kind": "mp3",
        "endpoints-0-url": "https://radio.example.invalid/live.mp3",
        "endpoints-0-ORDER": "1",
        "endpoints-0-id": "",
        "endpoints-0-DELETE": "",
    }
    response = editor_client.post(reverse(f"{STATIONS}:add"), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    station = Station.objects.get()
    assert station.time_zone == "Europe/Lisbon"
    assert [e.url for e in station.endpoints.all()] == ["https://radio.example.invalid/live.mp3"]


def test_station_refuses_unknown_zones(editor_client: Client) -> None:
    """A zone that does not exist is a form error, not a crash later."""
    data = {"name": "X", "time_zone": "Mars/Olympus", "source": "embedded"}
    data |= {"endpoints-TOTAL_FORMS": "0", "endpoints-INITIAL_FORMS": "0"}
    response = editor_client.post(reverse(f"{STATIONS}:add"), data)
    assert response.status_code == 200
    assert not Station.objects.exists()


def test_programme_whose_row_cannot_be_saved_leaves_no_file(
    tone: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A programme whose row fails to save takes its stored upload away with it.

    Before, the file was written to the media folder first and stayed there,
    served at its address and counted nowhere, when the row's save raised.
    """
    from django.conf import settings as django_settings
    from django.db import DatabaseError

    from masthead.radio.actions import create_audio_programme

    def refuse(*args: object, **kwargs: object) -> None:
        raise DatabaseError("disk full")

    folder = Path(django_settings.MEDIA_ROOT) / "radio" / "programmes"
    before = {p for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()
    monkeypatch.setattr(AudioProgramme, "save", refuse)
    with pytest.raises(DatabaseError):
        create_audio_programme("Tide Tables", SimpleUploadedFile("tide.mp3", tone.read_bytes()))
    assert {p for p in folder.rglob("*") if p.is_file()} == before


def test_deleting_a_programme_deletes_its_file(
    editor_client: Client, tone: Path, django_capture_on_commit_callbacks: Any
) -> None:
    """A programme deleted in the admin takes its recording out of the media folder.

    Before, the file stayed and was still served at its media address, so a
    programme withdrawn by the newsroom could still be downloaded.
    """
    upload(editor_client, "tide.mp3", tone.read_bytes())
    programme = AudioProgramme.objects.get()
    path = Path(programme.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse(f"{PROGRAMMES}:delete", args=[programme.pk]))
    assert response.status_code == 302
    assert not AudioProgramme.objects.exists()
    assert not path.exists()


def test_replacing_a_programme_recording_deletes_the_old_file(
    editor_client: Client, tone: Path, tmp_path: Path, django_capture_on_commit_callbacks: Any
) -> None:
    """A programme given a new recording in the admin no longer serves the old one.

    Before, the replaced file stayed in the media folder, still downloadable at
    its address although the programme had been given a corrected recording.
    """
    upload(editor_client, "tide.mp3", tone.read_bytes())
    programme = AudioProgramme.objects.get()
    old_path = Path(programme.file.path)
    longer = make_tone(tmp_path / "longer.mp3", seconds=3.0).read_bytes()
    data = {
        "title": "Tide Tables",
        "description": "",
        "file": SimpleUploadedFile("tide-2.mp3", longer),
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse(f"{PROGRAMMES}:edit", args=[programme.pk]), data)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert 2.9 < programme.duration_seconds < 3.2
    assert Path(programme.file.path).exists()
    assert not old_path.exists()


def test_editing_a_programme_title_keeps_its_file(
    editor_client: Client, tone: Path, django_capture_on_commit_callbacks: Any
) -> None:
    """Editing a programme without a new recording keeps its file."""
    upload(editor_client, "tide.mp3", tone.read_bytes())
    programme = AudioProgramme.objects.get()
    data = {"title": "Tide Tables, revised", "description": ""}
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse(f"{PROGRAMMES}:edit", args=[programme.pk]), data)
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.title == "Tide Tables, revised"
    assert Path(programme.file.path).exists()
