"""``masthead synth --articles N``: append a synthetic corpus of articles for benchmarks."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from masthead.newsroom.synth import DEFAULT_BATCH_SIZE, create_synthetic_corpus


class Command(BaseCommand):
    help = (
        "Append N published articles in labelled story threads (ground truth in "
        "<DATA_DIR>/synth/threads.jsonl), for benchmarks."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--articles", type=int, required=True, help="How many articles.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--days", type=int, default=365, help="Spread publication over this many past days."
        )
        parser.add_argument(
            "--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="Articles per transaction."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for name in ("articles", "days", "batch_size"):
            if options[name] < 1:
                flag = "--" + name.replace("_", "-")
                raise CommandError(f"{flag} must be a positive whole number, got {options[name]}.")
        summary = create_synthetic_corpus(
            options["articles"],
            seed=options["seed"],
            days=options["days"],
            batch_size=options["batch_size"],
            progress=self.report_progress,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {summary.articles:,} articles in {summary.threads:,} threads "
                f"(numbers {summary.first_thread} to {summary.first_thread + summary.threads - 1}) "
                f"in {summary.seconds:.1f} s; labels appended to {summary.labels_path}"
            )
        )

    def report_progress(self, done: int, total: int, seconds: float) -> None:
        """Print how far the run has got."""
        self.stdout.write(f"  {done:,} / {total:,} articles ({seconds:.1f} s)")
