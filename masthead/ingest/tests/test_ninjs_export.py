"""The ninjs 3 export of articles validates against the official IPTC schema."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from masthead.distribution.ninjs import article_to_ninjs
from masthead.ingest.records import ArticleRecord
from masthead.ingest.sources import FORMATS
from masthead.ingest.tests.helpers import run_import
from masthead.ingest.tests.schema import ninjs_errors
from masthead.newsroom.models import ArticlePage
from masthead.tagging.actions import find_or_create_tag, set_article_tags
from masthead.testing.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def test_article_exports_as_valid_ninjs_3() -> None:
    """Headline, lead, body, quote, authors and typed tags land in their ninjs places."""
    author = make_author("Oda Brenn")
    article = make_article(
        title="Lantern parade returns to Quillby",
        standfirst="The parade comes back after four years.",
        body=[
            ("paragraph", "<p>Crowds <b>lined</b> the quay.</p>"),
            (
                "quote",
                {"text": "It was worth the wait.", "speaker": "Pell Amsel", "attribution": "said"},
            ),
        ],
        authors=[author],
    )
    set_article_tags(
        article,
        [find_or_create_tag("Pell Amsel", "person"), find_or_create_tag("Quillby", "place")],
    )
    item = article_to_ninjs(article)
    assert ninjs_errors(item) == []
    assert item["headlines"][0]["value"] == "Lantern parade returns to Quillby"
    assert item["descriptions"][0]["value"] == "The parade comes back after four years."
    assert "<b>lined</b>" in item["bodies"][0]["value"]
    assert (
        "<blockquote><p>It was worth the wait.</p><footer>Pell Amsel said</footer>"
        in item["bodies"][0]["value"]
    )
    assert item["by"] == "Oda Brenn"
    assert item["people"] == [{"name": "Pell Amsel", "rel": "about", "literal": "pell-amsel"}]
    assert item["places"][0]["name"] == "Quillby"
    assert item["firstCreated"].endswith("Z")


def test_schema_check_is_real() -> None:
    """The validator refuses a broken object, so the test above could fail."""
    assert ninjs_errors({"uri": "not a uri", "type": "essay", "headlines": "x"})
    assert ninjs_errors({"headlines": []})


def test_export_command_writes_valid_json_lines_that_import_reads(tmp_path: Path) -> None:
    """`masthead export ninjs` writes one valid ninjs 3 object a line; the ninjs reader agrees."""
    first = make_article(title="Quillby lido opens for the summer")
    make_article(title="Draft about the weir", publish=False)
    out = io.StringIO()
    call_command("export", "ninjs", stdout=out, stderr=io.StringIO())
    items = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [item["headlines"][0]["value"] for item in items] == [first.title]
    assert all(ninjs_errors(item) == [] for item in items)
    everything = io.StringIO()
    call_command("export", "ninjs", "--all", stdout=everything, stderr=io.StringIO())
    lines = everything.getvalue().splitlines()
    assert {json.loads(line)["pubStatus"] for line in lines} == {"usable", "withheld"}
    path = tmp_path / "export.jsonl"
    path.write_text(everything.getvalue(), encoding="utf-8")
    records = list(FORMATS["ninjs"].parser()(path.read_bytes(), str(path)))
    assert sorted(r.title for r in records) == ["Draft about the weir", first.title]  # type: ignore[union-attr]
    assert [r.is_draft for r in records if r.title == first.title] == [False]  # type: ignore[union-attr]


def test_export_refuses_bad_options() -> None:
    """An unknown section or a negative limit is a clear command error."""
    with pytest.raises(CommandError, match="no section"):
        call_command("export", "ninjs", "--section", "nowhere", stdout=io.StringIO())
    with pytest.raises(CommandError, match="--limit"):
        call_command("export", "ninjs", "--limit", "-1", stdout=io.StringIO())


def test_export_with_line_separators_reads_back(tmp_path: Path) -> None:
    """Text holding U+2028, U+2029 or U+0085 survives export and import as JSON Lines.

    Before the fix the reader split lines with str.splitlines(), which also breaks
    at those characters (json.dumps leaves them unescaped), so the whole file failed.
    """
    make_article(title="Quillby weir to be repaired", standfirst="Work starts\u2028in May.")
    make_article(title="Lido\u2029queue", standfirst="Queues\x85at the gate.")
    out = io.StringIO()
    call_command("export", "ninjs", stdout=out, stderr=io.StringIO())
    data = out.getvalue().encode("utf-8")
    records = list(FORMATS["ninjs"].parser()(data, "export.jsonl"))
    assert sorted(r.title for r in records) == ["Lido queue", "Quillby weir to be repaired"]  # type: ignore[union-attr]


def test_one_broken_json_line_fails_alone() -> None:
    """A line that is not JSON fails its own record; the other lines import."""
    good = json.dumps(
        {"uri": "https://wire.example/1", "headline": "Weir repaired", "body_text": "Done."}
    )
    data = f"{good}\n{{not json\n".encode()
    first, second = FORMATS["ninjs"].parser()(data, "wire.jsonl")
    assert first.title == "Weir repaired"  # type: ignore[union-attr]
    assert second.origin == "wire.jsonl#2"
    assert "not JSON or JSON Lines" in second.message  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--limit", "9" * 30, "--limit"),
        ("--output", "export\x00.jsonl", "cannot write"),
        ("--output", "x" * 5_000, "cannot write"),
        ("--section", "news\x00", "no section"),
    ],
    ids=["huge-limit", "nul-output", "long-output", "nul-section"],
)
def test_export_refuses_hostile_options_clearly(option: str, value: str, message: str) -> None:
    """A limit no database can hold, or an output path no file can have, is a command error."""
    make_article(title="Ferry timetable changes")
    with pytest.raises(CommandError, match=message):
        call_command("export", "ninjs", option, value, stdout=io.StringIO(), stderr=io.StringIO())


def test_an_export_that_fails_halfway_keeps_the_previous_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--output is replaced only by a whole export; one stopped halfway leaves no trace.

    Before, the file was truncated first and written line by line, so a failure
    (or Ctrl-C) part way left yesterday's export overwritten by half of today's.
    """
    make_article(title="Quillby ferry runs late")
    make_article(title="Quillby lido closes early")
    path = tmp_path / "export.jsonl"
    path.write_text("yesterday's export\n", encoding="utf-8")
    written: list[object] = []

    def fail_on_the_second(article: object) -> dict[str, object]:
        if written:
            raise KeyboardInterrupt
        written.append(article)
        return article_to_ninjs(article)  # type: ignore[arg-type]

    monkeypatch.setattr(
        "masthead.ingest.management.commands.export.article_to_ninjs", fail_on_the_second
    )
    with pytest.raises(KeyboardInterrupt):
        call_command("export", "ninjs", "--output", str(path), stderr=io.StringIO())
    assert path.read_text(encoding="utf-8") == "yesterday's export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.jsonl"]
    monkeypatch.undo()
    call_command("export", "ninjs", "--output", str(path), stderr=io.StringIO())
    assert len(path.read_text(encoding="utf-8").splitlines()) == 2


