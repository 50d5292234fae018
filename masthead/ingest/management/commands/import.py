"""``masthead import <format> PATH... [--dry-run] [--section S] [--json] [--batch-size N]``."""

from __future__ import annotations

import json
import sys
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, OutputWrapper

from masthead.core.arguments import whole_number
from masthead.ingest.actions import (
    CREATED,
    FAILED,
    SKIPPED,
    UPDATED,
    WITHDRAWN,
    Outcome,
    find_section,
)
from masthead.ingest.bulk import BATCH_SIZE
from masthead.ingest.records import RecordError
from masthead.ingest.runner import collect_inputs, import_inputs
from masthead.ingest.sources import FORMATS


def batch_size(text: str) -> int:
    """Return a batch size of at least one record."""
    # 0 or less used to pass and be read as 1: a batch per record, silently.
    return whole_number(text, "the batch size", 1)


class Progress:
    """A one-line progress bar on standard error: inputs read, records done."""

    WIDTH = 30

    def __init__(self, stream: OutputWrapper, total: int, enabled: bool) -> None:
        self.stream, self.total, self.enabled = stream, max(total, 1), enabled

    def show(self, done: int, records: int) -> None:
        """Redraw the bar."""
        if not self.enabled:
            return
        filled = self.WIDTH * done // self.total
        bar = "#" * filled + "-" * (self.WIDTH - filled)
        self.stream.write(f"\r[{bar}] {done}/{self.total} inputs, {records} records", ending="")
        self.stream.flush()

    def close(self) -> None:
        """End the bar's line."""
        if self.enabled:
            self.stream.write("")


class Command(BaseCommand):
    help = "Import articles from text pages, HTML pages, feeds, WordPress exports or ninjs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=sorted(FORMATS))
        parser.add_argument("paths", nargs="+", metavar="PATH", help="Files, directories or -.")
        parser.add_argument("--dry-run", action="store_true", help="Check, write nothing.")
        parser.add_argument("--section", help="Put every article in this section (slug/title).")
        parser.add_argument("--json", action="store_true", help="One JSON object per record.")
        parser.add_argument(
            "--batch-size",
            type=batch_size,
            default=BATCH_SIZE,
            help=f"Records written in one transaction (default {BATCH_SIZE}).",
        )
        parser.add_argument(
            "--progress", action="store_true", help="Show a progress bar even when not a TTY."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        section = None
        if options["section"]:
            try:
                section = find_section(options["section"])
            except RecordError as error:
                raise CommandError(str(error)) from None
        inputs = collect_inputs(options["format"], options["paths"])
        if not inputs:
            raise CommandError(
                f"No {options['format']} files found in {' '.join(options['paths'])}"
            )
        progress = Progress(self.stderr, len(inputs), options["progress"] or self.stderr.isatty())
        counts: Counter[str] = Counter()
        failures: list[Outcome] = []
        shown = -1
        for done, outcome in import_inputs(
            options["format"],
            inputs,
            # None when the process has no standard input (closed): `-` then fails.
            sys.stdin.buffer if sys.stdin is not None else None,
            section=section,
            dry_run=options["dry_run"],
            batch_size=options["batch_size"],
        ):
            counts[outcome.outcome] += 1
            if outcome.outcome == FAILED:
                failures.append(outcome)
            self.report(outcome, options["json"], options["dry_run"])
            if done != shown:  # A batch is done: redraw the bar once for it.
                progress.show(done, sum(counts.values()))
                shown = done
        progress.show(len(inputs), sum(counts.values()))
        progress.close()
        self.summarise(counts, failures, options["dry_run"])
        if failures:
            raise CommandError(f"{len(failures)} record(s) failed", returncode=1)

    def report(self, outcome: Outcome, as_json: bool, dry_run: bool) -> None:
        """Write one line for a record: its outcome and the article's URL (or the error)."""
        if as_json:
            data = outcome.as_json()
            data["dry_run"] = dry_run
            self.stdout.write(json.dumps(data, ensure_ascii=False))
            return
        label = f"{outcome.outcome}{' (dry run)' if dry_run else ''}"
        detail = outcome.error if outcome.outcome == FAILED else outcome.url
        reason = f"\t{outcome.reason}" if outcome.reason else ""
        self.stdout.write(f"{label}\t{detail}\t{outcome.origin}{reason}")

    def summarise(self, counts: Counter[str], failures: list[Outcome], dry_run: bool) -> None:
        """Write the totals and the error report to standard error."""
        kinds = (CREATED, UPDATED, SKIPPED, FAILED, WITHDRAWN)
        totals = ", ".join(f"{counts[kind]} {kind}" for kind in kinds)
        self.stderr.write(f"{'Dry run: ' if dry_run else ''}{totals}")
        if failures:
            self.stderr.write("Errors:")
            for failure in failures:
                self.stderr.write(f"  {failure.origin}: {failure.error}")
