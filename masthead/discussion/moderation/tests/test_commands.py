"""`masthead moderation screen FILE|-` and `masthead moderation standards`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from masthead.discussion.models import Comment

pytestmark = pytest.mark.django_db


def run(*args: str, stdin: object = None) -> str:
    out = io.StringIO()
    call_command("moderation", *args, stdout=out, stderr=io.StringIO(), stdin=stdin)
    return out.getvalue()


def test_screen_json_prints_one_object_per_line(tmp_path: Path) -> None:
    """Each non-empty line gets decision, rule and scores; nothing is saved."""
    source = tmp_path / "comments.txt"
    source.write_text(
        "The budget is wrong and here is why.\n\nk y s\nOnly an idiot believes this\n",
        encoding="utf-8",
    )
    lines = run("screen", "--json", str(source)).splitlines()
    records = [json.loads(line) for line in lines]
    assert [(r["line"], r["decision"], r["rule"]) for r in records] == [
        (1, "approve", ""),
        (3, "reject", "threats"),
        (4, "hold", "attacks"),
    ]
    assert set(records[0]["scores"]) >= {"banned_words", "toxicity", "shouting"}
    assert records[2]["warn"] and records[2]["matched"] == ["idiot"]
    assert not Comment.objects.exists()


def test_screen_reads_standard_input_and_survives_bad_bytes() -> None:
    """`-` reads standard input; undecodable bytes and huge lines do not crash it."""

    class Stdin(io.StringIO):
        buffer = io.BytesIO(b"fine comment\n\xff\xfe broken \xc3\n" + b"a" * 6000 + b"\n")

    out = run("screen", "-", stdin=Stdin())
    lines = out.splitlines()
    assert lines[0].startswith("1: approve") and lines[1].startswith("2: ")
    assert lines[2] == "3: error: longer than 5,000 characters"


def test_screen_refuses_missing_files() -> None:
    """A missing file is a clear command error."""
    with pytest.raises(CommandError, match="No such file"):
        run("screen", "/nonexistent/comments.txt")


@pytest.mark.parametrize("name", ["x" * 5_000, "comments\x00.txt", "/".join(["x" * 250] * 20)])
def test_screen_refuses_paths_no_file_can_have(name: str) -> None:
    """A path too long for the system, or with a NUL byte, is a command error, not a traceback."""
    with pytest.raises(CommandError, match="No such file"):
        run("screen", name)


def test_screen_refuses_a_folder(tmp_path: Path) -> None:
    """A folder is not a file of comments."""
    with pytest.raises(CommandError, match="No such file"):
        run("screen", str(tmp_path))


def test_standards_command_needs_a_site_then_creates_the_page() -> None:
    """Without a home page the command explains; with one it creates the page once."""
    from wagtail.models import Site

    Site.objects.all().delete()
    with pytest.raises(CommandError, match="home page"):
        run("standards")
    from masthead.testing.factories import make_home

    make_home()
    assert "community-standards" in run("standards")
    assert "community-standards" in run("standards")
