"""Helpers of the import tests: run the command, find fixtures."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass
class Run:
    """The result of one ``masthead import`` run."""

    stdout: str
    stderr: str
    failed: bool

    def records(self) -> list[dict[str, Any]]:
        """Return the ``--json`` lines as objects."""
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]


def run_import(*args: str) -> Run:
    """Run ``masthead import`` in-process; a failing run is reported, not raised."""
    stdout, stderr = io.StringIO(), io.StringIO()
    failed = False
    try:
        call_command("import", *args, stdout=stdout, stderr=stderr)
    except CommandError as error:
        failed = True
        stderr.write(str(error))
    return Run(stdout.getvalue(), stderr.getvalue(), failed)


def fixture(*parts: str) -> str:
    """Return the path of a fixture file or directory."""
    return str(FIXTURES.joinpath(*parts))
