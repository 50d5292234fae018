"""Files the commands write: whole or not at all."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


def default_mode() -> int:
    """Return the permissions ``open()`` would give a new file under the process's umask."""
    umask = os.umask(0)  # The only way to read it is to set it: put it straight back.
    os.umask(umask)
    return 0o666 & ~umask


@contextlib.contextmanager
def atomic_writer(target: Path, mode: int | None = None) -> Iterator[TextIO]:
    """Yield a UTF-8 text file that replaces ``target`` only once the block ends without error.

    The text goes to a temporary file beside the target, renamed over it at the
    end: readers see the old file or the new one, never half of one, and a
    failure or Ctrl-C part way leaves the old file and no temporary one. A
    symbolic link is written through; a target that is not a regular file (a
    pipe, ``/dev/stdout``) is written directly, as nothing can be renamed over
    it. The replaced file's owner and group are kept where the process may give
    them; ``mode`` defaults to the replaced file's, else to what ``open()`` gives.
    """
    target = Path(os.path.realpath(target))
    try:
        existing = target.stat()
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with target.open("w", encoding="utf-8") as handle:
            yield handle
        return
    if mode is None:
        mode = stat.S_IMODE(existing.st_mode) if existing is not None else default_mode()
    # A short prefix: the temporary name must fit wherever the target's name fits.
    descriptor, name = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name[:40]}.", suffix=".tmp"
    )
    partial = Path(name)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            if existing is not None:
                keep_owner(handle.fileno(), existing)
            os.fchmod(handle.fileno(), mode)
            yield handle
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def keep_owner(descriptor: int, replaced: os.stat_result) -> None:
    """Give a new file the owner and group of the file it replaces, as far as allowed."""
    # A group's members (icecast reading its config) must still reach the file;
    # only root may give a file away, anyone may keep their own.
    for uid, gid in ((replaced.st_uid, replaced.st_gid), (-1, replaced.st_gid)):
        try:
            os.fchown(descriptor, uid, gid)
            return
        except PermissionError:
            continue
