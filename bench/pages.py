"""Benchmark page serving: home, section and article, cold and warm, against nginx.

Run with ``make bench`` or ``.venv/bin/python bench/pages.py``. It prepares a data
directory (the demo newsroom plus 10,000 synthetic articles, made once and
reused), then for each page type measures requests per second through
``masthead serve`` with the page cache off (cold) and on (warm), and in the same
run nginx serving a saved copy of the same article HTML. Each figure is the
median of ``--repeats`` wrk runs; ratios survive a noisy machine better than
absolute numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BAKERYDEMO_UNCACHED_RPS = 34.0  # Reference from the issue, same kind of machine.


def free_port() -> int:
    """Return a free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def masthead(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run a masthead command and stop on failure."""
    return subprocess.run(
        [PYTHON, "-m", "masthead.cli", *args], env=env, check=True, text=True, capture_output=True
    )


def prepare(data_dir: Path, articles: int) -> dict[str, str]:
    """Load the demo and the synthetic corpus once; return the environment to use."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.dev",
        "MASTHEAD_DATA_DIR": str(data_dir),
        "MASTHEAD_ACCESS_LOG": "off",
    }
    marker = data_dir / f"bench-ready-{articles}"
    if not marker.exists():
        print(f"Preparing {data_dir}: demo newsroom and {articles} synthetic articles...")
        masthead(env, "setup")
        masthead(env, "synth", "--articles", str(articles))
        marker.touch()
    else:
        masthead(env, "setup")  # The code may have moved on: migrations, static files.
    # Work the task queue empty first (tag suggestions, related lists, search index,
    # purges): a backlog left by setup would compete with the pages being measured,
    # and its purges would empty the page cache in the middle of a warm run.
    masthead(env, "db_worker", "--batch", "--no-startup-delay", "--queue-name", "*")
    return env


def wait_until_up(url: str, seconds: float = 180) -> None:
    """Wait for a server to answer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def serving(env: dict[str, str], cache: bool, workers: int) -> Iterator[str]:
    """Run `masthead serve` with the page cache on or off; yield its base URL."""
    port = free_port()
    server_env = {**env, "MASTHEAD_PAGE_CACHE": "1" if cache else "0"}
    process = subprocess.Popen(
        [PYTHON, "-m", "masthead.cli", "serve", "--port", str(port), "--workers", str(workers)],
        env=server_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz")
        yield base
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


@contextmanager
def nginx_serving(html: bytes, workers: int) -> Iterator[str]:
    """Run nginx on a temporary root holding the article HTML; yield its URL."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    with tempfile.TemporaryDirectory(prefix="masthead-nginx-") as tmp:
        prefix = Path(tmp)
        prefix.chmod(0o755)  # nginx's workers run as an unprivileged user.
        (prefix / "html").mkdir(mode=0o755)
        (prefix / "html" / "article.html").write_bytes(html)
        port = free_port()
        (prefix / "nginx.conf").write_text(
            f"""
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    client_body_temp_path {prefix}/tmp; proxy_temp_path {prefix}/tmp;
    fastcgi_temp_path {prefix}/tmp; uwsgi_temp_path {prefix}/tmp; scgi_temp_path {prefix}/tmp;
    server {{ listen 127.0.0.1:{port}; root {prefix}/html; }}
}}
"""
        )
        (prefix / "tmp").mkdir()
        process = subprocess.Popen(
            [nginx, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-g", "daemon off;"]
        )
        url = f"http://127.0.0.1:{port}/article.html"
        try:
            wait_until_up(url)
            yield url
        finally:
            process.send_signal(signal.SIGQUIT)
            process.wait(timeout=30)


def socket_errors(wrk_output: str) -> str | None:
    """Return wrk's socket-error counts ("connect 0, read 2, write 0, timeout 0"), or None."""
    match = re.search(r"Socket errors: (.*)", wrk_output)
    return match.group(1) if match else None


def wrk(url: str, seconds: int, connections: int, close: bool = False) -> float:
    """Return wrk's requests per second for one URL (errors make it fail)."""
    headers = ["-H", "Connection: close"] if close else []
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", *headers, url],
        check=True,
        text=True,
        capture_output=True,
    )
    if "Non-2xx" in result.stdout:
        raise RuntimeError(f"error responses while loading {url}:\n{result.stdout}")
    errors = socket_errors(result.stdout)
    if errors:
        # A server may close a kept-alive connection; wrk reconnects and counts it.
        print(f"  (wrk socket errors: {errors})", flush=True)
    match = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    if match is None:
        raise RuntimeError(result.stdout)
    return float(match.group(1))


def median_rps(
    url: str, repeats: int, seconds: int, connections: int, close: bool = False
) -> float:
    """Return the median of several wrk runs."""
    return statistics.median(wrk(url, seconds, connections, close) for _ in range(repeats))


def pick_urls(base: str, env: dict[str, str]) -> dict[str, str]:
    """Return a home, a section and an article URL of the demo newsroom."""
    script = (
        "import json;from masthead.newsroom.models import ArticlePage, SectionPage;"
        "s=max(SectionPage.objects.live(), key=lambda x: x.get_children().count());"
        "a=ArticlePage.objects.live().child_of(s).order_by('-first_published_at').first();"
        "print(json.dumps({'section': s.url, 'article': a.url}))"
    )
    paths = json.loads(masthead(env, "shell", "-c", script).stdout.strip().splitlines()[-1])
    return {
        "home": f"{base}/",
        "section": f"{base}{paths['section']}",
        "article": f"{base}{paths['article']}",
    }


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", default=str(Path(tempfile.gettempdir()) / "masthead-bench"))
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=max(2, 2 * (os.cpu_count() or 1)))
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            sys.exit(f"{tool} is needed (Debian: apt-get install {tool})")

    env = prepare(Path(args.data_dir), args.articles)
    measure = {"repeats": args.repeats, "seconds": args.seconds, "connections": args.connections}
    results: dict[str, float] = {}

    def record(key: str, url: str, close: bool = False) -> None:
        results[key] = median_rps(url, close=close, **measure)
        print(f"{key:34} {results[key]:10.1f} req/s", flush=True)

    for cache in (False, True):
        with serving(env, cache, args.workers) as base:
            urls = pick_urls(base, env)
            for name, url in urls.items():
                urllib.request.urlopen(url).read()  # Renditions made, cache primed.
                record(f"{name} {'warm' if cache else 'cold'}", url)
            if cache:
                article_html = urllib.request.urlopen(urls["article"]).read()
                # Browsers and CDNs keep connections open; some clients do not.
                record("article warm, Connection: close", urls["article"], close=True)
    with nginx_serving(article_html, workers=max(1, os.cpu_count() or 1)) as url:
        record("nginx static", url)
        record("nginx static, Connection: close", url, close=True)
    summary = {
        "article cold / bakerydemo uncached (34 req/s), target >= 6x": (
            results["article cold"] / BAKERYDEMO_UNCACHED_RPS
        ),
        "article warm / nginx static, target >= 10%": (
            results["article warm"] / results["nginx static"]
        ),
        "article warm / nginx static, both Connection: close": (
            results["article warm, Connection: close"] / results["nginx static, Connection: close"]
        ),
    }
    for label, ratio in summary.items():
        print(f"{label}: {ratio:.3g}")
    print(json.dumps({"results": results, "ratios": summary}))


if __name__ == "__main__":
    main()
