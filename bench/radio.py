"""Benchmark Listen Live: simulated listeners on 127.0.0.1 against the station's servers.

Run with ``flock /tmp/bench.lock .venv/bin/python bench/radio.py`` (``--help``
for the options; the lock keeps benchmarks from running at the same time). It
measures, each for ``--seconds`` (60 by default):

- ``embedded``: ``masthead serve`` as ``make run`` starts it (granian serving
  ``masthead.wsgi``, whose live-stream fast path answers ``/radio/hls/``, and
  the station: ffmpeg writing HLS), ``--listeners`` (500) HLS clients. Each
  joins at the live edge (three segments back, as hls.js and Safari do),
  reloads the playlist as the HLS specification says (after a target
  duration, half of it when unchanged) and fetches every new segment. A
  segment is late when it arrives after the moment a player would have
  needed it: the listener's playback starts when its first segment arrives,
  and each later segment is due when the ones before it have played.
- ``nginx``: the same-run reference: nginx serving the same live folder
  (written by ``masthead radio station``) to the same listeners.
- ``icecast``: a real icecast2 fed 64 kbit/s MP3 by ffmpeg, ``--icecast-listeners``
  (1,000) clients reading the stream. Its audio is cut into 4-second units;
  a unit is late when it arrives after its playback time (playback starts
  when the first burst arrives).

CPU per listener is the CPU time the serving processes used (from /proc:
granian and its workers for ``embedded``, not the station, which costs the
same for one listener or a thousand), divided by listeners and by seconds:
"CPU-µs per listener-second" (1,000 means a millisecond of CPU each second,
a thousandth of a core). The station's own CPU is printed beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pages import free_port, wait_until_up

PYTHON = sys.executable
SEGMENT_SECONDS = 4
LIVE_EDGE_SEGMENTS = 3
ICECAST_BITRATE_KBPS = 64
TICKS = os.sysconf("SC_CLK_TCK")
TARGETS = ["embedded", "nginx", "icecast"]
# The generated data folder (the house rule: /tmp/<app>-data).
DEFAULT_DATA_DIR = Path(tempfile.gettempdir()) / "radio-data" / "bench"
# A throwaway server on 127.0.0.1 that lives for one run.
BENCH_SOURCE_PASSWORD = "bench-" + os.urandom(6).hex()


@dataclass
class Tally:
    """What the listeners saw."""

    segments: int = 0
    late: int = 0
    errors: int = 0
    playlists: int = 0
    fetch_ms: list[float] = field(default_factory=list)
    worst_lateness: float = 0.0
    error_kinds: Counter[str] = field(default_factory=Counter)

    def add_error(self, kind: str) -> None:
        """Count one failed request by its kind."""
        self.errors += 1
        self.error_kinds[kind] += 1

    def add_late(self, seconds: float) -> None:
        """Count one late segment, keeping the worst lateness."""
        self.late += 1
        self.worst_lateness = max(self.worst_lateness, seconds)


# ---- HLS listeners ----


def parse_playlist(text: str) -> tuple[int, float, list[tuple[int, float, str]]]:
    """Return the media sequence, target duration and (number, duration, uri) of each segment."""
    sequence, target, pending = 0, float(SEGMENT_SECONDS), 0.0
    segments: list[tuple[int, float, str]] = []
    for line in text.splitlines():
        if line.startswith("#EXT-X-MEDIA-SEQUENCE:"):
            sequence = int(line.split(":", 1)[1])
        elif line.startswith("#EXT-X-TARGETDURATION:"):
            target = float(line.split(":", 1)[1])
        elif line.startswith("#EXTINF:"):
            pending = float(line.split(":", 1)[1].split(",")[0])
        elif line and not line.startswith("#"):
            segments.append((sequence + len(segments), pending, line))
    return sequence, target, segments


async def hls_listener(
    session: aiohttp.ClientSession, base: str, stop_at: float, tally: Tally
) -> None:
    """Listen like a player: join at the live edge, reload, fetch each new segment in order."""
    playlist_url = f"{base}/radio/hls/live.m3u8"
    next_number: int | None = None
    playback_start: float | None = None
    played = 0.0  # Seconds of audio due before the next segment.
    loop = asyncio.get_running_loop()
    while loop.time() < stop_at:
        try:
            async with session.get(playlist_url) as response:
                text = await response.text()
            tally.playlists += 1
        except (TimeoutError, aiohttp.ClientError) as error:
            tally.add_error(f"playlist {type(error).__name__}")
            await asyncio.sleep(1)
            continue
        _, target, segments = parse_playlist(text)
        if next_number is None and segments:
            next_number = segments[max(0, len(segments) - LIVE_EDGE_SEGMENTS)][0]
        fresh = [s for s in segments if next_number is not None and s[0] >= next_number]
        for number, duration, uri in fresh:
            started = loop.time()
            try:
                async with session.get(f"{base}/radio/hls/{uri}") as response:
                    await response.read()
                    problem = "" if response.status == 200 else f"segment {response.status}"
            except (TimeoutError, aiohttp.ClientError) as error:
                problem = f"segment {type(error).__name__}"
            arrived = loop.time()
            if problem:
                tally.add_error(problem)
                continue
            tally.segments += 1
            tally.fetch_ms.append((arrived - started) * 1000)
            if playback_start is None:
                playback_start = arrived
            elif arrived > playback_start + played:
                tally.add_late(arrived - (playback_start + played))
            played += duration
            next_number = number + 1
        await asyncio.sleep(target if fresh else target / 2)


async def run_hls(base: str, listeners: int, seconds: float) -> Tally:
    """Run ``listeners`` HLS listeners for ``seconds``, joining over one segment's time."""
    tally = Tally()
    connector = aiohttp.TCPConnector(limit=0, force_close=False)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        loop = asyncio.get_running_loop()
        stop_at = loop.time() + seconds

        async def staggered(index: int) -> None:
            await asyncio.sleep(SEGMENT_SECONDS * index / listeners)
            await hls_listener(session, base, stop_at, tally)

        await asyncio.gather(*(staggered(i) for i in range(listeners)))
    return tally


