"""Request helpers shared by the project's tests."""

from __future__ import annotations

from typing import Any
from wsgiref.util import setup_testing_defaults

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from masthead.core.page_cache import purge_urls


def wsgi_get(path: str, **environ: str) -> tuple[str, dict[str, str], bytes]:
    """Call the production WSGI application and return status, headers and body."""
    from masthead.wsgi import application

    env: dict[str, object] = {"PATH_INFO": path, "HTTP_HOST": "testserver", **environ}
    setup_testing_defaults(env)
    captured: dict[str, Any] = {}

    def start_response(
        status: str, headers: list[tuple[str, str]], exc_info: object = None
    ) -> None:
        captured["status"], captured["headers"] = status, dict(headers)

    body = b"".join(application(env, start_response))
    return str(captured["status"]), dict(captured["headers"]), body


def count_queries(client: Client, url: str) -> int:
    """Return the queries of one request for a page not in the page cache.

    The shared lookups (site, sections, identity) stay cached as they do in
    production, and image renditions already exist.
    """
    for _ in range(2):  # The first view may create the site identity, which purges.
        client.get(url)
        purge_urls([f"http://testserver{url}"])
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)
