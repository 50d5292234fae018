"""Cache backends the project configures in settings."""

from __future__ import annotations

from typing import Any

from diskcache import DjangoCache
from django.core.cache.backends.redis import RedisCache

CLEAR_BATCH = 1000  # keys deleted per command when the page cache is emptied


class SharedDiskCache(DjangoCache):  # type: ignore[misc]
    """DiskCache's Django backend, keeping its SQLite connections between requests.

    Django closes every cache when a request finishes; DiskCache then closes
    its connections, and opening them again (with their pragmas) cost more
    than the reads and writes of the request itself (about 1.7 ms a post).
    DiskCache keeps one connection per thread, so leaving them open is safe.
    """

    def close(self, **kwargs: Any) -> None:
        """Keep the connections open (see the class docstring)."""


class PagesRedisCache(RedisCache):
    """Django's Redis cache for the page cache: ``clear()`` deletes only its own keys.

    The page cache shares its Redis database with the default cache (rate-limit
    counters, sessions). Django's ``clear()`` runs FLUSHDB, so every full purge
    (a section published, a tag renamed) would also reset readers' rate limits
    and drop the cached half of their sessions.
    """

    def clear(self) -> None:
        """Delete every key under this cache's prefix, in batches (SCAN, never KEYS)."""
        client = self._cache.get_client(write=True)  # type: ignore[attr-defined]  # not in the stubs
        pattern = self.make_key("*")  # "<prefix>:<version>:*"
        batch: list[bytes] = []
        for key in client.scan_iter(match=pattern, count=CLEAR_BATCH):
            batch.append(key)
            if len(batch) >= CLEAR_BATCH:
                client.delete(*batch)
                batch.clear()
        if batch:
            client.delete(*batch)