# ---- Icecast listeners ----


async def stream_listener(
    session: aiohttp.ClientSession, url: str, stop_at: float, tally: Tally
) -> None:
    """Read an MP3 stream; count 4-second units of audio that arrive after their playback time."""
    unit_bytes = ICECAST_BITRATE_KBPS * 1000 // 8 * SEGMENT_SECONDS
    loop = asyncio.get_running_loop()
    try:
        async with session.get(url) as response:
            received, units = 0, 0
            playback_start: float | None = None
            async for chunk in response.content.iter_any():
                now = loop.time()
                received += len(chunk)
                while received >= (units + 1) * unit_bytes:
                    # Playback starts when the first unit is in; unit i is due i units later.
                    if playback_start is None:
                        playback_start = now
                    due = playback_start + units * SEGMENT_SECONDS
                    tally.segments += 1
                    if now > due:
                        tally.add_late(now - due)
                    units += 1
                if now >= stop_at:
                    break
    except (TimeoutError, aiohttp.ClientError) as error:
        tally.add_error(type(error).__name__)


async def run_streams(url: str, listeners: int, seconds: float) -> Tally:
    """Run ``listeners`` stream readers for ``seconds``."""
    tally = Tally()
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=seconds + 30, sock_read=15)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        stop_at = asyncio.get_running_loop().time() + seconds

        async def staggered(index: int) -> None:
            await asyncio.sleep(2 * index / listeners)
            await stream_listener(session, url, stop_at, tally)

        await asyncio.gather(*(staggered(i) for i in range(listeners)))
    return tally


# ---- servers ----


def process_tree(root: int) -> list[int]:
    """Return a process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def command_line(pid: int) -> str:
    """Return a process's command line as one string ('' once it has gone)."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return ""
    return raw.replace(b"\0", b" ").decode(errors="replace")


def subtree_running(root: int, needle: str) -> list[int]:
    """Return the processes under ``root`` whose own or an ancestor's command holds ``needle``."""
    found: list[int] = []
    for pid in process_tree(root):
        if needle in command_line(pid):
            found.extend(process_tree(pid))
    return sorted(set(found))


