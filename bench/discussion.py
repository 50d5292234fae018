"""Benchmark the discussion: posting with screening on while article pages are served.

Run with ``.venv/bin/python bench/discussion.py``. It prepares its own data
directory (one article, a few hundred verified readers with sessions), starts
``masthead serve`` on a free port and stops it by PID, then measures in one run:

- article-page throughput alone (wrk, anonymous readers, page cache);
- the same while readers post comments at ``--rate`` per second (wrk running
  bench/post_comments.lua on a fixed schedule: session cookie, CSRF token,
  rate limits and screening on),
  and the ratio of the two (target: at most a 20% fall at 100 posts/s);
- the live feed (``live.json``): requests per second from the page cache with
  no posting, and while comments are posted (each post purges it); the share
  of the server that 10,000 readers polling every 3 s would take;
- the database queries one update of the live feed costs, for 1 to 10,000
  readers polling after it (through the same WSGI stack, page cache included):
  the count must not grow with readers;
- that every acknowledged comment (HTTP 201) is in the database afterwards.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import free_port, masthead, socket_errors, wait_until_up, wrk
from radio import cpu_seconds, process_tree

PYTHON = sys.executable
CSRF = "b" * 32  # An unmasked CSRF secret is a valid token as well as a cookie value.
READERS = 1000
TARGET_POSTS = 100.0
TARGET_FALL = 0.20
POLL_SECONDS = 3
READERS_ON_ONE_ARTICLE = 10_000
# The first number of each run's comments (they number their texts), so that no
# round repeats an earlier round's text: screening would reject it as a repeat.
SERIALS = itertools.count(1_000_000, 1_000_000)

SETUP_SCRIPT = """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from masthead.discussion import actions
from masthead.testing.factories import make_article
article = make_article(title="Lowmere ferry timetable: readers respond")
actions.set_article_mode(article, mode="open")
sessions = []
User = get_user_model()
for n in range({readers}):
    email = f"bench{{n}}@example.org"
    user = User.objects.create_user(username=email, email=email)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    actions.set_display_name(user, f"Bench reader {{n}}", notify_replies=False)
    client = Client()
    client.force_login(user, backend="masthead.core.auth_backends.ModelBackend")
    sessions.append(client.cookies["sessionid"].value)
print(json.dumps({{"article_id": article.pk, "url": article.url, "sessions": sessions}}))
"""


def prepare(data_dir: Path) -> tuple[dict[str, str], dict[str, object]]:
    """Create the database, one open article and signed-in readers; return env and data."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.dev",
        "MASTHEAD_DATA_DIR": str(data_dir),
        "MASTHEAD_ACCESS_LOG": "off",
        # Every bench reader posts from 127.0.0.1; the per-account limit stays on.
        "MASTHEAD_DISCUSSION_RATE_PER_IP": "1000000/m",
    }
    print(f"Preparing {data_dir}: migrations, one article, {READERS} readers...", flush=True)
    masthead(env, "migrate", "--verbosity", "0")
    masthead(env, "collectstatic", "--noinput", "--verbosity", "0")
    output = masthead(env, "shell", "-c", SETUP_SCRIPT.format(readers=READERS)).stdout
    return env, json.loads(output.strip().splitlines()[-1])


@contextmanager
def serving(env: dict[str, str], workers: int) -> Iterator[tuple[str, int]]:
    """Run `masthead serve` on a free port; yield its base URL and PID; stop it by PID."""
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
        yield base, process.pid
    finally:
        os.kill(process.pid, signal.SIGINT)
        process.wait(timeout=60)


POST_SCRIPT = Path(__file__).resolve().parent / "post_comments.lua"
LATENCY_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def latency_ms(wrk_output: str, percentile: str) -> float:
    """Return one percentile of wrk's --latency distribution, in milliseconds."""
    match = re.search(rf"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", wrk_output, re.MULTILINE)
    return float(match.group(1)) * LATENCY_UNITS[match.group(2)] if match else 0.0