def test_export_leaves_out_what_readers_may_not_see() -> None:
    """Articles behind a view restriction (on them or a section above) or past their expiry
    time are left out of the export unless `--restricted` asks for them.

    Before the fix they were exported as ``pubStatus: usable`` while /api/ninjs/<id>/
    refused them, so an export sent to a partner leaked members-only pieces.
    """
    from wagtail.models import PageViewRestriction

    public = make_article(title="Quillby bandstand repainted")
    locked = make_article(title="Members' briefing on the Quillby harbour budget")
    PageViewRestriction.objects.create(
        page=locked, restriction_type=PageViewRestriction.PASSWORD, password="brine"
    )
    members = make_section("Members")
    PageViewRestriction.objects.create(page=members, restriction_type=PageViewRestriction.LOGIN)
    below = make_article(members, title="Inside the Quillby council papers")
    expired = make_article(title="Quillby fair tickets on sale")
    ArticlePage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - dt.timedelta(days=1)
    )

    def titles(*options: str) -> set[str]:
        out = io.StringIO()
        call_command("export", "ninjs", *options, stdout=out, stderr=io.StringIO())
        return {json.loads(line)["headlines"][0]["value"] for line in out.getvalue().splitlines()}

    assert titles() == {public.title}
    assert titles("--section", "members") == set()
    assert titles("--all") == {public.title}
    assert titles("--restricted") == {public.title, locked.title, below.title, expired.title}


def test_an_export_imported_again_keeps_sections_and_slugs(tmp_path: Path) -> None:
    """Each article of an export comes back in its section under its own slug.

    A section the site lacks is not created: its article goes where it went
    before (keeping its slug), and the report says which section was missing. A
    slug taken meanwhile is numbered, as Wagtail numbers slugs. Before the fix every
    article landed in the default section with a slug made from its headline.
    """
    sport, weather = make_section("Sport", slug="sport"), make_section("Weather", slug="weather")
    live = make_article(sport, title="Quillby rowers win the estuary cup", slug="rowing-cup")
    draft = make_article(sport, title="Draft about the boathouse", slug="boathouse", publish=False)
    storm = make_article(weather, title="Gales expected on Orrin", slug="orrin-gales")
    set_article_tags(live, [find_or_create_tag("Rowing", "topic")])  # The batch path.
    path = tmp_path / "export.jsonl"
    call_command("export", "ninjs", "--all", "--output", str(path), stderr=io.StringIO())
    for article in (live, draft, storm):
        ArticlePage.objects.get(pk=article.pk).delete()
    weather.delete()
    make_article(sport, title="Boathouse roof mended", slug="boathouse")  # A slug since taken.

    run = run_import("ninjs", str(path), "--json")
    by_title = {r["title"]: r for r in run.records()}
    assert [r["outcome"] for r in by_title.values()] == ["created"] * 3
    placed = {a.title: (a.get_parent().slug, a.slug) for a in ArticlePage.objects.all()}
    assert placed[live.title] == ("sport", "rowing-cup")
    assert placed[draft.title] == ("sport", "boathouse-2")
    assert placed[storm.title] == ("news", "orrin-gales")
    assert by_title[storm.title]["reason"] == "no section 'weather': put in News"
    assert "reason" not in by_title[live.title]


def test_other_sources_sluglines_are_not_slugs() -> None:
    """A wire's slugline (a catchword, of whatever type) neither names the slug nor fails."""
    item = {
        "uri": "https://wire.example/sport/ferry-cup/",
        "slugline": ["FERRY-CUP"],
        "headline": "Ferry cup goes to Quillby",
        "description_text": "Quillby won the ferry cup.",
    }
    (record,) = FORMATS["ninjs"].parser()(json.dumps(item).encode(), "wire.json")
    assert isinstance(record, ArticleRecord), record
    assert (record.slug, record.section_slug) == ("", "")
