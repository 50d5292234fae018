"""The parts on every page, the pop-out page, the demo station and the radio command."""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from pytest_django import Settings

from masthead.radio.demo import load_demo_station
from masthead.radio.models import ProgrammeSlot, Station
from masthead.testing.factories import make_article, make_home

pytestmark = pytest.mark.django_db


def test_every_page_has_listen_live_and_the_player_with_no_inline_code(client: Client) -> None:
    """Home and article carry the header control and the player; scripts are files."""
    article = make_article()
    make_home()
    for url in ("/", article.url):
        html = client.get(url).content.decode()
        assert 'class="listen-live" href="/radio/listen/" data-radio-toggle' in html
        assert 'id="radio-player"' in html and 'data-status-url="/radio/status.json"' in html
        assert "radio/player" in html and "<script>" not in html and " style=" not in html
        assert "autoplay" not in html
    assert html.count("data-radio-toggle") == 2  # Header, and beside the article's dateline.


def test_pop_out_page_is_public_and_self_contained(client: Client) -> None:
    """The pop-out player page is the same for everyone and carries the player alone."""
    response = client.get("/radio/listen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert 'data-standalone="true"' in html and "<h1" in html
    assert "data-radio-popout" not in html
    assert client.post("/radio/listen/").status_code == 405


def test_demo_station_has_a_valid_schedule_and_loads_once() -> None:
    """The demo makes one station with non-overlapping slots; a second run adds nothing."""
    station = load_demo_station()
    assert load_demo_station() == station
    assert Station.objects.count() == 1
    slots = list(ProgrammeSlot.objects.filter(station=station))
    assert len(slots) == 4
    for slot in slots:
        slot.full_clean()


def test_bulletin_command_renders_speech(tmp_path: Path) -> None:
    """`masthead radio bulletin` writes a WAV of the news."""
    make_article(title="Pier vote delayed")
    target = tmp_path / "bulletin.wav"
    call_command("radio", "bulletin", "--output", str(target))
    assert target.read_bytes()[:4] == b"RIFF"


def test_bulletin_file_is_readable_as_any_new_file_is(tmp_path: Path) -> None:
    """The bulletin WAV gets the permissions the umask gives, not a private 0600.

    Before, it kept its temporary file's 0600, so a web server or Icecast running
    as another user could not read the bulletin the command had just written.
    """
    make_article(title="Pier vote delayed")
    target = tmp_path / "bulletin.wav"
    old_umask = os.umask(0o022)
    try:
        call_command("radio", "bulletin", "--output", str(target), stdout=StringIO())
    finally:
        os.umask(old_umask)
    assert target.stat().st_mode & 0o777 == 0o644
    assert [path.name for path in tmp_path.iterdir()] == ["bulletin.wav"]


@pytest.mark.parametrize(
    "action", [["station", "--seconds", "1"], ["bulletin", "--output", "x.wav"]]
)
def test_commands_say_clearly_when_programs_are_missing(
    settings: Settings, action: list[str], tmp_path: Path
) -> None:
    """Without ffmpeg or espeak-ng the commands stop with a clear error, not a traceback."""
    settings.RADIO_FFMPEG = str(tmp_path / "missing-ffmpeg")
    settings.RADIO_ESPEAK = str(tmp_path / "missing-espeak")
    with pytest.raises(CommandError, match="missing"):
        call_command("radio", *action)


def test_station_command_runs_and_writes_a_live_playlist(
    settings: Settings, radio_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`masthead radio station --seconds N` encodes HLS, logs what it played, then stops.

    The playlist is read as the station stops, just before it takes its stream down.
    """
    from masthead.radio.playout import HlsFolder

    settings.RADIO_SEGMENT_SECONDS = 1
    make_article(title="Harbour lights switched on")
    last_playlist: list[str] = []
    take_down = HlsFolder.take_down

    def read_then_take_down(files: HlsFolder) -> None:
        last_playlist.append((files.folder / "live.m3u8").read_text())
        take_down(files)

    monkeypatch.setattr(HlsFolder, "take_down", read_then_take_down)
    call_command("radio", "station", "--seconds", "4")
    (playlist,) = last_playlist
    assert playlist.startswith("#EXTM3U") and "#EXTINF" in playlist
    assert '"station": "Masthead Radio"' in (radio_folder / "on_air.json").read_text()
    assert list((radio_folder / "hls").iterdir()) == []


@pytest.mark.parametrize("action", ["station", "icecast-feed"])
@pytest.mark.parametrize("seconds", ["nan", "inf", "-1", "0", "1e999"])
def test_commands_refuse_a_running_time_they_cannot_keep(
    settings: Settings, action: str, seconds: str, tmp_path: Path
) -> None:
    """A --seconds that is not a positive finite number is refused before anything starts.

    NaN never compares as reached, and the fallback feed read 0 as "for ever".
    """
    settings.RADIO_FFMPEG = str(tmp_path / "missing-ffmpeg")
    settings.RADIO_ICECAST = {"SOURCE_PASSWORD": "harbour-source"}
    with pytest.raises(CommandError, match="--seconds"):
        call_command("radio", action, "--seconds", seconds)


@pytest.mark.parametrize("port", ["0", "-1", "65536", "99999999999"])
def test_config_command_refuses_a_port_icecast_cannot_use(port: str, tmp_path: Path) -> None:
    """A --port outside 1 to 65535 is a clear error and no icecast.xml is written."""
    target = tmp_path / "icecast.xml"
    with pytest.raises(CommandError, match="--port"):
        call_command("radio", "icecast-config", "--output", str(target), "--port", port)
    assert not target.exists()


def test_bulletin_command_reports_an_unwritable_output(settings: Settings, tmp_path: Path) -> None:
    """An --output under a file, not a folder, is a clear error, not a traceback."""
    settings.RADIO_ESPEAK = str(tmp_path / "missing-espeak")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CommandError, match="Could not write"):
        call_command("radio", "bulletin", "--output", str(blocker / "bulletin.wav"))
