"""QR codes of short URLs, drawn by segno as SVG."""

from __future__ import annotations

import io

import segno

SCALE = 4


def svg(url: str) -> bytes:
    """Return an SVG QR code of a URL, titled for screen readers."""
    buffer = io.BytesIO()
    segno.make(url, error="m").save(
        buffer, kind="svg", scale=SCALE, xmldecl=False, title="QR code of the short URL"
    )
    return buffer.getvalue()


def size(url: str) -> int:
    """Return the width (and height) in pixels of a URL's QR code."""
    width, _ = segno.make(url, error="m").symbol_size(scale=SCALE)
    return int(width)
