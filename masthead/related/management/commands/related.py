"""``masthead related show URL [--json]`` and ``masthead related rebuild``."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from masthead.related.lookup import ArticleNotFound, article_for_url
from masthead.related.queries import explained_list

BAR_WIDTH = 30
STAGES = ("counting", "indexing", "ranking")


class Command(BaseCommand):
    help = "Show an article's related headlines with their reasons, or rebuild every list."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True, metavar="{show,rebuild}")
        show = commands.add_parser("show", help="Print an article's related list and reasons.")
        show.add_argument("url", help="The article's URL or path, e.g. /world/harbour-vote/.")
        show.add_argument("--json", action="store_true", help="Print one JSON object.")
        commands.add_parser("rebuild", help="Recompute the index and every list.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "show":
            self.show(options["url"], as_json=options["json"])
        else:
            self.rebuild()

    def show(self, url: str, as_json: bool) -> None:
        """Print the list of the article at url."""
        try:
            article = article_for_url(url)
        except ArticleNotFound as error:
            raise CommandError(str(error)) from error
        entries = explained_list(article.pk)
        if as_json:
            payload = {
                "url": article.get_full_url() or article.url_path,
                "headline": article.title,
                "related": [entry.as_json() for entry in entries],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{article.title}\n{article.get_full_url() or article.url_path}")
        if not entries:
            self.stdout.write("No related headlines.")
        for entry in entries:
            line = entry.as_json()
            self.stdout.write(f"{line['position']}. {line['headline']}  {line['url']}")
            self.stdout.write(f"   {describe(line)}")

    def rebuild(self) -> None:
        """Rebuild everything, with a progress bar."""
        from masthead.core.run_lock import AlreadyRunning
        from masthead.related.rebuild import rebuild

        try:
            summary = rebuild(progress=self.report_progress)
        except AlreadyRunning:
            raise CommandError(
                "Another rebuild of the related lists is running: try again when it has finished."
            ) from None
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(
                f"Rebuilt related lists of {summary.lists:,} articles "
                f"({summary.terms:,} terms, {summary.postings:,} postings) "
                f"in {summary.seconds:.1f} s."
            )
        )

    def report_progress(self, stage: str, done: int, total: int) -> None:
        """Draw the progress bar of one stage."""
        fraction = done / total if total else 1.0
        filled = round(BAR_WIDTH * fraction)
        step = STAGES.index(stage) + 1 if stage in STAGES else 0
        bar = "#" * filled + "." * (BAR_WIDTH - filled)
        self.stdout.write(
            f"\r{step}/{len(STAGES)} {stage:<9} [{bar}] {fraction:4.0%} {done:,}/{total:,}",
            ending="",
        )
        if done >= total:
            self.stdout.write("")
        self.stdout.flush()


def describe(line: dict[str, Any]) -> str:
    """Return the one-line reason of a list line."""
    if line["source"] == "editor":
        return "editor's pick"
    reasons = line["reasons"]
    parts = [f"score {line['score']:.3f}"]
    for label, name in (
        ("tags", "shared_tags"),
        ("names", "shared_entities"),
        ("terms", "shared_terms"),
    ):
        if reasons.get(name):
            parts.append(f"{label}: {', '.join(reasons[name])}")
    return "; ".join(parts)
