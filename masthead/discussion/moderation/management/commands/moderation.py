"""``masthead moderation screen FILE|- [--json]`` and ``masthead moderation standards``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.discussion.moderation.history import NewReader
from masthead.discussion.moderation.matching import current_matcher
from masthead.discussion.moderation.screening import Decision, Submission, screen

MAX_LENGTH = 5000  # the posting limit of a comment


class Command(BaseCommand):
    help = "Screen comments without saving anything, or create the Community standards page."
    stealth_options = ("stdin",)  # tests pass standard input through call_command

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="command", required=True)
        screen_parser = commands.add_parser(
            "screen",
            help="Screen comments, one a line, as a new reader's on an open article.",
        )
        screen_parser.add_argument("file", help="A text file, or - for standard input.")
        screen_parser.add_argument("--json", action="store_true", help="One JSON object a line.")
        commands.add_parser("standards", help="Create the default Community standards page.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["command"] == "standards":
            self.standards()
        else:
            self.screen(options["file"], options["json"], options.get("stdin") or sys.stdin)

    def standards(self) -> None:
        """Create the default standards page if none exists."""
        from masthead.discussion.moderation.actions import ModerationError, ensure_standards_page

        try:
            page = ensure_standards_page()
        except ModerationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(f"Community standards: {page.url or page.url_path}")

    def screen(self, source: str, as_json: bool, stdin: TextIO) -> None:
        """Screen each non-empty line and print its decision."""
        matcher = current_matcher()
        for number, line in read_lines(source, stdin):
            if len(line) > MAX_LENGTH:
                self.emit(as_json, {"line": number, "error": "longer than 5,000 characters"})
                continue
            decision = screen(
                Submission(text=line, author_id=None, author_is_staff=False, article_id=0),
                matcher=matcher,
                history=NewReader(),
            )
            self.emit(as_json, record(number, line, decision))

    def emit(self, as_json: bool, data: dict[str, Any]) -> None:
        """Print one result as JSON or as a readable line."""
        if as_json:
            self.stdout.write(json.dumps(data, ensure_ascii=False))
        elif "error" in data:
            self.stdout.write(f"{data['line']}: error: {data['error']}")
        else:
            scores = " ".join(f"{name}={score:g}" for name, score in data["scores"].items())
            matched = f" matched={','.join(data['matched'])}" if data["matched"] else ""
            self.stdout.write(
                f"{data['line']}: {data['decision']} rule={data['rule'] or '-'}"
                f"{' warn' if data['warn'] else ''}{matched} {scores}"
            )


def record(number: int, text: str, decision: Decision) -> dict[str, Any]:
    """Return the printed record of one decision."""
    matched = [term for r in decision.results for term in r.detail.get("matched", [])]
    return {
        "line": number,
        "decision": decision.verdict,
        "rule": decision.rule,
        "warn": decision.warn,
        "scores": decision.scores(),
        "matched": matched,
        "text": text[:200],
    }


def read_lines(source: str, stdin: TextIO) -> Iterator[tuple[int, str]]:
    """Yield (line number, text) of the non-empty lines of a file or standard input."""
    if source == "-":
        # Read bytes where possible so that undecodable input becomes U+FFFD, not a crash.
        binary = getattr(stdin, "buffer", None)
        lines: Iterable[str | bytes] = binary if binary is not None else stdin
        yield from _decoded(lines)
        return
    path = Path(source)
    try:
        is_file = path.is_file()
    except OSError:  # is_file() raises for a name past the system's limit instead of saying no.
        is_file = False
    if not is_file:
        raise CommandError(f"No such file: {source[:200]}")
    with path.open("rb") as handle:
        yield from _decoded(handle)


def _decoded(lines: Iterable[str | bytes]) -> Iterator[tuple[int, str]]:
    for number, raw in enumerate(lines, start=1):
        text = raw.decode("utf-8", errors="replace") if isinstance(raw, bytes) else raw
        text = text.strip()
        if text:
            yield number, text
