"""Icecast: its status in all its shapes, the config command, a real server played through."""

from __future__ import annotations

import http.server
import os
import shutil
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import defusedxml.ElementTree as ElementTree
import pytest
from django.core.management import CommandError, call_command
from pytest_django import Settings

from masthead.radio.icecast import fetch_status, parse_status, render_config, update_metadata
from masthead.radio.playout import Item, OnAirLog, Playout
from masthead.radio.runner import icecast_encoder
from masthead.testing.servers import free_port

ICECAST = Path("/usr/bin/icecast2")
SOURCE_PASSWORD = "source-<&>-pw"
ADMIN_PASSWORD = "admin-pw"
ONE_SOURCE = b"""{"icestats":{"admin":"a","source":{"listeners":3,"listenurl":"http://h:8001/live.mp3",
"server_name":"Harbour FM","title":"News bulletin","dummy":null}}}"""
TWO_SOURCES = b"""{"icestats":{"source":[{"listeners":2,"listenurl":"http://h:8001/fallback.mp3"},
{"listeners":"5","listenurl":"http://h:8001/live.mp3","title":"Tide Talk"}]}}"""


def test_status_with_one_source_is_an_object() -> None:
    """One mount comes as an object, not a list."""
    [mount] = parse_status(ONE_SOURCE)
    assert (mount.mount, mount.listeners, mount.title, mount.name) == (
        "/live.mp3",
        3,
        "News bulletin",
        "Harbour FM",
    )


def test_status_with_two_sources_is_a_list() -> None:
    """Several mounts come as a list; listener counts may be strings."""
    mounts = parse_status(TWO_SOURCES)
    assert [(m.mount, m.listeners) for m in mounts] == [("/fallback.mp3", 2), ("/live.mp3", 5)]


@pytest.mark.parametrize(
    "raw",
    [
        b'{"icestats":{"admin":"a","source":}}',  # Icecast 2.4.x with no source connected
        b'{"icestats":{"admin":"a","dummy":null}}',  # 2.4.4 with no source
        b"",
        b"<html>502 Bad Gateway</html>",
        b'{"icestats":[1,2]}',
        b'{"icestats":{"source":[1,"x",null]}}',
        b"\xff\xfe\x00garbage",
        b"[]",
    ],
)
def test_unreadable_or_empty_status_means_no_mounts(raw: bytes) -> None:
    """Invalid JSON and odd shapes mean "no source", never an exception."""
    assert parse_status(raw) == []


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000,  # nested deeper than Python's parser recurses
        b'{"icestats":' * 100_000,
    ],
)
def test_hostile_status_means_no_mounts(raw: bytes) -> None:
    """A status answer nested too deep to parse means "no source", not an exception."""
    assert parse_status(raw) == []


def test_listener_count_out_of_range_counts_as_zero() -> None:
    """A listener count no integer can hold (1e999 parses as infinity) counts as zero."""
    raw = b'{"icestats":{"source":{"listeners":1e999,"listenurl":"http://h/live.mp3"}}}'
    [mount] = parse_status(raw)
    assert mount.listeners == 0 and mount.mount == "/live.mp3"


def test_repaired_status_keeps_the_other_mounts() -> None:
    """A key without a value is read as null, so the rest of the answer survives."""
    raw = b'{"icestats":{"source":{"listeners":4,"listenurl":"http://h/live.mp3","title":}}}'
    [mount] = parse_status(raw)
    assert mount.listeners == 4 and mount.title == ""


def test_fetch_refuses_other_schemes_and_dead_servers() -> None:
    """Only http(s) is fetched; a closed port answers no mounts."""
    assert fetch_status("file:///etc/passwd") == []
    assert fetch_status(f"http://127.0.0.1:{free_port()}/status-json.xsl") == []


class EndlessStream(http.server.BaseHTTPRequestHandler):
    """Answers like an Icecast mount: audio bytes, a little at a time, without end."""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "audio/mpeg")
        self.end_headers()
        try:
            while True:
                self.wfile.write(b"\xff\xfb\x90\x00" * 256)
                self.wfile.flush()
                time.sleep(0.05)
        except OSError:  # The client gave up.
            return

    def log_message(self, *args: object) -> None:
        return


