"""The live files over HTTP (fast path and view), the status endpoint, off air, the serve hook."""

from __future__ import annotations

import datetime
import json
import os
import time
from pathlib import Path
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from django.test import Client
from pytest_django import Settings

from masthead.radio.fastpath import LiveStreamApplication
from masthead.radio.models import Station, StreamEndpoint
from masthead.radio.tests.conftest import make_slot
from masthead.radio.wagtail_hooks import station_process
from masthead.testing.factories import make_article

PLAYLIST = b"#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:4.0,\nlive-7.ts\n"


@pytest.fixture
def live(radio_folder: Path) -> Path:
    """Write a playlist and a segment as the encoder would."""
    folder = radio_folder / "hls"
    folder.mkdir(parents=True)
    (folder / "live.m3u8").write_bytes(PLAYLIST)
    (folder / "live-7.ts").write_bytes(b"\x47" + b"\x00" * 187)
    return folder


def call(app: Any, path: str, method: str = "GET") -> tuple[str, dict[str, str], bytes]:
    """Call a WSGI application and return status, headers and body."""
    environ: dict[str, Any] = {"PATH_INFO": path, "REQUEST_METHOD": method}
    setup_testing_defaults(environ)
    captured: dict[str, Any] = {}

    def start_response(status: str, headers: list[tuple[str, str]]) -> None:
        captured["status"], captured["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response))
    return captured["status"], captured["headers"], body


def downstream(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """Stand in for Django behind the fast path."""
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"django"]


def test_fast_path_serves_playlist_and_segments_with_types_and_cache_headers(live: Path) -> None:
    """The playlist must be revalidated; segments never change."""
    app = LiveStreamApplication(downstream, live)
    status, headers, body = call(app, "/radio/hls/live.m3u8")
    assert status == "200 OK" and body == PLAYLIST
    assert headers["Content-Type"] == "application/vnd.apple.mpegurl"
    assert headers["Cache-Control"] == "no-cache"
    status, headers, body = call(app, "/radio/hls/live-7.ts")
    assert headers["Content-Type"] == "video/mp2t" and headers["Content-Length"] == "188"
    assert "immutable" in headers["Cache-Control"] and "public" in headers["Cache-Control"]
    assert call(app, "/radio/hls/live-7.ts", "HEAD")[2] == b""
    assert call(app, "/elsewhere")[2] == b"django"


@pytest.mark.parametrize(
    "path",
    [
        "/radio/hls/live-8.ts",
        "/radio/hls/../../settings.py",
        "/radio/hls/%2e%2e/on_air.json",
        "/radio/hls/encoder.pid",
        "/radio/hls/live-1.ts/x",
        "/radio/hls/" + "9" * 5000 + ".ts",
        "/radio/hls/live.m3u8\x00",
    ],
)
def test_fast_path_answers_404_for_anything_else(live: Path, path: str) -> None:
    """Missing segments and hostile names are a plain 404, never a file outside the folder."""
    status, headers, _ = call(LiveStreamApplication(downstream, live), path)
    assert status == "404 Not Found"
    assert headers["Cache-Control"] == "no-cache"


def test_fast_path_refuses_writes(live: Path) -> None:
    """Only GET and HEAD reach the live files."""
    assert call(LiveStreamApplication(downstream, live), "/radio/hls/live.m3u8", "POST")[
        0
    ].startswith("405")


def test_the_site_application_answers_live_files_before_django(
    live: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``masthead.wsgi`` (what `masthead serve` runs) has the fast path in front of Django.

    Its folder is pointed elsewhere: Django's view would serve the other playlist.
    """
    from masthead.wsgi import application

    elsewhere = tmp_path / "fast"
    elsewhere.mkdir()
    (elsewhere / "live.m3u8").write_bytes(b"#EXTM3U\n#EXT-X-TARGETDURATION:4\n")
    monkeypatch.setattr(application, "folder", elsewhere)
    status, headers, body = call(application, "/radio/hls/live.m3u8")
    assert status == "200 OK" and body == b"#EXTM3U\n#EXT-X-TARGETDURATION:4\n"
    assert headers["Content-Type"] == "application/vnd.apple.mpegurl"
    assert call(application, "/radio/hls/live-7.ts")[0] == "404 Not Found"


@pytest.mark.django_db
def test_django_view_answers_like_the_fast_path(client: Client, live: Path) -> None:
    """Without the WSGI layer, the view serves the same bytes and headers."""
    response = client.get("/radio/hls/live.m3u8")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PLAYLIST  # type: ignore[attr-defined]
    assert response["Content-Type"] == "application/vnd.apple.mpegurl"
    assert response["Cache-Control"] == "no-cache"
    assert client.get("/radio/hls/live-999.ts").status_code == 404
    assert client.get("/radio/hls/../on_air.json").status_code == 404
    assert client.post("/radio/hls/live.m3u8").status_code == 405


def slot_around_now(station: Station, title: str) -> None:
    """Create a slot every day from an hour ago to two hours ahead, station time.

    Worked out in UTC, then written in the station's zone: arithmetic on the
    zone's wall clock put "two hours ahead" a moment away when clocks went
    forward (00:59 GMT + 2 h gave 02:00, the instant of the change).
    """
    now = datetime.datetime.now(datetime.UTC)
    start = (now - datetime.timedelta(hours=1)).astimezone(station.zone).strftime("%H:00")
    end = (now + datetime.timedelta(hours=2)).astimezone(station.zone).strftime("%H:00")
    make_slot(station, tuple(range(7)), start, end, title=title, host="Ines Caldor")


def write_on_air_log(folder: Path, entries: list[tuple[str, str, float]]) -> None:
    """Write the station's log: (kind, title, seconds ago started)."""
    now = datetime.datetime.now(datetime.UTC)
    history = [
        {
            "kind": kind,
            "title": title,
            "started_at": (now - datetime.timedelta(seconds=ago)).isoformat(),
        }
        for kind, title, ago in entries
    ]
    (folder / "on_air.json").write_text(json.dumps({"station": "x", "history": history}))


@pytest.mark.django_db
def test_status_reports_programme_item_heard_and_schedule(
    client: Client, live: Path, station: Station, radio_folder: Path
) -> None:
    """On air; the item is the one listeners hear (started before the stream's delay)."""
    slot_around_now(station, "Harbour Hour")
    write_on_air_log(
        radio_folder, [("bulletin", "News bulletin", 60), ("fallback", "Interlude", 2)]
    )
    response = client.get("/radio/status.json")
    data = response.json()
    assert response["Cache-Control"] == "max-age=5"
    assert data["on_air"] is True and data["station"] == "Harbour FM"
    assert data["programme"]["title"] == "Harbour Hour"
    assert data["programme"]["host"] == "Ines Caldor"
    assert data["item"] == {"title": "News bulletin", "kind": "bulletin"}
    assert [slot["title"] for slot in data["schedule"]] == ["Harbour Hour"]
    assert data["streams"] == [{"kind": "hls", "url": "/radio/hls/live.m3u8"}]


@pytest.mark.django_db
def test_status_lists_endpoints_hls_first_and_honours_the_override(
    client: Client, live: Path, station: Station
) -> None:
    """Endpoints are offered HLS, then MP3, then fallback; an editor's override wins."""
    for kind, url in (("fallback", "/f.mp3"), ("mp3", "/l.mp3"), ("hls", "/radio/hls/live.m3u8")):
        StreamEndpoint.objects.create(station=station, kind=kind, url=url)
    station.now_playing_override = "Live from the harbour wall"
    station.save()
    data = client.get("/radio/status.json").json()
    assert [s["kind"] for s in data["streams"]] == ["hls", "mp3", "fallback"]
    assert data["item"]["title"] == "Live from the harbour wall"


@pytest.mark.django_db
def test_a_stale_playlist_is_off_air(client: Client, live: Path) -> None:
    """A playlist nobody has written for a while means the station stopped."""
    old = time.time() - 600
    os.utime(live / "live.m3u8", (old, old))
    data = client.get("/radio/status.json").json()
    assert data["on_air"] is False and "stopped" in data["reason"]


@pytest.mark.django_db
@pytest.mark.parametrize("setting", ["RADIO_FFMPEG", "RADIO_ESPEAK"])
def test_missing_programs_mean_off_air_and_the_site_is_unaffected(
    client: Client, live: Path, settings: Settings, setting: str
) -> None:
    """Without ffmpeg or espeak-ng: off air, no station process, and pages still serve."""
    setattr(settings, setting, "/nonexistent/bin/program")
    article = make_article(title="Quay wall finished")
    data = client.get("/radio/status.json").json()
    assert data["on_air"] is False and "not installed" in data["reason"]
    assert station_process() == []
    page = client.get(article.url)
    assert page.status_code == 200
    assert b"Listen Live" in page.content


@pytest.mark.django_db
def test_serve_runs_the_station_when_it_can(settings: Settings) -> None:
    """With ffmpeg and espeak-ng present, masthead serve supervises `masthead radio station`."""
    [(name, argv)] = station_process()
    assert name == "radio" and argv[-2:] == ["radio", "station"]
    settings.RADIO_EMBEDDED = False
    assert station_process() == []


@pytest.mark.django_db
def test_status_refuses_writes_and_ignores_junk(client: Client) -> None:
    """The status is read-only; query strings change nothing."""
    assert client.post("/radio/status.json").status_code == 405
    response = client.get("/radio/status.json?station=%00%ff&x=" + "a" * 5000)
    assert response.status_code == 200 and response.json()["on_air"] is False
