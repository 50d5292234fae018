"""A WSGI layer serving the live HLS files before Django builds a request.

Every listener asks for the playlist and a segment every few seconds, so
these requests must cost a file open and a ``sendfile``, not a URL resolver,
twelve middlewares and a view. The Django view in ``views.py`` answers the
same URLs the same way wherever this layer is not installed (the test client).
``masthead/wsgi.py`` puts it in front of the site, so ``masthead serve`` uses it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from masthead.radio import conf, hls

NOT_FOUND = b"Not found: this segment has left the live window.\n"
NOT_FOUND_HEADERS = [
    ("Content-Type", "text/plain; charset=utf-8"),
    ("Content-Length", str(len(NOT_FOUND))),
    ("Cache-Control", "no-cache"),
]
BLOCK_SIZE = 64 * 1024


class LiveStreamApplication:
    """WSGI wrapper answering ``/radio/hls/<file>`` from the encoder's folder."""

    def __init__(self, application: Callable[..., Any], folder: Path | None = None) -> None:
        self.application = application
        self.folder = folder or conf.hls_dir()

    def __call__(
        self, environ: dict[str, Any], start_response: Callable[..., Any]
    ) -> Iterable[bytes]:
        path = str(environ.get("PATH_INFO", ""))
        if not path.startswith(hls.PREFIX) or environ.get("SCRIPT_NAME"):
            return self.application(environ, start_response)
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD"):
            start_response(
                "405 Method Not Allowed", [("Allow", "GET, HEAD"), ("Content-Length", "0")]
            )
            return [b""]
        opened = hls.open_file(path[len(hls.PREFIX) :], self.folder)
        if opened is None:
            start_response("404 Not Found", NOT_FOUND_HEADERS)
            return [b"" if method == "HEAD" else NOT_FOUND]
        handle, headers = opened
        start_response("200 OK", headers)
        if method == "HEAD":
            handle.close()
            return [b""]
        wrapper = environ.get("wsgi.file_wrapper")
        if wrapper is not None:  # Servers that have one send it with sendfile(2); granian has none.
            return wrapper(handle, BLOCK_SIZE)  # type: ignore[no-any-return]
        with handle:
            return [handle.read()]