def test_status_url_that_never_ends_answers_no_mounts_in_time() -> None:
    """A status URL that streams without end (a mount's URL given by mistake) is given up.

    Before the fix each status request read it until 2 MB had arrived, about two
    minutes of a 128 kbit/s stream, holding a web worker all that time.
    """
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), EndlessStream)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        started = time.monotonic()
        assert fetch_status(f"http://127.0.0.1:{server.server_port}/live.mp3") == []
        assert time.monotonic() - started < 5
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db
def test_config_command_writes_a_private_valid_file(tmp_path: Path, settings: Settings) -> None:
    """The written icecast.xml parses, escapes passwords and is not world-readable."""
    settings.RADIO_ICECAST = {"SOURCE_PASSWORD": SOURCE_PASSWORD, "ADMIN_PASSWORD": ADMIN_PASSWORD}
    target = tmp_path / "etc" / "icecast.xml"
    call_command("radio", "icecast-config", "--output", str(target), "--port", "8123")
    tree = ElementTree.parse(target)
    assert tree.findtext("authentication/source-password") == SOURCE_PASSWORD
    assert tree.findtext("listen-socket/port") == "8123"
    assert tree.findtext("mount/fallback-mount") == "/fallback.mp3"
    assert tree.findtext("mount/fallback-override") == "1"
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.django_db
def test_config_command_makes_an_old_readable_file_private(
    tmp_path: Path, settings: Settings
) -> None:
    """Writing over a world-readable icecast.xml makes it readable by owner and group only.

    Before, the file was truncated and rewritten in place, so it kept the old
    file's permissions (0644 here) with the new passwords inside.
    """
    settings.RADIO_ICECAST = {"SOURCE_PASSWORD": SOURCE_PASSWORD, "ADMIN_PASSWORD": ADMIN_PASSWORD}
    target = tmp_path / "icecast.xml"
    target.write_text("<icecast/>")
    target.chmod(0o644)
    call_command("radio", "icecast-config", "--output", str(target), stdout=StringIO())
    assert ElementTree.parse(target).findtext("authentication/source-password") == SOURCE_PASSWORD
    assert target.stat().st_mode & 0o777 == 0o640
    assert [path.name for path in tmp_path.iterdir()] == ["icecast.xml"]


@pytest.mark.django_db
def test_config_command_generates_passwords_and_reports_bad_paths(tmp_path: Path) -> None:
    """Without configured passwords new ones are made; an unwritable path is a clear error."""
    target = tmp_path / "icecast.xml"
    call_command("radio", "icecast-config", "--output", str(target))
    password = ElementTree.parse(target).findtext("authentication/source-password")
    assert password and len(password) >= 20
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CommandError, match="Could not write"):
        call_command("radio", "icecast-config", "--output", str(blocker / "icecast.xml"))


def test_feed_without_a_source_password_is_refused(settings: Settings, db: None) -> None:
    """Feeding Icecast needs the source password."""
    settings.RADIO_ICECAST = {"SOURCE_PASSWORD": ""}
    with pytest.raises(CommandError, match="SOURCE_PASSWORD"):
        call_command("radio", "icecast-feed", "--seconds", "1")


# ---- a real Icecast on 127.0.0.1 ----


@pytest.fixture
def icecast(tmp_path: Path, settings: Settings) -> Iterator[str]:
    """Start icecast2 on a free port with a config from render_config; stop it by its PID."""
    assert ICECAST.is_file(), (
        "icecast2 is missing: `make test` installs it (apt-get install icecast2)"
    )
    port = free_port()
    # Icecast refuses to run as root, so it runs as nobody, who must reach its
    # config and write its logs: pytest's own folders are private to root.
    folder = Path(tempfile.mkdtemp(prefix="masthead-icecast-"))
    folder.chmod(0o777)
    config = folder / "icecast.xml"
    config.write_text(
        render_config(
            host="127.0.0.1", port=port, source_password=SOURCE_PASSWORD,
            admin_user="admin", admin_password=ADMIN_PASSWORD, mount="/live.mp3",
            fallback_mount="/fallback.mp3", max_listeners=50,
            log_dir=str(folder), pid_file=str(folder / "icecast.pid"),
        )
    )  # fmt: skip
    config.chmod(0o644)
    is_root = os.geteuid() == 0
    server = subprocess.Popen(
        [str(ICECAST), "-c", str(config)],
        stdout=subprocess.DEVNULL,
        user="nobody" if is_root else None,
        group="nogroup" if is_root else None,
    )
    base = f"http://127.0.0.1:{port}"
    settings.RADIO_ICECAST = {
        "HOST": "127.0.0.1", "PORT": port, "SOURCE_PASSWORD": SOURCE_PASSWORD,
        "ADMIN_PASSWORD": ADMIN_PASSWORD, "BITRATE": "64k",
    }  # fmt: skip
    try:
        assert wait_for(lambda: answers(base + "/status-json.xsl"), 10), (
            folder / "error.log"
        ).read_text()
        yield base
    finally:
        server.terminate()
        server.wait(10)
        shutil.rmtree(folder, ignore_errors=True)


