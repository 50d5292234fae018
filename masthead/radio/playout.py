"""The automated station: a real-time PCM feed into a supervised ffmpeg encoder.

One Python loop plays items (programmes, bulletins, the fallback loop) into
ffmpeg's standard input at the pace of a clock, 100 ms at a time. Every item
is decoded by its own ffmpeg into a queue; when a decoder is late, or nothing
is ready, the fallback loop fills the gap, so the encoder never starves and
the live stream never stops. The encoder writes HLS (the embedded default) or
sends MP3 to an Icecast mount; when it dies, the loop starts a new one and
carries on.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import math
import os
import queue
import struct
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Protocol

from masthead.radio.audio import BYTES_PER_SECOND, CHANNELS, SAMPLE_RATE, decode_command

logger = logging.getLogger(__name__)

CHUNK_SECONDS = 0.1
CHUNK_BYTES = int(BYTES_PER_SECOND * CHUNK_SECONDS)
# How far ahead of the clock the feed may run: enough to ride out a slow
# decoder start, short enough that a cut (top of the hour) lands on time.
LEAD_SECONDS = 0.5
DECODER_QUEUE_CHUNKS = 50
HISTORY_ITEMS = 8
HEARTBEAT_SECONDS = 2.0
# An encoder that dies at once (Icecast down, a bad URL) is restarted after a
# pause that doubles up to a ceiling, so a dead server is not hammered with a
# new ffmpeg and a warning every second; a run that lasted resets the pause.
RESTART_FIRST_PAUSE_SECONDS = 1.0
RESTART_MAX_PAUSE_SECONDS = 30.0
RESTART_STABLE_SECONDS = 60.0


@dataclass
class Item:
    """Something to play: a programme, a bulletin or the fallback loop."""

    kind: str
    title: str
    path: Path | None = None
    offset: float = 0.0
    programme: str = ""
    host: str = ""
    limit_seconds: float | None = None
    key: str = ""


class Programmer(Protocol):
    """Decides what the station plays next and when an item must give way."""

    def next_item(self, now: dt.datetime) -> Item:
        """Return the item to play from ``now``."""

    def should_cut(self, item: Item, now: dt.datetime) -> bool:
        """Return whether ``item`` must stop now (the hour turned, the slot changed)."""

    def played(self, item: Item, seconds: float) -> None:
        """Note that ``item`` played for ``seconds`` from its offset."""


def fallback_loop(seconds: float = 4.0) -> bytes:
    """Return the fallback loop's PCM: a quiet pip at the start of each loop, then hush.

    Made in Python so that the station has something to play before anything
    else is ready, and without any file.
    """
    frames = int(SAMPLE_RATE * seconds)
    pip = int(SAMPLE_RATE * 0.25)
    amplitude = 0.12 * 32767
    samples = (
        int(amplitude * math.sin(2 * math.pi * 660 * i / SAMPLE_RATE) * min(1.0, (pip - i) / 400))
        if i < pip
        else 0
        for i in range(frames)
    )
    return struct.pack(f"<{frames * CHANNELS}h", *samples)


class Decoder:
    """A file decoded to PCM by its own ffmpeg, read into a bounded queue by a thread."""

    def __init__(self, path: Path, offset: float = 0.0) -> None:
        self.chunks: queue.Queue[bytes | None] = queue.Queue(DECODER_QUEUE_CHUNKS)
        self.process = subprocess.Popen(
            decode_command(path, offset), stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.thread = threading.Thread(target=self.read, daemon=True, name="radio-decoder")
        self.thread.start()

    def read(self) -> None:
        """Move the decoder's output into the queue, then mark the end with None."""
        assert self.process.stdout is not None
        try:
            while chunk := self.process.stdout.read(CHUNK_BYTES):
                self.chunks.put(chunk)
        finally:
            self.chunks.put(None)

    def close(self) -> None:
        """Stop the decoder and release its pipe."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        with contextlib.suppress(queue.Empty):
            while True:  # Unblock the reader if it waits on a full queue.
                self.chunks.get_nowait()


class HlsFolder:
    """The live HLS folder: what a dead encoder left is cleared without pulling files from players.

    ffmpeg deletes only the segments it wrote itself, so a killed encoder's
    playlist and segments would stay until the station restarted.
    """

    def __init__(
        self, folder: Path, grace_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.folder = folder
        self.grace_seconds = grace_seconds
        self.clock = clock
        # Segments of dead encoders: when each may go, and its inode (never delete a
        # file of the same name written since, should the clock have gone back).
        self.retired: dict[Path, tuple[float, int]] = {}

    def retire(self) -> None:
        """Take a dead encoder's playlist down now, and its segments after the grace period.

        The playlist goes first, so no player is handed a list naming segments
        about to go (it gets a 404 and retries, as at a station start, until the
        new encoder writes its own). A player that loaded it just before can
        still fetch every segment it named until the grace period is over.
        """
        (self.folder / "live.m3u8").unlink(missing_ok=True)
        for partial in self.folder.glob("live*.tmp"):  # Half written: nobody was told of them.
            partial.unlink(missing_ok=True)
        deadline = self.clock() + self.grace_seconds
        for path in self.folder.glob("live-*.ts"):
            with contextlib.suppress(FileNotFoundError):
                self.retired.setdefault(path, (deadline, path.stat().st_ino))

    def take_down(self) -> None:
        """Delete the stream of a station that stops: the playlist, then every segment.

        Nothing is left to wait for the grace period (the process is ending): a
        stream that has ended must not look live, nor stay for good when the
        station is not started again.
        """
        self.retire()
        self.retired.clear()
        for path in self.folder.glob("live-*.ts"):
            path.unlink(missing_ok=True)

    def sweep(self) -> None:
        """Delete the retired segments whose grace period is over."""
        if not self.retired:
            return
        moment = self.clock()
        for path, (deadline, inode) in list(self.retired.items()):
            if deadline > moment:
                continue
            del self.retired[path]
            with contextlib.suppress(FileNotFoundError):
                if path.stat().st_ino == inode:
                    path.unlink()


class Encoder:
    """A supervised ffmpeg reading PCM on its standard input; restarted when it dies."""

    def __init__(
        self,
        argv: Callable[[], list[str]],
        pid_file: Path | None = None,
        wait: Callable[[float], object] | None = None,
        clock: Callable[[], float] = time.monotonic,
        files: HlsFolder | None = None,
    ) -> None:
        self.argv = argv
        self.pid_file = pid_file
        # The HLS files the encoder writes, cleared after it dies (none for Icecast).
        self.files = files
        self.process: subprocess.Popen[bytes] | None = None
        self.restarts = 0
        self.waking = threading.Event()
        self.wait = wait or self.waking.wait
        self.clock = clock
        self.started_at = 0.0
        self.pause = 0.0

    def start(self) -> None:
        """Start the encoder (again)."""
        self.started_at = self.clock()
        self.process = subprocess.Popen(
            self.argv(), stdin=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        if self.pid_file is not None:
            self.pid_file.write_text(str(self.process.pid))

    def write(self, pcm: bytes) -> bool:
        """Feed PCM to the encoder; restart it and return False when it had died."""
        if self.files is not None:
            self.files.sweep()
        if self.process is None or self.process.poll() is not None:
            self.restart()
            return False
        stdin: IO[bytes] | None = self.process.stdin
        assert stdin is not None
        try:
            stdin.write(pcm)
            stdin.flush()
        except (BrokenPipeError, OSError):
            self.restart()
            return False
        return True

    def restart(self) -> None:
        """Replace a dead encoder with a new one."""
        if self.process is not None:
            if self.clock() - self.started_at >= RESTART_STABLE_SECONDS:
                self.pause = 0.0
            else:
                self.pause = min(
                    RESTART_MAX_PAUSE_SECONDS, self.pause * 2 or RESTART_FIRST_PAUSE_SECONDS
                )
            logger.warning(
                "radio encoder stopped (exit %s); restarting in %.0f s",
                self.process.poll(),
                self.pause,
            )
            self.close()
            if self.files is not None:
                self.files.retire()
            self.restarts += 1
            if self.pause:
                self.wait(self.pause)
        self.start()

    def stop_waiting(self) -> None:
        """Cut short a pause before a restart (the station is stopping)."""
        self.waking.set()

    def shut_down(self) -> None:
        """Stop the encoder for good (the station stops), taking its HLS stream down."""
        self.close()
        if self.files is not None:
            self.files.take_down()

    def close(self) -> None:
        """Stop the encoder, letting it finish its last segment."""
        if self.process is None:
            return
        with contextlib.suppress(OSError):
            if self.process.stdin is not None:
                self.process.stdin.close()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class OnAirLog:
    """What the station played lately, written to a JSON file the web processes read."""

    path: Path
    station: str
    history: list[dict[str, str]] = field(default_factory=list)
    listeners_notice: Callable[[Item], None] | None = None

    def started(self, item: Item, at: dt.datetime) -> None:
        """Record that ``item`` went to the encoder at ``at``."""
        entry = {**{k: str(v) for k, v in asdict(item).items() if k != "path"}}
        entry["started_at"] = at.isoformat()
        self.history = [*self.history, entry][-HISTORY_ITEMS:]
        self.write(at)
        if self.listeners_notice is not None:
            self.listeners_notice(item)

    def write(self, at: dt.datetime) -> None:
        """Write the log atomically, with a heartbeat that shows the station is alive."""
        body = {"station": self.station, "heartbeat": at.isoformat(), "history": self.history}
        partial = self.path.with_suffix(".tmp")
        partial.write_text(json.dumps(body))
        os.replace(partial, self.path)


class Playout:
    """The real-time loop: items from the programmer, PCM to the encoder, on the clock."""

    def __init__(self, programmer: Programmer, encoder: Encoder, log: OnAirLog) -> None:
        self.programmer = programmer
        self.encoder = encoder
        self.log = log
        self.fallback = fallback_loop()
        self.stopping = threading.Event()
        self.clock_start = time.monotonic()
        self.seconds_fed = 0.0
        self.last_heartbeat = 0.0

    def run(self, until: float | None = None) -> None:
        """Play until ``stop()`` is called (or ``until`` seconds of monotonic time)."""
        self.encoder.start()
        self.clock_start = time.monotonic()
        try:
            while not self.stopping.is_set():
                if until is not None and time.monotonic() >= until:
                    break
                self.play(self.programmer.next_item(now()), until)
        finally:
            self.encoder.shut_down()

    def stop(self) -> None:
        """Ask the loop to stop after the current chunk."""
        self.stopping.set()
        self.encoder.stop_waiting()

    def play(self, item: Item, until: float | None) -> None:
        """Feed one item until it ends, is cut, or the loop stops."""
        self.log.started(item, now())
        played = 0.0
        for chunk in self.pcm_of(item):
            self.feed(chunk)
            played += len(chunk) / BYTES_PER_SECOND
            if self.stopping.is_set() or (until is not None and time.monotonic() >= until):
                break
            if item.limit_seconds is not None and played >= item.limit_seconds:
                break
            if self.programmer.should_cut(item, now()):
                break
        self.programmer.played(item, played)

    def pcm_of(self, item: Item) -> Iterator[bytes]:
        """Yield an item's PCM; a late or failing decoder is covered by the fallback loop."""
        if item.path is None:
            yield from self.fallback_chunks()
            return
        try:
            decoder = Decoder(item.path, item.offset)
        except (OSError, ValueError):
            logger.exception("radio could not decode %s", item.path)
            yield from self.fallback_chunks(limit=5.0)
            return
        try:
            while True:
                try:
                    chunk = decoder.chunks.get(timeout=CHUNK_SECONDS)
                except queue.Empty:
                    yield self.fallback[:CHUNK_BYTES]  # A gap: keep the encoder fed.
                    continue
                if chunk is None:
                    return
                yield chunk
        finally:
            decoder.close()

    def fallback_chunks(self, limit: float | None = None) -> Iterator[bytes]:
        """Yield the fallback loop, chunk by chunk, forever or for ``limit`` seconds."""
        position = 0
        fed = 0.0
        while limit is None or fed < limit:
            chunk = self.fallback[position : position + CHUNK_BYTES]
            position = (position + CHUNK_BYTES) % len(self.fallback)
            fed += CHUNK_SECONDS
            yield chunk

    def feed(self, chunk: bytes) -> None:
        """Write a chunk to the encoder, keeping no more than LEAD_SECONDS ahead of the clock."""
        if not self.encoder.write(chunk):
            # A new encoder: its stream starts now, so the clock does too.
            self.clock_start, self.seconds_fed = time.monotonic(), 0.0
            self.encoder.write(chunk)
        self.seconds_fed += len(chunk) / BYTES_PER_SECOND
        ahead = self.clock_start + self.seconds_fed - time.monotonic()
        if ahead > LEAD_SECONDS:
            self.stopping.wait(ahead - LEAD_SECONDS)
        elif ahead < -1.0:  # Fell behind (a stalled machine): never try to catch up in a burst.
            self.clock_start, self.seconds_fed = time.monotonic(), 0.0
        if time.monotonic() - self.last_heartbeat >= HEARTBEAT_SECONDS:
            self.last_heartbeat = time.monotonic()
            self.log.write(now())


