"""WebSub: publishing an article pings the configured hub with every affected feed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest

from masthead.distribution.websub import HubError, ping_hub
from masthead.tagging.actions import set_article_tags
from masthead.tagging.tests.helpers import make_tag, tagged_article
from masthead.testing.factories import make_author, make_section

pytestmark = pytest.mark.django_db


class Hub:
    """A local HTTP server on 127.0.0.1 recording the pings it receives."""

    def __init__(self, status: int = 204) -> None:
        self.pings: list[dict[str, list[str]]] = []
        self.content_types: list[str] = []
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                hub.pings.append(parse_qs(self.rfile.read(length).decode()))
                hub.content_types.append(self.headers.get("Content-Type", ""))
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                """Keep the test output quiet."""

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hub"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Hub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hub(settings: Any) -> Iterator[Hub]:
    """Run a hub and configure it."""
    with Hub() as running:
        settings.DISTRIBUTION_WEBSUB_HUB = running.url
        yield running


def test_publishing_pings_the_hub_with_every_affected_feed(
    hub: Hub, django_capture_on_commit_callbacks: Any
) -> None:
    """One POST with hub.mode=publish and a hub.url per feed listing the article."""
    section = make_section("Harbour", slug="harbour")
    author = make_author("Mira Lund", slug="mira-lund")
    tag = make_tag("Piers")
    with django_capture_on_commit_callbacks(execute=True):
        tagged_article(tag, section=section, authors=[author])
    assert hub.pings, "the hub was not pinged"
    ping = hub.pings[-1]
    assert ping["hub.mode"] == ["publish"]
    topics = set(ping["hub.url"])
    for path in (
        "/feeds/rss/",
        "/feeds/atom/",
        "/feeds/sections/harbour/rss/",
        "/feeds/tags/piers/atom/",
        "/feeds/authors/mira-lund/rss/",
    ):
        assert f"http://localhost{path}" in topics, path
        assert f"http://localhost{path}?full=1" in topics, path
    assert hub.content_types[-1] == "application/x-www-form-urlencoded"


def test_a_republish_pings_the_feeds_of_a_lost_tag(
    hub: Hub, django_capture_on_commit_callbacks: Any
) -> None:
    """The feed of a tag the article lost changed too, so the hub hears of it."""
    piers, council = make_tag("Piers"), make_tag("Averly council")
    article = tagged_article(piers, council)
    with django_capture_on_commit_callbacks(execute=True):
        set_article_tags(article, [piers], publish=True)
    topics = set(hub.pings[-1]["hub.url"])
    assert "http://localhost/feeds/tags/averly-council/rss/" in topics
    assert "http://localhost/feeds/tags/piers/atom/?full=1" in topics


def test_moving_an_article_pings_the_feeds_of_both_sections(
    hub: Hub, django_capture_on_commit_callbacks: Any
) -> None:
    """A move changes the feeds of the section left and of the section joined."""
    harbour, world = make_section("Harbour", slug="harbour"), make_section("World", slug="world")
    article = tagged_article(make_tag("Piers"), section=harbour)
    with django_capture_on_commit_callbacks(execute=True):
        article.move(world, pos="last-child")
    topics = set(hub.pings[-1]["hub.url"])
    assert "http://localhost/feeds/sections/harbour/rss/" in topics
    assert "http://localhost/feeds/sections/world/atom/?full=1" in topics
    assert "http://localhost/feeds/tags/piers/rss/" in topics


def test_no_ping_without_a_hub(django_capture_on_commit_callbacks: Any) -> None:
    """Without DISTRIBUTION_WEBSUB_HUB nothing is sent, and publishing still works."""
    from masthead.distribution.tasks import ping_websub_hub

    with django_capture_on_commit_callbacks(execute=True):
        tagged_article(make_tag("Piers"))
    assert ping_websub_hub.call(["http://localhost/feeds/rss/"]) == 0


def test_a_refusing_hub_is_reported() -> None:
    """A hub answering with an error, or not answering, raises HubError."""
    with Hub(status=500) as refusing, pytest.raises(HubError, match="500"):
        ping_hub(refusing.url, ["http://localhost/feeds/rss/"])
    with pytest.raises(HubError):
        ping_hub(refusing.url, ["http://localhost/feeds/rss/"])  # Closed: nobody listens.
    with pytest.raises(HubError, match="http"):
        ping_hub("file:///etc/passwd", ["http://localhost/feeds/rss/"])


def test_the_ping_task_returns_the_hubs_status(hub: Hub) -> None:
    """The task posts to the configured hub and returns its answer."""
    from masthead.distribution.tasks import ping_websub_hub

    assert ping_websub_hub.call(["http://localhost/feeds/atom/"]) == 204
    assert hub.pings == [{"hub.mode": ["publish"], "hub.url": ["http://localhost/feeds/atom/"]}]
