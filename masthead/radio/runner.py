"""Start the station loop for an output: HLS in the data folder, or an Icecast mount."""

from __future__ import annotations

import signal
import threading
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from masthead.radio import conf, icecast
from masthead.radio.playout import (
    Encoder,
    HlsFolder,
    Item,
    OnAirLog,
    Playout,
    hls_encoder_argv,
    icecast_encoder_argv,
)
from masthead.radio.station import BulletinDesk, ScheduleProgrammer, StationPlan


class MissingProgram(RuntimeError):
    """ffmpeg or the speech engine is not installed."""


def require_ffmpeg() -> str:
    """Return ffmpeg's path or raise MissingProgram."""
    ffmpeg = conf.ffmpeg()
    if ffmpeg is None:
        raise MissingProgram("ffmpeg is missing (RADIO_FFMPEG); the station stays off air.")
    return ffmpeg


def hls_encoder(folder: Path) -> Encoder:
    """Return the encoder writing the live HLS playlist into ``folder``."""
    ffmpeg = require_ffmpeg()
    folder.mkdir(parents=True, exist_ok=True)
    # A segment of a dead encoder is kept for as long as a playlist spans, so a
    # player that loaded the last playlist can still fetch all it named.
    files = HlsFolder(folder, conf.segment_seconds() * conf.playlist_segments())
    files.retire()  # A playlist of a past run must not look live.

    def argv() -> list[str]:
        return hls_encoder_argv(
            ffmpeg, folder, conf.segment_seconds(), conf.playlist_segments(), conf.bitrate()
        )

    return Encoder(argv, folder.parent / "encoder.pid", files=files)


def icecast_encoder(mount: str, name: str) -> Encoder:
    """Return the encoder sending MP3 to an Icecast mount, as RADIO_ICECAST says."""
    ffmpeg = require_ffmpeg()
    settings = conf.icecast()
    url = f"icecast://source@{settings['HOST']}:{settings['PORT']}{mount}"

    def argv() -> list[str]:
        return icecast_encoder_argv(
            ffmpeg, url, str(settings["SOURCE_PASSWORD"]), name, str(settings["BITRATE"])
        )

    return Encoder(argv)


def metadata_notice(mount: str) -> Callable[[Item], None]:
    """Return a callback that tells Icecast the title of each new item (in a thread)."""
    settings = conf.icecast()
    base = f"http://{settings['HOST']}:{settings['PORT']}"

    def notify(item: Item) -> None:
        title = (
            f"{item.programme}: {item.title}"
            if item.programme and item.programme != item.title
            else item.title
        )
        threading.Thread(
            target=icecast.update_metadata,
            args=(base, mount, settings["ADMIN_USER"], settings["ADMIN_PASSWORD"], title),
            daemon=True,
        ).start()

    return notify


def run_station(
    encoder: Encoder, log: OnAirLog, plan: StationPlan | None = None, seconds: float | None = None
) -> Playout:
    """Run the scheduled station into ``encoder`` until SIGTERM/SIGINT (or ``seconds``)."""
    import time

    folder = conf.radio_dir() / "bulletins"
    desk = BulletinDesk(folder)
    programmer = ScheduleProgrammer(desk, plan=plan)
    log.station = programmer.plan.name
    playout = Playout(programmer, encoder, log)
    desk_thread = threading.Thread(target=desk.run_forever, args=(playout.stopping,), daemon=True)
    desk_thread.start()
    install_stop_signals(playout)
    until = time.monotonic() + seconds if seconds is not None else None
    playout.run(until=until)
    playout.stop()
    return playout


def install_stop_signals(playout: Playout) -> None:
    """Stop the loop cleanly on SIGTERM and SIGINT (masthead serve sends SIGTERM)."""
    if threading.current_thread() is not threading.main_thread():
        return

    def stop(*_: Any) -> None:
        playout.stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def mount_url(mount: str) -> str:
    """Return the public URL of an Icecast mount for listeners."""
    settings = conf.icecast()
    base = settings["PUBLIC_URL"] or f"http://{settings['HOST']}:{settings['PORT']}"
    return urllib.parse.urljoin(base.rstrip("/") + "/", mount.lstrip("/"))
