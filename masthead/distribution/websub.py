"""WebSub publishing: tell the configured hub which feeds changed."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from collections.abc import Sequence
from urllib.parse import urlencode, urlsplit

from masthead.distribution import conf

logger = logging.getLogger(__name__)


class HubError(Exception):
    """The hub refused the ping or could not be reached."""


def publish_ping_body(topics: Sequence[str]) -> bytes:
    """Return the form body announcing new content on the topics (feeds)."""
    fields = [("hub.mode", "publish"), *(("hub.url", topic) for topic in topics)]
    return urlencode(fields).encode()


def ping_hub(hub: str, topics: Sequence[str]) -> int:
    """POST ``hub.mode=publish`` with each topic as ``hub.url``; return the hub's status.

    One request names every topic: ``hub.url`` may be repeated (PubSubHubbub
    0.3, kept by the hubs in use), which saves a request per feed.
    """
    if urlsplit(hub).scheme not in ("http", "https"):
        raise HubError(f"The WebSub hub must be an http(s) URL, not {hub!r}")
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        hub,
        data=publish_ping_body(topics),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=conf.websub_timeout()) as response:  # noqa: S310
            status = int(response.status)
    except urllib.error.HTTPError as error:
        raise HubError(f"The hub {hub} answered {error.code}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise HubError(f"The hub {hub} could not be reached: {error}") from error
    logger.info("WebSub hub %s accepted %d topics (%d)", hub, len(topics), status)
    return status
