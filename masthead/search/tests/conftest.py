"""Fixtures of the search tests."""

from __future__ import annotations

import pytest

from masthead.search import direct


@pytest.fixture(params=["configured", "wagtail"])
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test on the configured path and on Wagtail's generic search path.

    On SQLite the configured path is the direct FTS5 query; the generic path is
    what PostgreSQL, OpenSearch and Elasticsearch take, so its filters are
    checked against the FilterFields Wagtail needs on every backend.
    """
    if request.param == "wagtail":
        monkeypatch.setattr(direct, "is_available", lambda: False)
    return str(request.param)
