"""``masthead scheduler``: publish and expire scheduled pages without a cron job."""

from __future__ import annotations

import logging
import signal
import threading
from functools import partial
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from masthead.core import run_lock
from masthead.core.arguments import positive_seconds

logger = logging.getLogger("masthead.scheduler")
# Held for each run: every machine of a deployment runs a scheduler, and two
# runs at once would both publish a revision that has come due.
SCHEDULER_LOCK = "scheduler"
# Scheduled pages go live late by up to an interval; a day is already too long,
# and much longer waits overflow the platform's time.
MAX_INTERVAL = 86400.0


class Command(BaseCommand):
    help = "Run Wagtail's publish_scheduled every few seconds until stopped."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--interval",
            type=partial(positive_seconds, highest=MAX_INTERVAL),
            default=None,
            help="Seconds between runs.",
        )
        parser.add_argument("--once", action="store_true", help="Run once and exit.")

    def handle(self, *args: Any, **options: Any) -> None:
        interval = options["interval"] or settings.MASTHEAD_SCHEDULER_INTERVAL
        if options["once"]:  # Stopped by a signal like any one-off command (masthead.cli).
            if not self.run_once():
                raise CommandError("Scheduled publishing failed: see the error logged above.")
            return
        # The loop finishes the run under way, then stops.
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
        signal.signal(signal.SIGINT, lambda *_: stop.set())
        while not stop.is_set():
            # A long-lived loop must not keep a connection the database dropped.
            close_old_connections()
            self.run_once()
            stop.wait(interval)

    def run_once(self) -> bool:
        """Publish pages whose go-live time has come and unpublish expired ones; return success.

        Skipped when another scheduler of the deployment (another machine's, on
        PostgreSQL) is running: it publishes what is due, and the next run
        here finds its work committed.
        """
        try:
            with run_lock.held(SCHEDULER_LOCK, wait=False):
                call_command("publish_scheduled", verbosity=0)
        except run_lock.AlreadyRunning:
            logger.debug("Another scheduler is running; leaving this run to it")
        except Exception:  # A bad page must not stop scheduling of the others.
            logger.exception("Scheduled publishing failed; retrying next interval")
            return False
        return True
