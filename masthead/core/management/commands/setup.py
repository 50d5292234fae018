"""``masthead setup``: migrate, collect static files, demo data, dev admin account."""

from __future__ import annotations

import contextlib
import secrets
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from masthead.core import run_lock
from masthead.core.actions import align_default_site
from masthead.newsroom.actions import ensure_home_page, install_newsroom_roles


class Command(BaseCommand):
    help = "Prepare the data directory: migrations, static files, demo newsroom, roles, dev admin."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-demo", action="store_true", help="Do not load the demo newsroom.")

    def handle(self, *args: Any, **options: Any) -> None:
        Path(settings.DATA_DIR).mkdir(parents=True, exist_ok=True)
        with one_setup_at_a_time():
            call_command("migrate", interactive=False, verbosity=0)
            call_command("collectstatic", interactive=False, verbosity=0)
            if not options["no_demo"]:
                call_command("demo", if_empty=True, verbosity=options["verbosity"])
            # Without the demo, the default Site would keep showing Wagtail's
            # "Welcome" placeholder, with nowhere for editors to add sections.
            home = ensure_home_page()
            for line in install_newsroom_roles(home):
                if options["verbosity"] >= 1:
                    self.stdout.write(line)
            if getattr(settings, "MASTHEAD_ALIGN_SITE_WITH_BASE_URL", False):
                align_default_site(settings.WAGTAILADMIN_BASE_URL)
            if getattr(settings, "MASTHEAD_CREATE_DEV_SUPERUSER", False):
                self.ensure_dev_superuser()

    def ensure_dev_superuser(self) -> None:
        """Create the development admin once, and say how to sign in."""
        password_file = Path(settings.DATA_DIR) / "dev-admin-password.txt"
        User = get_user_model()
        with transaction.atomic():
            if not User.objects.filter(is_superuser=True).exists():
                password = secrets.token_urlsafe(12)
                User.objects.create_superuser("admin", "admin@example.invalid", password)
                password_file.write_text(password + "\n")
                password_file.chmod(0o600)
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        self.stdout.write(f"Admin: {base}/admin/  user: admin  password: see {password_file}")


# The advisory lock's number: any fixed 64-bit value no other program on the
# database uses; this one is derived from the command's name.
SETUP_LOCK_KEY = zlib.crc32(b"masthead setup")


@contextlib.contextmanager
def one_setup_at_a_time() -> Iterator[None]:
    """Hold the installation's setup lock while the block runs; wait for it if taken.

    The machines of one deployment may all run ``masthead setup`` as they start,
    and two migrations of one database at once fail (a table the other has just
    created). On PostgreSQL the lock is an advisory lock of the database's
    session, shared by every machine; on SQLite, whose database one machine
    holds, a lock file in the data directory.
    """
    if connection.vendor != "postgresql":
        with run_lock.held("setup"):
            yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [SETUP_LOCK_KEY])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [SETUP_LOCK_KEY])
