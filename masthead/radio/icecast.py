"""Icecast: the configuration a project command writes, and reading its status.

Icecast's ``status-json.xsl`` is an XSLT rendering of its XML status, with two
well-known quirks: ``source`` is one object with one mount and a list with
several (and absent with none), and some 2.4 releases emit invalid JSON when
no source is connected or a title holds certain characters. ``parse_status``
accepts all of these and never raises.
"""

from __future__ import annotations

import base64
import json
import re
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

FETCH_TIMEOUT_SECONDS = 2.0
MAX_STATUS_BYTES = 2 * 1024 * 1024
READ_CHUNK_BYTES = 64 * 1024
# The invalid JSON seen from Icecast 2.4.x: a key with no value before a brace.
EMPTY_VALUE = re.compile(r'"(\w+)"\s*:\s*(?=[,}\]])')


@dataclass(frozen=True)
class MountStatus:
    """One mount as Icecast reports it."""

    mount: str
    listeners: int
    title: str
    name: str


def parse_status(raw: bytes | str) -> list[MountStatus]:
    """Return the mounts in a status-json.xsl answer; an unreadable answer has none."""
    text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
    # RecursionError: json refuses nesting deeper than Python's stack, by raising it.
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        try:
            document = json.loads(EMPTY_VALUE.sub(r'"\1": null', text))
        except (ValueError, RecursionError):
            return []
    stats = document.get("icestats") if isinstance(document, dict) else None
    if not isinstance(stats, dict):
        return []
    sources = stats.get("source")
    if isinstance(sources, dict):
        sources = [sources]
    if not isinstance(sources, list):
        return []
    return [mount for source in sources if (mount := mount_of(source)) is not None]


def mount_of(source: Any) -> MountStatus | None:
    """Return one source entry as a MountStatus, or None if it is not one."""
    if not isinstance(source, dict):
        return None
    url = str(source.get("listenurl") or "")
    mount = urllib.parse.urlsplit(url).path or str(source.get("mount") or "")
    try:
        listeners = max(0, int(source.get("listeners") or 0))
    except (TypeError, ValueError, OverflowError):  # OverflowError: 1e999 reads as infinity.
        listeners = 0
    title = str(source.get("title") or "")
    return MountStatus(mount, listeners, title, str(source.get("server_name") or ""))


def fetch_status(url: str) -> list[MountStatus]:
    """Fetch and parse an Icecast status URL; a server that does not answer has no mounts."""
    if not url.startswith(("http://", "https://")):
        return []
    deadline = time.monotonic() + FETCH_TIMEOUT_SECONDS
    try:
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310  (http(s) only, checked above)
            body = read_until(response, deadline)
    except (OSError, ValueError):
        return []
    return parse_status(body) if body is not None else []


def read_until(response: Any, deadline: float) -> bytes | None:
    """Return a response's body, or None if it is too large or still coming at ``deadline``.

    The socket timeout bounds each read, not the whole: a URL that streams (a
    mount's address given as the status URL) would hold the request for minutes.
    """
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(READ_CHUNK_BYTES):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_STATUS_BYTES or time.monotonic() > deadline:
            return None
    return b"".join(chunks)


def update_metadata(base_url: str, mount: str, user: str, password: str, title: str) -> bool:
    """Set the title Icecast shows for a mount; return whether Icecast accepted it."""
    query = urllib.parse.urlencode({"mount": mount, "mode": "updinfo", "song": title[:200]})
    # Our own Icecast, at an http URL built from RADIO_ICECAST.
    request = urllib.request.Request(f"{base_url.rstrip('/')}/admin/metadata?{query}")  # noqa: S310
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310
            return b"<return>1</return>" in response.read(4096)
    except (OSError, ValueError):
        return False


def render_config(
    *,
    host: str,
    port: int,
    source_password: str,
    admin_user: str,
    admin_password: str,
    mount: str,
    fallback_mount: str,
    max_listeners: int,
    log_dir: str,
    pid_file: str,
    location: str = "Masthead",
) -> str:
    """Return an icecast.xml for one live mount with a fallback mount behind it."""
    values = {
        key: escape(str(value))
        for key, value in {
            "host": host, "port": port, "source_password": source_password,
            "admin_user": admin_user, "admin_password": admin_password, "mount": mount,
            "fallback_mount": fallback_mount, "max_listeners": max_listeners,
            "log_dir": log_dir, "pid_file": pid_file, "location": location,
        }.items()
    }  # fmt: skip
    return ICECAST_TEMPLATE.format(**values)


ICECAST_TEMPLATE = """<icecast>
  <!-- Written by `masthead radio icecast-config`. -->
  <location>{location}</location>
  <admin>radio@localhost</admin>
  <limits>
    <clients>{max_listeners}</clients>
    <sources>4</sources>
    <queue-size>524288</queue-size>
    <client-timeout>30</client-timeout>
    <header-timeout>15</header-timeout>
    <source-timeout>10</source-timeout>
    <burst-on-connect>1</burst-on-connect>
    <burst-size>65535</burst-size>
  </limits>
  <authentication>
    <source-password>{source_password}</source-password>
    <relay-password>{source_password}</relay-password>
    <admin-user>{admin_user}</admin-user>
    <admin-password>{admin_password}</admin-password>
  </authentication>
  <hostname>{host}</hostname>
  <listen-socket>
    <port>{port}</port>
    <bind-address>{host}</bind-address>
  </listen-socket>
  <mount type="normal">
    <mount-name>{mount}</mount-name>
    <!-- When the live source drops, listeners move to the fallback mount, and
         back again when it returns. -->
    <fallback-mount>{fallback_mount}</fallback-mount>
    <fallback-override>1</fallback-override>
  </mount>
  <fileserve>1</fileserve>
  <paths>
    <basedir>/usr/share/icecast2</basedir>
    <logdir>{log_dir}</logdir>
    <webroot>/usr/share/icecast2/web</webroot>
    <adminroot>/usr/share/icecast2/admin</adminroot>
    <pidfile>{pid_file}</pidfile>
    <alias source="/" destination="/status.xsl"/>
  </paths>
  <logging>
    <accesslog>access.log</accesslog>
    <errorlog>error.log</errorlog>
    <loglevel>2</loglevel>
    <logsize>10000</logsize>
  </logging>
  <security>
    <chroot>0</chroot>
  </security>
</icecast>
"""
