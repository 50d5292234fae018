"""Settings of the import app, each with its default."""

from __future__ import annotations

from django.conf import settings

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_bytes() -> int:
    """Return the largest input file (or standard input) an importer reads, in bytes."""
    return int(getattr(settings, "INGEST_MAX_BYTES", DEFAULT_MAX_BYTES))


def default_section() -> tuple[str, str]:
    """Return the (title, slug) of the section for records that name none."""
    title = str(getattr(settings, "INGEST_DEFAULT_SECTION_TITLE", "News"))
    slug = str(getattr(settings, "INGEST_DEFAULT_SECTION_SLUG", "news"))
    return title, slug