def cpu_seconds(pids: list[int]) -> float:
    """Return the user+system CPU seconds used so far by the given processes."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server we started, by its PID (SIGTERM, then SIGKILL)."""
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def prepare(data_dir: Path) -> dict[str, str]:
    """Migrate a data folder (no demo needed: the bulletin reads whatever is there)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.dev",
        "MASTHEAD_DATA_DIR": str(data_dir),
        "MASTHEAD_ACCESS_LOG": "off",
    }
    subprocess.run(
        [PYTHON, "-m", "masthead.cli", "migrate", "--verbosity", "0"], env=env, check=True
    )
    subprocess.run(
        [PYTHON, "-m", "masthead.cli", "collectstatic", "--noinput", "--verbosity", "0"],
        env=env,
        check=True,
    )
    return env


def clear_live_folder(folder: Path) -> None:
    """Delete a past run's playlist and segments, so that only a new station's count."""
    for stale in folder.glob("live*"):
        stale.unlink(missing_ok=True)


def wait_for_playlist(folder: Path, seconds: float = 120) -> None:
    """Wait until the station's playlist lists enough segments to join at the live edge."""
    deadline = time.monotonic() + seconds
    playlist = folder / "live.m3u8"
    while time.monotonic() < deadline:
        if playlist.is_file() and playlist.read_text().count("#EXTINF") >= LIVE_EDGE_SEGMENTS + 1:
            return
        time.sleep(0.5)
    raise SystemExit(f"The station wrote no playlist in {seconds:.0f}s ({playlist})")


@contextmanager
def embedded(env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """Run ``masthead serve`` as ``make run`` does; yield its URL and PID."""
    clear_live_folder(Path(env["MASTHEAD_DATA_DIR"]) / "radio" / "hls")
    port = free_port()
    serve = [PYTHON, "-m", "masthead.cli", "serve", "--port", str(port)]
    process = subprocess.Popen(serve, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base + "/healthz")
        wait_for_playlist(Path(env["MASTHEAD_DATA_DIR"]) / "radio" / "hls")
        yield base, process.pid
    finally:
        stop(process)


@contextmanager
def station(env: dict[str, str]) -> Iterator[int]:
    """Run the station alone (``masthead radio station``), writing the live folder."""
    clear_live_folder(Path(env["MASTHEAD_DATA_DIR"]) / "radio" / "hls")
    argv = [PYTHON, "-m", "masthead.cli", "radio", "station"]
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL)
    try:
        wait_for_playlist(Path(env["MASTHEAD_DATA_DIR"]) / "radio" / "hls")
        yield process.pid
    finally:
        stop(process)