def answers(url: str) -> bool:
    """Return whether a URL answers at all."""
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except OSError:
        return False


def wait_for(condition: object, seconds: float) -> bool:
    """Wait until ``condition()`` is true, or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


class Loop:
    """A programmer playing the fallback loop under a title."""

    def __init__(self, title: str) -> None:
        self.title = title

    def next_item(self, now: object) -> Item:
        return Item("fallback", self.title, limit_seconds=30.0)

    def should_cut(self, item: Item, now: object) -> bool:
        return False

    def played(self, item: Item, seconds: float) -> None:
        return None


def start_feed(mount: str, title: str, folder: Path) -> tuple[Playout, threading.Thread]:
    """Feed a mount from a playout thread, as `masthead radio icecast-feed` does."""
    playout = Playout(
        Loop(title), icecast_encoder(mount, "Harbour FM"), OnAirLog(folder / f"{title}.json", "x")
    )
    thread = threading.Thread(target=playout.run, daemon=True)
    thread.start()
    return playout, thread


def read_stream(url: str, count: int, seconds: float = 15) -> bytes:
    """Read ``count`` bytes of a live stream."""
    with urllib.request.urlopen(url, timeout=seconds) as response:
        assert response.headers["Content-Type"] == "audio/mpeg"
        return bytes(response.read(count))


def has_mp3_frames(data: bytes) -> bool:
    """Return whether the bytes hold consecutive MPEG audio frame headers."""
    return (
        sum(1 for i in range(len(data) - 1) if data[i] == 0xFF and data[i + 1] & 0xE0 == 0xE0) >= 5
    )


def test_plays_through_a_real_icecast_with_status_metadata_and_fallback(
    icecast: str, tmp_path: Path
) -> None:
    """A listener gets MP3 from the live mount, is counted, sees the title, and survives a drop."""
    fallback, fallback_thread = start_feed("/fallback.mp3", "Back shortly", tmp_path)
    live, live_thread = start_feed("/live.mp3", "Tide Talk", tmp_path)
    try:
        status_url = icecast + "/status-json.xsl"
        assert wait_for(
            lambda: {m.mount for m in fetch_status(status_url)} >= {"/live.mp3", "/fallback.mp3"},
            15,
        )
        assert has_mp3_frames(read_stream(icecast + "/live.mp3", 16_384))
        assert update_metadata(icecast, "/live.mp3", "admin", ADMIN_PASSWORD, "News bulletin")
        assert not update_metadata(icecast, "/live.mp3", "admin", "wrong", "Hijacked")

        with urllib.request.urlopen(icecast + "/live.mp3", timeout=15) as listener:
            listener.read(8192)
            mounts = {m.mount: m for m in fetch_status(status_url)}
            assert mounts["/live.mp3"].listeners == 1
            assert mounts["/live.mp3"].title == "News bulletin"
            live.stop()  # The live source drops ...
            live_thread.join(10)
            moved = lambda: any(  # noqa: E731
                m.mount == "/fallback.mp3" and m.listeners == 1 for m in fetch_status(status_url)
            )
            assert wait_for(moved, 15), fetch_status(status_url)
            # ... and the listener is carried on by the fallback mount.
            assert has_mp3_frames(listener.read(16_384))
    finally:
        live.stop()
        fallback.stop()
        live_thread.join(10)
        fallback_thread.join(10)
