"""The ``masthead`` console script ends like a Unix tool: on a closed pipe, on signals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

CLI = [sys.executable, "-m", "masthead.cli"]
FIXTURES = Path(__file__).resolve().parents[2] / "ingest" / "tests" / "fixtures" / "textpage"


def environment(data_dir: Path) -> dict[str, str]:
    """Return the environment of a real ``masthead`` process on this data directory.

    The process keeps to the directory's own SQLite database even when the
    suite runs on PostgreSQL: there the server's one database is shared with
    other tests' processes, and two migrations of it at once fail.
    """
    return {
        **{key: value for key, value in os.environ.items() if key != "DATABASE_URL"},
        "DJANGO_SETTINGS_MODULE": "masthead.settings.dev",
        "MASTHEAD_DATA_DIR": str(data_dir),
    }


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """Return the environment of a migrated data directory holding a few imported articles."""
    env = environment(tmp_path_factory.mktemp("var"))
    subprocess.run([*CLI, "migrate", "-v0"], env=env, check=True, capture_output=True)
    subprocess.run(
        [*CLI, "import", "textpage", str(FIXTURES)], env=env, check=True, capture_output=True
    )
    yield env


def test_export_to_a_closed_pipe_ends_quietly(newsroom: dict[str, str]) -> None:
    """``masthead export ninjs | head -1``: the reader closing the pipe stops it without a word.

    Before, the export ended with a BrokenPipeError traceback on standard error.
    """
    reader, writer = os.pipe()
    os.close(reader)  # The reader has gone before the first line, as head's has after one.
    try:
        result = subprocess.run(
            [*CLI, "export", "ninjs"],
            env=newsroom,
            stdout=writer,
            capture_output=False,
            stderr=subprocess.PIPE,
            timeout=120,
        )
    finally:
        os.close(writer)
    assert result.stderr.decode() == ""
    assert result.returncode == 128 + signal.SIGPIPE


def blocked_reading_stdin(process: subprocess.Popen[bytes], seconds: float = 120) -> bool:
    """Wait until a process sleeps reading its standard input (a pipe); False if it never does.

    The system call's first argument must be descriptor 0, so that the signal
    comes while the import waits for its input, not on some other pipe.
    """
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            waiting_in = Path(f"/proc/{process.pid}/wchan").read_text()
            call = Path(f"/proc/{process.pid}/syscall").read_text().split()
        except OSError:
            waiting_in, call = "", []
        if "pipe" in waiting_in and len(call) > 1 and int(call[1], 16) == 0:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_an_import_with_a_message(tmp_path: Path, stop: signal.Signals) -> None:
    """Ctrl-C or SIGTERM during an import ends it with one line and the signal's exit status.

    Before, Ctrl-C printed a KeyboardInterrupt traceback and SIGTERM killed the
    process on the spot, without running its clean-up or rolling anything back.
    """
    process = subprocess.Popen(
        [*CLI, "import", "textpage", "-"],
        env=environment(tmp_path),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # Ctrl-C as from a terminal: a process inherits an ignored SIGINT, and the
        # test worker sometimes ran with it ignored (Python then keeps it so), so
        # the import read to the end of its input and failed its empty record.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert blocked_reading_stdin(process)
        process.send_signal(stop)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 128 + stop, stderr.decode()[-2000:]
    assert "Traceback" not in stderr.decode()
    assert f"stopped by {stop.name}" in stderr.decode()
