"""Files the commands write replace the old ones whole, keeping who may read them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from masthead.core.files import atomic_writer


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_a_replaced_file_keeps_its_owner_and_group(tmp_path: Path) -> None:
    """A config owned by root:icecast stays so when rewritten, so icecast can still read it."""
    target = tmp_path / "icecast.xml"
    target.write_text("old")
    os.chown(target, 1, 1)
    with atomic_writer(target, mode=0o640) as handle:
        handle.write("new")
    assert (target.stat().st_uid, target.stat().st_gid) == (1, 1)
    assert target.read_text() == "new"


def test_a_pipe_is_written_into_not_replaced(tmp_path: Path) -> None:
    """A named pipe (or /dev/stdout) gets the text; nothing is renamed over it."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        with atomic_writer(fifo) as handle:
            handle.write("through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert fifo.is_fifo()
