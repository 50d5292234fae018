"""The Redis caches of a multi-machine set-up (REDIS_URL)."""

from __future__ import annotations

from pathlib import Path

import fakeredis
from django.core.cache.backends.redis import RedisCache

from masthead.core.caches import PagesRedisCache
from masthead.core.tests.test_settings import run_masthead


def test_emptying_the_page_cache_keeps_the_default_cache() -> None:
    """A full purge deletes the page cache's keys only, however many.

    Both caches share one Redis database; before, the purge ran FLUSHDB and
    reset every reader's rate-limit counters and cached sessions with it.
    """
    location = "redis://127.0.0.1:6399/0"  # one fake server for both, as one real Redis
    options = {"OPTIONS": {"connection_class": fakeredis.FakeRedisConnection}}
    default = RedisCache(location, options)
    pages = PagesRedisCache(location, {**options, "KEY_PREFIX": "pages"})
    default.set("rl:reader-7", 3, 60)
    default.set("pages-not-really", "kept", 60)  # an unprefixed key that merely looks alike
    pages.set_many({f"page:{n}": b"<html>" for n in range(2500)}, 60)
    pages.clear()
    assert pages.get_many([f"page:{n}" for n in range(2500)]) == {}
    assert default.get("rl:reader-7") == 3
    assert default.get("pages-not-really") == "kept"
    pages.clear()  # nothing left to delete: no error


def test_production_settings_with_redis_load_the_redis_client(tmp_path: Path) -> None:
    """REDIS_URL as docs/deploy.md sets it gives working backends (the client is installed)."""
    code = (
        "from django.core.cache import caches;"
        "pages, default = caches['pages'], caches['default'];"
        "print(type(pages).__name__, type(default).__name__, type(pages._cache).__name__)"
    )
    result = run_masthead(
        ["shell", "-c", code],
        tmp_path,
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-value-123456",
        ALLOWED_HOSTS="news.example.org",
        REDIS_URL="redis://127.0.0.1:6399/0",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-3:] == ["PagesRedisCache", "RedisCache", "RedisCacheClient"]
