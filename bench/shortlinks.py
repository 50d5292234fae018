"""Benchmark short-link redirects: `masthead serve` (counting on) against nginx `return 302`.

Run with ``.venv/bin/python bench/shortlinks.py``. It prepares its own data
directory (the demo newsroom, whose articles get their short links when the
demo publishes them), then measures in the same run:

- redirects per second through ``masthead serve`` (granian, the WSGI fast
  path, click counting on) and through nginx answering ``return 302``, with
  wrk, keep-alive and one connection per request; the ratio of the two;
- latency percentiles at a fixed 1,000 requests/s, from a paced open-loop
  load generator (wrk2 is not available): each request is timed from the
  moment it was due, so a stalled server cannot hide its queue;
- that every click was counted once the server stopped (the exit flush).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import free_port, masthead, wait_until_up

PYTHON = sys.executable
TARGET_RATIO = 0.08
TARGET_P99_MS = 20.0


def prepare(data_dir: Path) -> dict[str, str]:
    """Set up the data directory with the demo newsroom once; return the environment."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.dev",
        "MASTHEAD_DATA_DIR": str(data_dir),
        "MASTHEAD_ACCESS_LOG": "off",
    }
    marker = data_dir / "bench-shortlinks-ready"
    if not marker.exists():
        print(f"Preparing {data_dir}: demo newsroom with short links...", flush=True)
        masthead(env, "setup")
        marker.touch()
    else:
        masthead(env, "setup")  # The code may have moved on: migrations, static files.
    # Work setup's task backlog off first, so it does not compete with the redirects.
    masthead(env, "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*")
    return env


def pick_code(env: dict[str, str]) -> str:
    """Return the short code of the newest live demo article."""
    script = (
        "from masthead.shortlinks.models import ShortLink;"
        "l=ShortLink.objects.filter(target__live=True).order_by('-target__first_published_at')"
        ".first();print(l.code)"
    )
    return masthead(env, "shell", "-c", script).stdout.strip().splitlines()[-1]


def clicks_counted(env: dict[str, str], code: str) -> int:
    """Return every click (people and bots) written for a code."""
    script = (
        "from django.db.models import Sum;from masthead.shortlinks.models import "
        f"ShortLinkDailyCount as D;t=D.objects.filter(link__code='{code}').aggregate("
        "h=Sum('human_clicks'),b=Sum('bot_clicks'));print((t['h'] or 0)+(t['b'] or 0))"
    )
    return int(masthead(env, "shell", "-c", script).stdout.strip().splitlines()[-1])


@contextmanager
def serving(env: dict[str, str], workers: int) -> Iterator[str]:
    """Run `masthead serve`; yield its base URL; stop it with Ctrl-C (flushing clicks)."""
    port = free_port()
    process = subprocess.Popen(
        [PYTHON, "-m", "masthead.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz")
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)


@contextmanager
def nginx_redirecting(workers: int) -> Iterator[str]:
    """Run nginx answering every request with a 302 and the same headers; yield a URL."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    with tempfile.TemporaryDirectory(prefix="masthead-nginx-") as tmp:
        prefix = Path(tmp)
        prefix.chmod(0o755)  # nginx's workers run as an unprivileged user.
        (prefix / "tmp").mkdir()
        port = free_port()
        (prefix / "nginx.conf").write_text(
            f"""
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {prefix}/tmp; proxy_temp_path {prefix}/tmp;
    fastcgi_temp_path {prefix}/tmp; uwsgi_temp_path {prefix}/tmp; scgi_temp_path {prefix}/tmp;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            add_header Cache-Control "private, max-age=0" always;
            add_header X-Robots-Tag noindex always;
            return 302 http://localhost/world/some-article/;
        }}
    }}
}}
"""
        )
        process = subprocess.Popen(
            [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"]
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    status_of(f"{base}/s/x")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            yield f"{base}/s/bcdfghj"
        finally:
            process.send_signal(signal.SIGQUIT)
            process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Report redirects instead of following them."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def status_of(url: str) -> tuple[int, str]:
    """Return the status and Location of one request, redirects not followed."""
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(url, timeout=5) as response:
            return response.status, response.headers.get("Location", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


def wrk(url: str, seconds: int, connections: int, close: bool) -> tuple[float, int]:
    """Return wrk's requests per second and request count (any 4xx/5xx makes it fail)."""
    headers = ["-H", "Connection: close"] if close else []
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", *headers, url],
        check=True,
        text=True,
        capture_output=True,
    )
    if "Non-2xx" in result.stdout:  # wrk counts statuses of 400 and above here.
        raise RuntimeError(f"error responses while loading {url}:\n{result.stdout}")
    rate = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    total = re.search(r"(\d+) requests in", result.stdout)
    if rate is None or total is None:
        raise RuntimeError(result.stdout)
    return float(rate.group(1)), int(total.group(1))


