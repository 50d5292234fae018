"""The ``masthead`` console script: Django's management commands with our settings."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run a management command (``masthead serve``, ``masthead demo``...)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["masthead", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":  # pragma: no cover
    main()
