"""``masthead export ninjs [--section S] [--limit N] [--all] [--restricted] [--output FILE]``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from masthead.core.files import atomic_writer
from masthead.distribution.ninjs import NINJS_VERSION, article_to_ninjs
from masthead.ingest.actions import find_section
from masthead.ingest.records import RecordError
from masthead.newsroom.models import ArticlePage
from masthead.newsroom.queries import public_pages

BATCH = 200
# The largest LIMIT every supported database takes (SQLite's is a signed 64-bit integer).
MAX_LIMIT = 2**63 - 1


class Command(BaseCommand):
    help = "Export articles as IPTC ninjs 3, one JSON object per line (JSON Lines)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=["ninjs"])
        parser.add_argument("--section", help="Only this section's articles (slug or title).")
        parser.add_argument("--limit", type=int, help="At most this many, newest first.")
        parser.add_argument("--all", action="store_true", help="Drafts too (as withheld).")
        parser.add_argument(
            "--restricted",
            action="store_true",
            help="Articles readers may not see too (behind a view restriction or past their"
            " expiry time), for a backup: not for partners.",
        )
        parser.add_argument("--output", help="Write to this file instead of standard output.")

    def handle(self, *args: Any, **options: Any) -> None:
        articles = ArticlePage.objects.all() if options["all"] else ArticlePage.objects.live()
        if not options["restricted"]:
            # What the public may see, as /api/ninjs/<id>/ serves: an export goes to partners.
            articles = public_pages(articles)
        if options["section"]:
            try:
                articles = articles.child_of(find_section(options["section"]))
            except RecordError as error:
                raise CommandError(str(error)) from None
        if options["limit"] is not None:
            if not 0 <= options["limit"] <= MAX_LIMIT:
                raise CommandError(f"--limit must be from 0 to {MAX_LIMIT}")
            articles = articles.order_by("-first_published_at", "-pk")[: options["limit"]]
        else:
            articles = articles.order_by("-first_published_at", "-pk")
        if options["output"]:
            if "\x00" in options["output"]:  # open() would raise ValueError, not OSError.
                raise CommandError(f"cannot write {options['output']!r}: it has a NUL byte")
            try:
                with atomic_writer(Path(options["output"])) as handle:
                    count = self.write(articles, OutputWrapper(handle))
            except OSError as error:
                raise CommandError(f"cannot write {options['output']}: {error.strerror}") from None
        else:
            count = self.write(articles, self.stdout)
        self.stderr.write(f"Exported {count} article(s) as ninjs {NINJS_VERSION}.")

    def write(self, articles: Any, stream: OutputWrapper) -> int:
        """Write each article as one line of JSON; return how many."""
        count = 0
        for article in articles.iterator(chunk_size=BATCH):
            stream.write(json.dumps(article_to_ninjs(article), ensure_ascii=False))
            count += 1
        return count