def now() -> dt.datetime:
    """Return the aware current time."""
    return dt.datetime.now(dt.UTC)


def hls_encoder_argv(
    ffmpeg: str, folder: Path, segment_seconds: int, segments: int, bitrate: str
) -> list[str]:
    """Return the argv of ffmpeg encoding PCM on stdin to a live HLS playlist in ``folder``."""
    return [
        ffmpeg, "-hide_banner", "-loglevel", "error",
        "-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", str(CHANNELS), "-i", "pipe:0",
        "-c:a", "aac", "-b:a", bitrate,
        "-f", "hls", "-hls_time", str(segment_seconds), "-hls_list_size", str(segments),
        "-hls_delete_threshold", "4",
        "-hls_flags", "delete_segments+omit_endlist+temp_file",
        # Numbers from the clock, so that a restarted encoder never reuses a name
        # a listener or cache already holds.
        "-hls_start_number_source", "epoch",
        "-hls_segment_filename", str(folder / "live-%d.ts"),
        str(folder / "live.m3u8"),
    ]  # fmt: skip


def icecast_encoder_argv(
    ffmpeg: str, url: str, password: str, name: str, bitrate: str
) -> list[str]:
    """Return the argv of ffmpeg encoding PCM on stdin to MP3 on an Icecast mount."""
    return [
        ffmpeg, "-hide_banner", "-loglevel", "error",
        "-f", "s16le", "-ar", str(SAMPLE_RATE), "-ac", str(CHANNELS), "-i", "pipe:0",
        "-c:a", "libmp3lame", "-b:a", bitrate, "-id3v2_version", "0",
        "-content_type", "audio/mpeg", "-ice_name", name, "-password", password,
        "-f", "mp3", url,
    ]  # fmt: skip