def post_comments(
    base: str, article_id: int, sessions: list[str], rate: float, seconds: float, in_flight: int
) -> dict[str, object]:
    """Post comments at a fixed rate over ``in_flight`` connections; return counts, latencies.

    wrk sends the posts (bench/post_comments.lua): each claims the next slot of
    a fixed schedule and goes out on the next free connection, as readers'
    browsers would send them. wrk's whole CPU is about 0.2 ms a post (start-up
    included), a third of a Python client's, and it comes out of the cores the
    server shares, so it is returned as ``client_seconds`` (wrk's own, read
    when it is reaped). Each answer's status and comment id are read back from
    the script's file.
    """
    path = f"/discussion/{article_id}/comments/"
    with tempfile.TemporaryDirectory(prefix="discussion-posts-") as tmp:
        sessions_file, results_file = Path(tmp) / "sessions", Path(tmp) / "results"
        sessions_file.write_text("\n".join(sessions) + "\n")
        results_file.touch()
        process = subprocess.Popen(
            [
                "wrk", "-t1", f"-c{in_flight}", f"-d{seconds}s", "--timeout", "10s", "--latency",
                "-s", str(POST_SCRIPT), base, "--",
                path, str(rate), str(sessions_file), str(results_file), str(next(SERIALS)), CSRF,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )  # fmt: skip
        assert process.stdout is not None
        output = process.stdout.read()
        # Reaped here rather than by Popen, for wrk's own CPU time: the page wrk
        # running beside it would be mixed in by getrusage(RUSAGE_CHILDREN).
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            raise RuntimeError(f"wrk failed posting comments:\n{output}")
        answers = results_file.read_text().split()
    statuses: dict[int, int] = {}
    acknowledged: list[int] = []
    for status, comment_id in zip(answers[::2], answers[1::2], strict=True):
        statuses[int(status)] = statuses.get(int(status), 0) + 1
        if status == "201" and comment_id.isdigit():
            acknowledged.append(int(comment_id))
    # Posts lost to a socket error or a timeout get no answer: counted as status 0.
    errors = socket_errors(output)
    if errors:
        statuses[0] = sum(int(n) for n in re.findall(r"\d+", errors))
    return {
        "statuses": statuses,
        "acknowledged": acknowledged,
        "posts_per_second": len(acknowledged) / seconds,
        "p50_ms": latency_ms(output, "50"),
        "p99_ms": latency_ms(output, "99"),
        "client_seconds": usage.ru_utime + usage.ru_stime,
    }


def while_posting(
    url: str,
    seconds: int,
    connections: int,
    post: dict[str, object],
    base: str,
    article_id: int,
    sessions: list[str],
    rate: float,
    in_flight: int,
) -> float:
    """Return wrk's rate on a URL measured while comments are posted in a thread.

    Posting starts half a second before the measurement and ends half a second
    after it, so that every moment measured has posts going.
    """
    thread = threading.Thread(
        target=lambda: post.update(
            post_comments(base, article_id, sessions, rate, seconds + 1, in_flight)
        ),
        daemon=True,
    )
    thread.start()
    time.sleep(0.5)
    measured = wrk(url, seconds, connections)
    thread.join()
    return measured


def server_costs(
    server_pid: int,
    article: str,
    options: argparse.Namespace,
    base: str,
    article_id: int,
    sessions: list[str],
) -> dict[str, object]:
    """Return the server's CPU time per cached page and per post, each measured alone.

    The CPU of every process under `masthead serve` (web workers, task worker,
    scheduler) is read from /proc before and after each phase, so the figures
    include the work a post sets off after its response (tasks, purges). What
    the server uses when idle (the radio encoder, the scheduler's polling) is
    measured first and taken off both.
    """

    def phase(work: Any) -> tuple[Any, float, float]:
        before, started = cpu_seconds(process_tree(server_pid)), time.monotonic()
        result = work()
        elapsed = time.monotonic() - started
        return result, cpu_seconds(process_tree(server_pid)) - before, elapsed

    _, idle_cpu, idle_seconds = phase(lambda: time.sleep(5))
    idle_cores = idle_cpu / idle_seconds
    rate, page_cpu, page_seconds = phase(lambda: wrk(article, options.seconds, options.connections))
    page_cpu -= idle_cores * page_seconds
    post, post_cpu, post_seconds = phase(
        lambda: post_comments(
            base, article_id, sessions, options.rate, options.seconds, options.in_flight
        )
    )
    client_cpu = float(post["client_seconds"])
    post_cpu -= idle_cores * post_seconds
    posted = len(post["acknowledged"])
    return {
        "idle_cores": idle_cores,
        "page_ms": page_cpu / (rate * options.seconds) * 1000,
        "server_cores_pages": page_cpu / page_seconds,
        "post_ms": post_cpu / max(1, posted) * 1000,
        "client_ms": client_cpu / max(1, posted) * 1000,
        "posts": posted,
        "acknowledged": post["acknowledged"],
    }


def print_costs(costs: dict[str, object], rate: float) -> None:
    """Print the CPU accounting that bounds the page fall while posting."""
    post_ms, page_ms = float(costs["post_ms"]), float(costs["page_ms"])  # type: ignore[arg-type]
    cores = float(costs["server_cores_pages"])  # type: ignore[arg-type]
    share = rate * post_ms / 1000 / cores
    print(
        f"Server CPU when idle (radio, scheduler): {float(costs['idle_cores']):.2f} cores, "  # type: ignore[arg-type]
        "taken off the figures below"
    )
    print(
        f"Server CPU per cached article page: {page_ms * 1000:.0f} us; the server used "
        f"{cores:.2f} cores serving pages alone"
    )
    print(
        f"Server CPU per post (posting alone, {costs['posts']} posts): {post_ms:.2f} ms; "
        f"{rate:.0f} posts/s take {rate * post_ms / 1000:.2f} cores = {share:.0%} of what "
        "pages alone used (the page fall to expect when the CPU is the limit)"
    )
    print(
        f"Load generator CPU per post (the posting wrk, same cores): "
        f"{float(costs['client_ms']):.2f} ms"  # type: ignore[arg-type]
    )


QUERIES_SCRIPT = """
import io, json, time
from wsgiref.util import setup_testing_defaults
from django.contrib.auth import get_user_model
from django.db import connection
from wagtail.models import Page
from masthead.discussion import actions
from masthead.discussion.live import PURGE_INTERVAL, feed_path
from masthead.wsgi import application

article = Page.objects.get(pk={article_id}).specific
path = feed_path(article.pk)
queries = [0]

def counting(execute, sql, params, many, context):
    queries[0] += 1
    return execute(sql, params, many, context)

def poll():
    environ = {{"PATH_INFO": path, "REQUEST_METHOD": "GET"}}
    setup_testing_defaults(environ)
    seen = {{}}
    def start_response(status, headers, exc_info=None):
        seen.update(headers)
    body = application(environ, start_response)
    content = b"".join(body)
    if hasattr(body, "close"):
        body.close()
    return seen.get("X-Masthead-Cache") == "hit", content

results = {{}}
poll()
for n, readers in enumerate({readers}):
    # Updates further apart than the purge interval: each one purges the feed.
    time.sleep(PURGE_INTERVAL + 0.2)
    email = f"queries{{n}}@example.org"
    user = get_user_model().objects.create_user(username=email, email=email)
    actions.set_display_name(user, f"Query reader {{n}}", notify_replies=False)
    text = f"Update {{n}}: the ferry runs at {{n}}."
    actions.post_comment(author=user, article=article, text=text)
    queries[0] = 0
    hits = 0
    shown = 0
    started = time.perf_counter()
    with connection.execute_wrapper(counting):
        for _ in range(readers):
            hit, content = poll()
            hits += hit
            shown += text.encode() in content
    elapsed = time.perf_counter() - started
    results[readers] = {{"queries": queries[0], "hits": hits, "shown": shown, "seconds": elapsed}}
print(json.dumps(results))
"""
QUERY_READERS = [1, 100, 1000, 10_000]


def queries_per_update(env: dict[str, str], article_id: int) -> dict[str, dict[str, float]]:
    """Return the queries one feed update costs as 1 to 10,000 readers poll after it."""
    script = QUERIES_SCRIPT.format(article_id=article_id, readers=QUERY_READERS)
    output = masthead(env, "shell", "-c", script).stdout
    return json.loads(output.strip().splitlines()[-1])  # type: ignore[no-any-return]


def comments_in_database(env: dict[str, str], ids: list[int]) -> int:
    """Return how many of the acknowledged comment ids are stored."""
    path = Path(env["MASTHEAD_DATA_DIR"]) / "acknowledged.json"
    path.write_text(json.dumps(ids))
    script = (
        "import json;from masthead.discussion.models import Comment;"
        f"ids=json.load(open({str(path)!r}));"
        "print(Comment.objects.filter(pk__in=ids).count())"
    )
    return int(masthead(env, "shell", "-c", script).stdout.strip().splitlines()[-1])


def verdicts(env: dict[str, str]) -> str:
    """Return the comment count per status, as screening left them."""
    script = (
        "from django.db.models import Count;from masthead.discussion.models import Comment;"
        "print(dict(Comment.objects.values_list('status').annotate(n=Count('id'))))"
    )
    return masthead(env, "shell", "-c", script).stdout.strip().splitlines()[-1]


def main() -> None:
    """Measure and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rate", type=float, default=TARGET_POSTS, help="posts per second")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workers", type=int, default=0, help="web workers (default: serve's)")
    parser.add_argument(
        "--in-flight", type=int, default=64, help="posts under way at once (connections)"
    )
    parser.add_argument(
        "--costs-only", action="store_true", help="measure only the CPU per page and per post"
    )
    options = parser.parse_args()
    workers = options.workers or max(2, 2 * (os.cpu_count() or 1))
    with tempfile.TemporaryDirectory(prefix="discussion-bench-") as tmp:
        env, data = prepare(Path(tmp))
        sessions = list(data["sessions"])  # type: ignore[call-overload]
        article_id = int(data["article_id"])  # type: ignore[call-overload]
        with serving(env, workers) as (base, server_pid):
            article = base + str(data["url"])
            live = f"{base}/discussion/{article_id}/live.json"
            wrk(article, 2, options.connections)  # Warm the page cache and the workers.
            wrk(live, 2, options.connections)
            alone, during, posts = [], [], []
            live_alone, live_during = [], []
            acknowledged: list[int] = []
            costs = server_costs(server_pid, article, options, base, article_id, sessions)
            acknowledged += costs.pop("acknowledged")  # type: ignore[arg-type]
            if options.costs_only:
                print_costs(costs, options.rate)
                return
            for _ in range(options.repeats):
                alone.append(wrk(article, options.seconds, options.connections))
                post: dict[str, object] = {}
                args = (base, article_id, sessions, options.rate, options.in_flight)
                during.append(
                    while_posting(article, options.seconds, options.connections, post, *args)
                )
                posts.append(post)
                acknowledged += post["acknowledged"]  # type: ignore[arg-type]
                live_alone.append(wrk(live, options.seconds, options.connections))
                post = {}
                live_during.append(
                    while_posting(live, options.seconds, options.connections, post, *args)
                )
                posts.append(post)
                acknowledged += post["acknowledged"]  # type: ignore[arg-type]
        stored = comments_in_database(env, acknowledged)
        statuses_after = verdicts(env)
        per_update = queries_per_update(env, article_id)
        print_figures(options, alone, during, posts, live_alone, live_during, acknowledged, stored)
        print_costs(costs, options.rate)
        print(f"Statuses after screening: {statuses_after}")
        print("Live feed: database queries for one update, by readers polling after it")
        for readers, figures in per_update.items():
            print(
                f"  {int(readers):>6} readers: {int(figures['queries']):3d} queries, "
                f"{int(figures['hits']):>6} answered from the page cache, "
                f"{int(figures['shown']):>6} shown the update, "
                f"{figures['seconds'] * 1000:8.1f} ms in one process"
            )
        print(f"Load average: {os.getloadavg()}")


def print_figures(
    options: argparse.Namespace,
    alone: list[float],
    during: list[float],
    posts: list[dict[str, object]],
    live_alone: list[float],
    live_during: list[float],
    acknowledged: list[int],
    stored: int,
) -> None:
    """Print the medians, ratios and the verdict against the targets."""
    page_alone, page_during = statistics.median(alone), statistics.median(during)
    fall = 1 - page_during / page_alone
    rates = [float(p["posts_per_second"]) for p in posts]  # type: ignore[arg-type]
    statuses: dict[int, int] = {}
    for p in posts:
        for code, n in p["statuses"].items():  # type: ignore[attr-defined]
            statuses[code] = statuses.get(code, 0) + n
    polls_needed = READERS_ON_ONE_ARTICLE / POLL_SECONDS
    print()
    print(f"Article page alone:               {page_alone:10.0f} req/s (median of {len(alone)})")
    print(f"Article page while posting:       {page_during:10.0f} req/s (fall {fall:.1%})")
    print(
        "  each round, alone / while posting: "
        + ", ".join(
            f"{a:.0f} / {d:.0f} ({1 - d / a:.1%})" for a, d in zip(alone, during, strict=True)
        )
    )
    print(
        f"Posts acknowledged per second:    {statistics.median(rates):10.1f} "
        f"(target {options.rate:.0f})"
    )
    print(
        "Post latency p50 / p99 (ms):      "
        f"{statistics.median(float(p['p50_ms']) for p in posts):6.0f} / "  # type: ignore[arg-type]
        f"{statistics.median(float(p['p99_ms']) for p in posts):.0f}"  # type: ignore[arg-type]
    )
    print(f"Post responses by status:         {dict(sorted(statuses.items()))}")
    print(f"Live feed alone:                  {statistics.median(live_alone):10.0f} req/s")
    print(f"Live feed while posting:          {statistics.median(live_during):10.0f} req/s")
    print(
        f"{READERS_ON_ONE_ARTICLE:,} readers polling every {POLL_SECONDS} s need "
        f"{polls_needed:,.0f} req/s: {polls_needed / statistics.median(live_during):.0%} of "
        "the server's live-feed capacity while posting"
    )
    print(f"Posts under way at once (at most): {options.in_flight}")
    print(f"Acknowledged comments: {len(acknowledged)}; found in the database: {stored}")
    met = fall <= TARGET_FALL and statistics.median(rates) >= 0.95 * options.rate
    print(
        f"Targets ({options.rate:.0f} posts/s, page fall <= {TARGET_FALL:.0%}): "
        f"{'met' if met else 'NOT met'}; every acknowledged comment stored: "
        f"{'yes' if stored == len(acknowledged) else 'NO'}"
    )


if __name__ == "__main__":
    main()