@contextmanager
def nginx(folder: Path) -> Iterator[tuple[str, list[int]]]:
    """Serve the live folder with nginx at /radio/hls/ (the reference)."""
    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="masthead-radio-nginx-"))
    config = work / "nginx.conf"
    config.write_text(f"""
worker_processes 2;
pid {work}/nginx.pid;
error_log {work}/error.log;
daemon off;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  sendfile on;
  types {{ application/vnd.apple.mpegurl m3u8; video/mp2t ts; }}
  server {{
    listen 127.0.0.1:{port};
    location /radio/hls/ {{ alias {folder}/; }}
    location = /healthz {{ return 200; }}
  }}
}}
""")
    process = subprocess.Popen(
        ["nginx", "-c", str(config), "-p", str(work)], stderr=subprocess.DEVNULL
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/healthz", 20)
        yield f"http://127.0.0.1:{port}", [process.pid]
    finally:
        stop(process)
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def icecast(listeners: int) -> Iterator[tuple[str, list[int]]]:
    """Run icecast2 (as nobody when root) fed a 64 kbit/s MP3 by ffmpeg."""
    from masthead.radio.icecast import render_config

    port = free_port()
    work = Path(tempfile.mkdtemp(prefix="masthead-radio-icecast-"))
    work.chmod(0o777)
    config = work / "icecast.xml"
    config.write_text(render_config(
        host="127.0.0.1", port=port, source_password=BENCH_SOURCE_PASSWORD, admin_user="admin",
        admin_password=BENCH_SOURCE_PASSWORD, mount="/live.mp3", fallback_mount="/fallback.mp3",
        max_listeners=listeners + 100, log_dir=str(work), pid_file=str(work / "icecast.pid"),
    ))  # fmt: skip
    config.chmod(0o644)
    is_root = os.geteuid() == 0
    server = subprocess.Popen(
        ["/usr/bin/icecast2", "-c", str(config)], stdout=subprocess.DEVNULL,
        user="nobody" if is_root else None, group="nogroup" if is_root else None,
    )  # fmt: skip
    source = subprocess.Popen(
        ["ffmpeg", "-nostdin", "-v", "error", "-re", "-f", "lavfi", "-i", "sine=frequency=440",
         "-c:a", "libmp3lame", "-b:a", f"{ICECAST_BITRATE_KBPS}k", "-content_type", "audio/mpeg",
         "-f", "mp3", f"icecast://source:{BENCH_SOURCE_PASSWORD}@127.0.0.1:{port}/live.mp3"],
    )  # fmt: skip
    try:
        wait_until_up(f"http://127.0.0.1:{port}/status-json.xsl", 60)
        # A station on air for a while: Icecast's burst-on-connect (64 KiB, 8 s at
        # 64 kbit/s) then gives each new listener its start-up buffer, as in production.
        time.sleep(12)
        yield f"http://127.0.0.1:{port}/live.mp3", [server.pid]
    finally:
        stop(source)
        stop(server)
        shutil.rmtree(work, ignore_errors=True)


def load_average() -> str:
    """Return the 1, 5 and 15-minute load averages as uptime prints them."""
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def measure(
    name: str,
    serving: list[int],
    station_pids: list[int],
    listeners: int,
    seconds: float,
    run: object,
) -> Tally:
    """Run a listener coroutine while timing the servers' CPU; print the figures."""
    load_before = load_average()
    cpu_before = cpu_seconds(serving)
    station_before = cpu_seconds(station_pids)
    client_before = time.process_time()
    started = time.monotonic()
    tally: Tally = asyncio.run(run)  # type: ignore[arg-type]
    wall = time.monotonic() - started
    server_cpu = cpu_seconds(serving) - cpu_before
    station_cpu = cpu_seconds(station_pids) - station_before
    per_listener_second_us = server_cpu / listeners / wall * 1e6
    fetch = sorted(tally.fetch_ms)
    p50 = statistics.median(fetch) if fetch else 0.0
    p99 = fetch[int(len(fetch) * 0.99) - 1] if len(fetch) >= 100 else (fetch[-1] if fetch else 0.0)
    print(
        f"{name}: {listeners} listeners, {wall:.0f}s: {tally.segments} segments, "
        f"{tally.late} late (worst {tally.worst_lateness:.2f}s), {tally.errors} errors, "
        f"{tally.playlists} playlist reloads; fetch p50 {p50:.1f} ms, p99 {p99:.1f} ms; "
        f"server CPU {server_cpu:.1f}s = {server_cpu / wall * 100:.0f}% of a core, "
        f"{per_listener_second_us:.0f} CPU-us per listener-second; "
        + (f"station CPU {station_cpu / wall * 100:.0f}% of a core; " if station_pids else "")
        + f"client CPU {time.process_time() - client_before:.1f}s; "
        f"load average {load_before} before, {load_average()} after"
        + (f"; errors: {dict(tally.error_kinds)}" if tally.errors else ""),
        flush=True,
    )
    return tally


def main() -> None:
    """Parse the options and run the chosen measurements."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "targets",
        nargs="*",
        help=f"what to measure, any of {', '.join(TARGETS)} (all by default)",
    )
    parser.add_argument("--listeners", type=int, default=500)
    parser.add_argument("--icecast-listeners", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    options = parser.parse_args()
    # Checked here: argparse compares an empty list with the choices (Python 3.11).
    unknown = set(options.targets) - set(TARGETS)
    if unknown:
        parser.error(f"unknown targets: {', '.join(sorted(unknown))}")
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 65536), hard))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
    os.environ["MASTHEAD_DATA_DIR"] = str(options.data_dir)
    import django

    django.setup()
    print(
        f"bench/radio.py {' '.join(sys.argv[1:])}: "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, "
        f"load average {load_average()}",
        flush=True,
    )
    env = prepare(options.data_dir)
    hls_folder = options.data_dir / "radio" / "hls"
    failed = False
    for target in options.targets or TARGETS:
        if target == "embedded":
            with embedded(env) as (base, serve_pid):
                web = subtree_running(serve_pid, "granian")
                radio = subtree_running(serve_pid, "radio station")
                run = run_hls(base, options.listeners, options.seconds)
                tally = measure("embedded (masthead serve)", web, radio, options.listeners,
                                options.seconds, run)  # fmt: skip
                failed |= tally.late > 0 or tally.segments == 0 or not web
        elif target == "nginx":
            with station(env) as station_pid, nginx(hls_folder) as (base, pids):
                nginx_pids = [p for pid in pids for p in process_tree(pid)]
                run = run_hls(base, options.listeners, options.seconds)
                measure("nginx (reference)", nginx_pids, process_tree(station_pid),
                        options.listeners, options.seconds, run)  # fmt: skip
        else:
            with icecast(options.icecast_listeners) as (url, pids):
                count = options.icecast_listeners
                run = run_streams(url, count, options.seconds)
                icecast_pids = [p for pid in pids for p in process_tree(pid)]
                tally = measure("icecast", icecast_pids, [], count, options.seconds, run)
                failed |= tally.late > 0 or tally.segments == 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
