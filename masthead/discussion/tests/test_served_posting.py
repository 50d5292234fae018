"""Through `masthead serve`: rate limits across workers; a waiting comment and other readers."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from masthead.core.tests.test_serve import STARTUP_SECONDS, status_of, wait_for
from masthead.testing.servers import free_port, stop

CSRF = "c" * 32  # An unmasked CSRF secret is a valid token as well as a cookie value.
BENCHES = "The new benches face the wind."
WINDS = ["north", "south", "east", "west", "sea", "land", "evening", "morning"]

READER_SCRIPT = """
import json
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from masthead.discussion import actions
from masthead.testing.factories import make_article
article = make_article(title="Quayside benches: readers write in")
actions.set_article_mode(article, mode="open")
user = get_user_model().objects.create_user(username="bench@example.org", email="bench@example.org")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
actions.set_display_name(user, "Quay reader", notify_replies=False)
client = Client()
client.force_login(user, backend="masthead.core.auth_backends.ModelBackend")
print(json.dumps({"article_id": article.pk, "session": client.cookies["sessionid"].value}))
"""


@contextmanager
def serving(tmp_path: Path, **extra_env: str) -> Iterator[tuple[str, Path, dict[str, object]]]:
    """Serve a fresh SQLite site; yield its URL, data dir and a signed-in reader."""
    data_dir = tmp_path / "var"
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "DATABASE_URL"  # The write lock and caches under test are SQLite's.
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "masthead.settings.dev",
            "MASTHEAD_DATA_DIR": str(data_dir),
            "MASTHEAD_ACCESS_LOG": "off",
            **extra_env,
        }
    )
    cli = [sys.executable, "-m", "masthead.cli"]
    subprocess.run([*cli, "setup", "--no-demo"], env=env, check=True, capture_output=True)
    made = subprocess.run(
        [*cli, "shell", "-c", READER_SCRIPT], env=env, check=True, capture_output=True, text=True
    )
    reader = json.loads(made.stdout.strip().splitlines()[-1])
    port = free_port()
    server = subprocess.Popen([*cli, "serve", "--port", str(port)], env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        assert wait_for(f"{base}/healthz", 200, STARTUP_SECONDS), "the server did not start"
        yield base, data_dir, reader
    finally:
        stop(server)


def post_comment(
    base: str, reader: dict[str, object], outcome: dict[str, int], text: str = BENCHES
) -> None:
    """Post one comment as the reader; record the HTTP status in ``outcome``."""
    request = urllib.request.Request(
        f"{base}/discussion/{reader['article_id']}/comments/",
        data=urllib.parse.urlencode({"text": text}).encode(),
        headers={
            "Cookie": f"sessionid={reader['session']}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "Accept": "application/json",
            "Referer": base + "/",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            outcome["status"] = int(response.status)
    except urllib.error.HTTPError as error:
        outcome["status"] = error.code


def waiter_appears(descriptor: int, seconds: float = 60) -> bool:
    """Return once the kernel lists a process blocked on the lock of this file."""
    inode = os.fstat(descriptor).st_ino
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        # Blocked requests appear in /proc/locks as "N: -> FLOCK ... maj:min:inode ...".
        for line in Path("/proc/locks").read_text().splitlines():
            fields = line.split()
            if "->" in fields and fields[-3].rsplit(":", 1)[-1] == str(inode):
                return True
        time.sleep(0.1)
    return False


def test_a_waiting_comment_leaves_the_worker_free_for_other_requests(tmp_path: Path) -> None:
    """With two threads, a post waiting for the write lock leaves its worker serving others."""
    threads = {"MASTHEAD_WEB_WORKERS": "1", "MASTHEAD_WEB_THREADS": "2"}
    with serving(tmp_path, **threads) as (base, data_dir, reader):
        waiting_post_does_not_block(base, data_dir, reader)


def waiting_post_does_not_block(base: str, data_dir: Path, reader: dict[str, object]) -> None:
    """Hold the write lock, post, and check other requests are answered meanwhile."""
    with open(data_dir / "masthead.discussion-write.lock", "a+b") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # Another writer holds SQLite's turn.
        outcome: dict[str, int] = {}
        poster = threading.Thread(target=post_comment, args=(base, reader, outcome))
        poster.start()
        assert waiter_appears(lock.fileno()), "the post never reached the write lock"
        # Answered while the post cannot have finished: it still waits for the lock.
        assert status_of(f"{base}/healthz") == 200
        assert status_of(f"{base}/discussion/me.json") == 200
        assert poster.is_alive() and not outcome
        fcntl.flock(lock, fcntl.LOCK_UN)
    poster.join(timeout=120)
    assert outcome == {"status": 201}


def test_rate_limits_count_across_web_workers(tmp_path: Path) -> None:
    """A reader's posts are counted together, whichever of the workers answers each one."""
    # An hourly limit: the count cannot restart in a new window during the test.
    limit = {"MASTHEAD_WEB_WORKERS": "2", "MASTHEAD_DISCUSSION_RATE_PER_IP": "5/h"}
    with serving(tmp_path, **limit) as (base, _, reader):
        statuses = []
        for n in range(8):  # Each on a new connection, spread over both workers.
            outcome: dict[str, int] = {}
            post_comment(base, reader, outcome, f"Bench number {n} faces the {WINDS[n]} wind.")
            statuses.append(outcome["status"])
    assert statuses == [201] * 5 + [429] * 3
