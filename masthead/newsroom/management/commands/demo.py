"""``masthead demo``: load the fictional Averly Coast newsroom, once."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from wagtail import hooks

from masthead.newsroom.demo.loader import has_articles, load_demo


class Command(BaseCommand):
    help = "Load the demo newsroom (sections, authors, articles, images). Safe to run twice."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if any article already exists.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and has_articles():
            self.stdout.write("Demo newsroom not loaded: the site already has articles.")
            return
        started = time.monotonic()
        summary = load_demo()
        # Other apps (tags, short links...) enrich the demo without newsroom knowing them.
        for hook in hooks.get_hooks("after_demo_load"):
            hook(self.stdout)
        elapsed = time.monotonic() - started
        self.stdout.write(f"Demo newsroom loaded in {elapsed:.1f}s: created {summary}.")