async def one_request(host: str, port: int, path: str, due: float) -> float:
    """Send one request on a new connection at its due time; return its latency in ms."""
    delay = due - time.perf_counter()
    if delay > 0:
        await asyncio.sleep(delay)
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n")
    await reader.read()
    writer.close()
    if not head.startswith((b"HTTP/1.1 302", b"HTTP/1.0 302")):
        raise RuntimeError(f"unexpected answer {head!r}")
    return (time.perf_counter() - due) * 1000


async def paced(url: str, rate: int, seconds: int) -> list[float]:
    """Send `rate` requests per second for `seconds`; return each one's latency in ms."""
    match = re.match(r"http://([^:/]+):(\d+)(/.*)", url)
    assert match is not None
    host, port, path = match.group(1), int(match.group(2)), match.group(3)
    start = time.perf_counter() + 0.2
    tasks = [
        asyncio.ensure_future(one_request(host, port, path, start + n / rate))
        for n in range(rate * seconds)
    ]
    return list(await asyncio.gather(*tasks))


def percentiles(latencies: list[float]) -> dict[str, float]:
    """Return p50, p90, p99 and max of latencies in ms."""
    cuts = statistics.quantiles(latencies, n=100)
    return {"p50": cuts[49], "p90": cuts[89], "p99": cuts[98], "max": max(latencies)}


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data-dir", default=str(Path(tempfile.gettempdir()) / "masthead-bench-shortlinks")
    )
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rate", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=max(2, 2 * (os.cpu_count() or 1)))
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            sys.exit(f"{tool} is needed (Debian: apt-get install {tool})")

    env = prepare(Path(args.data_dir))
    code = pick_code(env)
    counted_before = clicks_counted(env, code)
    results: dict[str, float] = {}
    latency: dict[str, dict[str, float]] = {}
    sent = 0

    def record(key: str, url: str, close: bool) -> None:
        nonlocal sent
        runs = [wrk(url, args.seconds, args.connections, close) for _ in range(args.repeats)]
        results[key] = statistics.median(rate for rate, _ in runs)
        if key.startswith("masthead"):
            sent += sum(total for _, total in runs)
        print(f"{key:40} {results[key]:10.1f} req/s", flush=True)

    def measure_latency(key: str, url: str) -> None:
        nonlocal sent
        latencies = asyncio.run(paced(url, args.rate, args.seconds))
        if key.startswith("masthead"):
            sent += len(latencies)
        latency[key] = percentiles(latencies)
        figures = ", ".join(f"{name} {value:.2f} ms" for name, value in latency[key].items())
        print(f"{key:40} at {args.rate}/s: {figures}", flush=True)

    with serving(env, args.workers) as base:
        url = f"{base}/s/{code}"
        status, location = status_of(url)  # Fills the shared resolution cache.
        assert status == 302, (status, location)
        sent += 1
        print(f"{url} -> {status} {location}", flush=True)
        record("masthead keep-alive", url, close=False)
        record("masthead Connection: close", url, close=True)
        measure_latency("masthead", url)
    with nginx_redirecting(workers=max(1, os.cpu_count() or 1)) as url:
        record("nginx keep-alive", url, close=False)
        record("nginx Connection: close", url, close=True)
        measure_latency("nginx", url)

    counted = clicks_counted(env, code) - counted_before
    ratios = {
        "masthead / nginx, keep-alive, target >= 8%": (
            results["masthead keep-alive"] / results["nginx keep-alive"]
        ),
        "masthead / nginx, both Connection: close": (
            results["masthead Connection: close"] / results["nginx Connection: close"]
        ),
    }
    for label, ratio in ratios.items():
        print(f"{label}: {ratio:.3g}")
    print(f"p99 at {args.rate}/s: {latency['masthead']['p99']:.2f} ms (target < {TARGET_P99_MS})")
    print(f"clicks sent {sent}, counted {counted}")
    print(
        json.dumps(
            {
                "results": results,
                "latency": latency,
                "ratios": ratios,
                "sent": sent,
                "counted": counted,
            }
        )
    )


if __name__ == "__main__":
    main()
