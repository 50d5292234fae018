"""The live HLS files as HTTP: which names exist, their MIME types and cache headers.

Shared by the WSGI fast path (``fastpath.py``) and the Django view, so both
answer the same way. Only names the encoder writes are served; anything else
is a 404 without touching the file system.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import BinaryIO

from masthead.radio import conf

PREFIX = "/radio/hls/"
PLAYLIST = "live.m3u8"
NAME = re.compile(r"\Alive(?:-\d{1,20}\.ts|\.m3u8)\Z")
MIME_TYPES = {".m3u8": "application/vnd.apple.mpegurl", ".ts": "video/mp2t"}
# The playlist changes with every segment: caches must ask again each time.
# Segment names are never reused (numbered from the clock), so they never change.
PLAYLIST_CACHE = "no-cache"
SEGMENT_CACHE = "public, max-age=86400, immutable"


def is_valid_name(name: str) -> bool:
    """Return whether ``name`` is a file the encoder writes."""
    return bool(NAME.match(name))


def headers_for(name: str, size: int) -> list[tuple[str, str]]:
    """Return the response headers of one HLS file."""
    extension = name[name.rfind(".") :]
    return [
        ("Content-Type", MIME_TYPES[extension]),
        ("Content-Length", str(size)),
        ("Cache-Control", PLAYLIST_CACHE if extension == ".m3u8" else SEGMENT_CACHE),
        ("X-Content-Type-Options", "nosniff"),
        ("Access-Control-Allow-Origin", "*"),
    ]


def open_file(
    name: str, folder: Path | None = None
) -> tuple[BinaryIO, list[tuple[str, str]]] | None:
    """Open a live file for reading and return it with its headers, or None if absent."""
    if not is_valid_name(name):
        return None
    try:
        handle = open((folder or conf.hls_dir()) / name, "rb")  # noqa: SIM115  (the caller closes it)
    except OSError:  # Not yet written, or already deleted by the encoder.
        return None
    size = os.fstat(handle.fileno()).st_size
    return handle, headers_for(name, size)
