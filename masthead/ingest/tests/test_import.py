"""Importing each format's fixtures makes normal articles; importing again changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils.html import escape
from wagtail.models import Revision

from masthead.ingest.models import ImportedArticle, RelatedHeadline
from masthead.ingest.tests.helpers import fixture, run_import
from masthead.newsroom.models import ArticlePage, SectionPage
from masthead.tagging.models import Tag, TagAlias
from masthead.testing.factories import make_home, make_section

pytestmark = pytest.mark.django_db

EXPECTED = {
    "textpage": 3,
    "html": 2,
    "feed": 3,
    "wxr": 2,
    "ninjs": 3,
}


def page_html(article: ArticlePage) -> str:
    """Return the article's public page."""
    response = Client().get(article.url)
    assert response.status_code == 200
    return response.content.decode()


def assert_renders_with_parts(article: ArticlePage) -> None:
    """Check an imported article's page shows the reference page's parts in order."""
    html = page_html(article)
    parts = [
        'class="dateline__published"',  # dateline
        'class="short-url"',  # Get short URL
        f'<h1 class="article__headline">{escape(article.title)}</h1>',  # headline
        f'<p class="article__standfirst">{escape(article.standfirst)}</p>',  # lead
    ]
    positions = [html.find(part) for part in parts]
    assert -1 not in positions, (article.title, parts, positions)
    assert positions == sorted(positions)
    if article.tag_links.exists():  # type: ignore[attr-defined]
        assert html.find('class="article__tags"') > positions[-1]
    for block in article.body:
        if block.block_type == "quote":
            assert f'<cite class="quote__speaker">{escape(block.value["speaker"])}</cite>' in html


@pytest.mark.parametrize("fmt", sorted(EXPECTED))
def test_each_format_imports_and_reimport_changes_nothing(fmt: str) -> None:
    """Every fixture becomes an article; a second run skips them all and adds no revision."""
    make_home()
    first = run_import(fmt, fixture(fmt), "--json")
    assert not first.failed, first.stderr
    outcomes = first.records()
    assert [o["outcome"] for o in outcomes] == ["created"] * EXPECTED[fmt]
    assert all(o["url"].startswith("http") for o in outcomes)
    for article in ArticlePage.objects.live():
        assert_renders_with_parts(article)
    revisions = Revision.objects.count()
    pages = ArticlePage.objects.count()
    again = run_import(fmt, fixture(fmt), "--json")
    assert [o["outcome"] for o in again.records()] == ["skipped"] * EXPECTED[fmt]
    assert Revision.objects.count() == revisions
    assert ArticlePage.objects.count() == pages
    assert f"0 created, 0 updated, {EXPECTED[fmt]} skipped, 0 failed" in again.stderr


def test_textpage_renders_with_the_reference_page_parts() -> None:
    """Dateline, headline, lead, quote with speaker and tag line appear; chrome does not."""
    make_home()
    run = run_import("textpage", fixture("textpage", "library-vote.txt"))
    assert not run.failed, run.stderr
    article = ArticlePage.objects.get(title="Brackwater Library Vote Splits Town Council")
    assert article.first_published_at == dt.datetime(2023, 6, 2, 16, 20, tzinfo=dt.UTC)
    assert not article.needs_review
    html = page_html(article)
    assert "Brackwater Library Vote Splits Town Council" in html
    assert "voted by a single vote" in html
    assert '<cite class="quote__speaker">Ivo Danner</cite>' in html
    assert "A library is not a filing cabinet." in html
    assert '<cite class="quote__speaker">Maren Toft</cite>' in html
    for chrome in ("Get short URL", "Community standardsDiscussion"):
        assert chrome not in str(article.body.raw_data)
    body = str(article.body.raw_data) + article.standfirst
    assert "Listen Live" not in body and "Community standards" not in body
    tags = [link.tag.name for link in article.tag_links.order_by("sort_order")]
    assert tags == [
        "Brackwater Town Council",
        "libraries",
        "Maren Toft",
        "Ivo Danner",
        "Brackwater",
    ]
    assert Tag.objects.get(name="Maren Toft").kind == "person"
    assert "/tags/" in html


def test_missing_headline_is_derived_and_flagged() -> None:
    """A page without a headline gets one from its lead and is flagged for review."""
    make_home()
    run_import("textpage", fixture("textpage", "bridge-glued.txt"))
    article = ArticlePage.objects.get()
    assert article.needs_review
    assert article.title.startswith("Engineers inspecting the Brackwater swing bridge")
    assert article.title.endswith("…")
    assert article.first_published_at == dt.datetime(2024, 3, 14, 9, 40, tzinfo=dt.UTC)


def test_glued_dateline_with_update_time_and_zone() -> None:
    """ "7:05pm CET Updated 8:30pm CET" glued to "Listen Live" gives both times in UTC."""
    make_home()
    run_import("textpage", fixture("textpage", "ferry-fares.txt"))
    article = ArticlePage.objects.get()
    assert article.title == "Kellmoor Ferry Fares to Rise in Autumn"
    assert article.first_published_at == dt.datetime(2024, 2, 21, 18, 5, tzinfo=dt.UTC)
    assert article.last_updated_at == dt.datetime(2024, 2, 21, 19, 30, tzinfo=dt.UTC)
    tags = [link.tag.name for link in article.tag_links.order_by("sort_order")]
    assert tags[-1] == "transport"


def test_tags_go_through_aliases() -> None:
    """A tag-line name that is an alias of a tag gets that tag, not a new one."""
    make_home()
    council = Tag(name="Brackwater Borough Council", kind="organisation")
    council.save()
    TagAlias(tag=council, name="Brackwater Town Council").save()
    run_import("textpage", fixture("textpage", "library-vote.txt"))
    article = ArticlePage.objects.get()
    assert article.tag_links.order_by("sort_order").first().tag == council
    assert not Tag.objects.filter(name="Brackwater Town Council").exists()


def test_related_headlines_link_now_and_when_their_articles_arrive() -> None:
    """Known headlines link at once; unknown ones wait and link when the article arrives."""
    make_home()
    run_import("textpage", fixture("textpage", "library-vote.txt"))
    library = ArticlePage.objects.get()
    waiting = RelatedHeadline.objects.filter(article=library).order_by("position")
    assert [r.headline for r in waiting] == [
        "Kellmoor Ferry Fares to Rise in Autumn",
        "Brackwater Bridge Closed to Lorries",
    ]
    assert not any(r.is_resolved for r in waiting)
    run_import("textpage", fixture("textpage", "ferry-fares.txt"))
    ferry = ArticlePage.objects.get(title="Kellmoor Ferry Fares to Rise in Autumn")
    first = RelatedHeadline.objects.get(article=library, position=0)
    assert first.target == ferry
    # The ferry page lists the library vote, which already exists: linked on import.
    assert RelatedHeadline.objects.get(article=ferry, position=0).target == library
    # Both went to the related app as editor picks, in the page's order.
    assert [p.target_id for p in library.related_picks.all()] == [ferry.pk]  # type: ignore[attr-defined]
    assert "Kellmoor Ferry Fares to Rise in Autumn" in page_html(
        ArticlePage.objects.get(pk=library.pk)
    )


def test_changed_record_updates_the_same_article(tmp_path: Path) -> None:
    """Re-importing an edited page updates its article in place (same key, new text)."""
    make_home()
    page = tmp_path / "ferry.txt"
    original = Path(fixture("textpage", "ferry-fares.txt")).read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    run_import("textpage", str(page))
    article = ArticlePage.objects.get()
    page.write_text(original.replace("frozen", "held"), encoding="utf-8")
    run = run_import("textpage", str(page), "--json")
    assert [o["outcome"] for o in run.records()] == ["updated"]
    article.refresh_from_db()
    assert ArticlePage.objects.count() == 1
    assert "will be held until" in str(article.body.raw_data)
    assert article.first_published_at == dt.datetime(2024, 2, 21, 18, 5, tzinfo=dt.UTC)


def test_dry_run_writes_nothing_but_reports() -> None:
    """--dry-run reports what would happen and leaves no article, tag or record."""
    make_home()
    run = run_import("textpage", fixture("textpage"), "--dry-run", "--json")
    assert [o["outcome"] for o in run.records()] == ["created"] * 3
    assert all(o["dry_run"] and o["id"] is None for o in run.records())
    assert not ArticlePage.objects.exists()
    assert not ImportedArticle.objects.exists()
    assert not Tag.objects.exists()


def test_section_option_and_wxr_categories() -> None:
    """--section puts everything in one section; without it, WordPress categories decide."""
    make_home()
    run_import("wxr", fixture("wxr", "export.xml"))
    rowing = ArticlePage.objects.get(title="Fenmarch Rowers Take the River Cup")
    assert rowing.get_parent().title == "Sport"
    assert rowing.live and rowing.article_authors.get().author.name == "Tessa Tarrant"  # type: ignore[attr-defined]
    draft = ArticlePage.objects.get(title="Plans for a Second Footbridge Over the Fen")
    assert not draft.live and draft.first_published_at is None
    assert not ArticlePage.objects.filter(title="About the Gazette").exists()
    culture = make_section("Culture", slug="culture")
    run = run_import("html", fixture("html"), "--section", "culture")
    assert not run.failed
    assert ArticlePage.objects.child_of(culture).count() == 2
    assert run_import("html", fixture("html"), "--section", "no-such").failed


def test_unknown_section_name_in_record_creates_it() -> None:
    """A record naming a new section (JSON-LD articleSection) gets that section created."""
    make_home()
    run_import("html", fixture("html", "newsarticle-jsonld.html"))
    article = ArticlePage.objects.get()
    assert SectionPage.objects.get(slug="culture") == article.get_parent().specific
    assert article.article_authors.get().author.name == "Wren Hollis"  # type: ignore[attr-defined]
    assert article.first_published_at == dt.datetime(2024, 4, 6, 18, 45, tzinfo=dt.UTC)
    html = page_html(article)
    assert "Kellmoor Choir Wins Regional Title" in html
    assert "Choir triumph (social headline)" not in html
    assert '<cite class="quote__speaker">Signe Alder</cite>' in html
    assert "Most read" not in str(article.body.raw_data)


def test_text_output_and_failure_exit(tmp_path: Path) -> None:
    """Text output is one line per record; a failed record makes the run fail and is reported."""
    make_home()
    (tmp_path / "good.txt").write_bytes(Path(fixture("textpage", "ferry-fares.txt")).read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    run = run_import("textpage", str(tmp_path))
    lines = run.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("failed\tempty file\t")
    assert lines[1].startswith("created\thttp")
    assert run.failed
    assert "1 created, 0 updated, 0 skipped, 1 failed" in run.stderr
    assert "empty.txt: empty file" in run.stderr


def test_exit_code_and_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    """`masthead import textpage -` reads standard input; failures exit with status 1."""
    from django.core.management import ManagementUtility
    from django.db import connections

    # The command closes connections when done; the test's transaction needs its own.
    monkeypatch.setattr(connections, "close_all", lambda: None)
    make_home()
    data = Path(fixture("textpage", "library-vote.txt")).read_bytes()
    stdin = io.TextIOWrapper(io.BytesIO(data))
    monkeypatch.setattr(sys, "stdin", stdin)
    ManagementUtility(["masthead", "import", "textpage", "-"]).execute()
    assert ArticlePage.objects.filter(title__startswith="Brackwater Library").exists()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x00\x01\x02" * 100)))
    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["masthead", "import", "textpage", "-"]).execute()
    assert exit_info.value.code == 1


def test_import_runs_with_standard_input_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    """With standard input closed, files import and `-` fails as a record, clearly.

    Before, any import run with standard input closed (`<&-`, some supervisors)
    stopped with an AttributeError traceback, even one that never read it.
    """
    make_home()
    monkeypatch.setattr(sys, "stdin", None)
    run = run_import("textpage", fixture("textpage", "library-vote.txt"), "-")
    assert run.stdout.splitlines()[0].startswith("created\thttp")
    assert run.stdout.splitlines()[1] == "failed\tstandard input is closed\t-"
    assert run.failed


def test_feed_full_text_and_authors() -> None:
    """RSS content:encoded and Atom content give the full text; authors are credited."""
    make_home()
    run_import("feed", fixture("feed"))
    lido = ArticlePage.objects.get(title="Quillby Reopens Its Lido After Forty Years")
    quote = next(b for b in lido.body if b.block_type == "quote")
    assert quote.value["speaker"] == "Emil Sandor"
    assert lido.article_authors.get().author.name == "Pia Marlow"  # type: ignore[attr-defined]
    keeper = ArticlePage.objects.get(title__startswith="Saltmere Lighthouse")
    assert keeper.first_published_at == dt.datetime(2024, 9, 2, 7, 0, tzinfo=dt.UTC)
    assert "winding every four hours" in str(keeper.body.raw_data)


def test_ninjs_versions() -> None:
    """ninjs 1, 2 and 3 import with their bylines and subjects."""
    make_home()
    run_import("ninjs", fixture("ninjs"))
    orchard = ArticlePage.objects.get(title="Community Orchard Planted on Old Rail Yard")
    names = [a.author.name for a in orchard.article_authors.order_by("sort_order")]  # type: ignore[attr-defined]
    assert names == ["Leon Ashdown", "Mira Sollis"]
    ice = ArticlePage.objects.get(title="Ice Road to Varrow Island Opens Early")
    assert [link.tag.name for link in ice.tag_links.order_by("sort_order")] == [
        "weather",
        "Varrow Island",
    ]


def test_ninjs_places_and_organisations_become_tags_of_their_kind(tmp_path: Path) -> None:
    """Names from a ninjs item's places and organisations make place and organisation tags.

    Before the fix only people kept their kind: every other new tag was a topic,
    so an export of our own articles, imported into a fresh site, lost the kind
    of each place and organisation tag.
    """
    make_home()
    item = {
        "uri": "urn:wire:varrow-ferry",
        "type": "text",
        "headlines": [{"role": "main", "value": "Varrow ferry gets a second boat"}],
        "descriptions": [{"role": "summary", "value": "The crossing will run every hour."}],
        "people": [{"name": "Tove Harrik"}],
        "organisations": [{"name": "Varrow Ferry Company"}],
        "places": [{"name": "Varrow Island"}],
        "subjects": [{"name": "ferries"}],
    }
    path = tmp_path / "wire.json"
    path.write_text(json.dumps(item))
    (record,) = run_import("ninjs", str(path), "--json").records()
    assert record["outcome"] == "created"
    assert dict(Tag.objects.values_list("name", "kind")) == {
        "Tove Harrik": "person",
        "Varrow Ferry Company": "organisation",
        "Varrow Island": "place",
        "ferries": "topic",
    }


def test_progress_bar_and_missing_inputs(tmp_path: Path) -> None:
    """--progress draws a bar on stderr; an empty directory or missing file is an error."""
    make_home()
    run = run_import("ninjs", fixture("ninjs"), "--progress")
    assert "\r[" in run.stderr and "3/3 inputs, 3 records" in run.stderr
    assert "\r[" not in run.stdout
    quiet = run_import("ninjs", fixture("ninjs"))
    assert "\r[" not in quiet.stderr
    empty = run_import("ninjs", str(tmp_path))
    assert empty.failed and "No ninjs files found" in empty.stderr
    missing = run_import("ninjs", str(tmp_path / "nope.json"), "--json")
    assert missing.failed
    assert missing.records()[0]["error"] == "cannot read: No such file or directory"


@pytest.mark.parametrize("embargo_field", ["embargoedUntil", "embargoed"])
def test_ninjs_item_under_embargo_waits_as_a_draft(tmp_path: Path, embargo_field: str) -> None:
    """A wire item embargoed until later is not published before its embargo lifts.

    Before, ``embargoedUntil`` (3.x) and ``embargoed`` (1.x, 2.x) were ignored and a
    usable item went live at once, hours before the agency allowed it. Imported
    again once the embargo has passed, the draft follows its source and goes live.
    """
    make_home()
    lifts = dt.datetime.now(dt.UTC) + dt.timedelta(hours=3)
    item = {
        "uri": "urn:wire:orrin-budget",
        "type": "text",
        "pubStatus": "usable",
        "firstCreated": dt.datetime.now(dt.UTC).isoformat(),
        embargo_field: lifts.isoformat(),
        "headlines": [{"role": "main", "value": "Orrin council budget set"}],
        "descriptions": [{"role": "summary", "value": "Councillors agreed the spending plan."}],
    }
    path = tmp_path / "wire.json"
    path.write_text(json.dumps(item))
    (record,) = run_import("ninjs", str(path), "--json").records()
    assert record["outcome"] == "created"
    article = ArticlePage.objects.get()
    assert not article.live
    assert article.first_published_at is None

    item[embargo_field] = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)).isoformat()
    path.write_text(json.dumps(item))
    (record,) = run_import("ninjs", str(path), "--json").records()
    assert record["outcome"] == "updated"
    assert ArticlePage.objects.get().live


def test_ninjs_item_is_not_dated_before_its_embargo_lifted(tmp_path: Path) -> None:
    """A wire item written before its embargo is published at the embargo's end.

    Before the fix it was dated by ``firstCreated``, hours before the agency
    allowed it out: the page and the feeds said the site had run it under
    embargo, and feed readers took it for an old item.
    """
    make_home()
    lifted = (dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).replace(microsecond=0)
    item = {
        "uri": "urn:wire:orrin-harbour",
        "type": "text",
        "firstCreated": (lifted - dt.timedelta(hours=4)).isoformat(),
        "embargoedUntil": lifted.isoformat(),
        "headlines": [{"role": "main", "value": "Orrin harbour dredging approved"}],
        "descriptions": [{"role": "summary", "value": "The harbour will be dredged in May."}],
    }
    path = tmp_path / "wire.json"
    path.write_text(json.dumps(item))
    (record,) = run_import("ninjs", str(path), "--json").records()
    assert record["outcome"] == "created"
    article = ArticlePage.objects.get()
    assert article.live
    assert article.first_published_at == lifted


def test_ninjs_item_with_an_unreadable_embargo_fails(tmp_path: Path) -> None:
    """An embargo that is not a time fails its record rather than risk breaking it."""
    make_home()
    item = {
        "uri": "urn:wire:orrin-ferry",
        "type": "text",
        "embargoedUntil": "after the council meets",
        "headlines": [{"role": "main", "value": "Orrin ferry fares frozen"}],
        "descriptions": [{"role": "summary", "value": "Fares stay as they are for a year."}],
    }
    path = tmp_path / "wire.json"
    path.write_text(json.dumps(item))
    (record,) = run_import("ninjs", str(path), "--json").records()
    assert record["outcome"] == "failed"
    assert record["error"] == "embargoedUntil is not a time: 'after the council meets'"
    assert not ArticlePage.objects.exists()


@pytest.mark.parametrize("status", ["withheld", "canceled"])
def test_ninjs_item_withdrawn_by_its_source_is_unpublished(tmp_path: Path, status: str) -> None:
    """An agency's withhold or kill of a live item unpublishes its untouched article.

    Before the fix the record was saved as a draft revision, reported ``updated``,
    and the story stayed live. A dry run reports the same and changes nothing.
    """
    make_home()
    item = {
        "uri": "urn:wire:pellworth-bridge",
        "type": "text",
        "pubStatus": "usable",
        "firstCreated": "2024-05-02T08:00:00Z",
        "headlines": [{"role": "main", "value": "Pellworth bridge reopens"}],
        "descriptions": [{"role": "summary", "value": "The bridge reopened after repairs."}],
    }
    path = tmp_path / "wire.json"
    path.write_text(json.dumps(item))
    assert run_import("ninjs", str(path)).stdout.startswith("created")

    item["pubStatus"] = status
    path.write_text(json.dumps(item))
    dry = run_import("ninjs", str(path), "--json", "--dry-run")
    assert [r["outcome"] for r in dry.records()] == ["withdrawn"]
    assert ArticlePage.objects.get().live
    run = run_import("ninjs", str(path))
    assert run.stdout.split("\t")[0] == "withdrawn"
    assert run.stdout.rstrip("\n").endswith("\twithdrawn by the source")
    assert "0 failed, 1 withdrawn" in run.stderr
    assert not ArticlePage.objects.get().live


def test_wxr_post_moved_to_the_bin_is_unpublished(tmp_path: Path) -> None:
    """A WordPress post now in the bin (``trash``) unpublishes the article it made.

    Before the fix it was saved as a draft revision and the post stayed live.
    """
    make_home()
    export = Path(fixture("wxr", "export.xml")).read_text()
    path = tmp_path / "export.xml"
    path.write_text(export)
    run_import("wxr", str(path))
    assert ArticlePage.objects.live().count() == 1
    path.write_text(export.replace("CDATA[publish]", "CDATA[trash]"))
    outcomes = [r["outcome"] for r in run_import("wxr", str(path), "--json").records()]
    assert sorted(outcomes) == ["skipped", "withdrawn"]  # The draft post is unchanged.
    assert not ArticlePage.objects.live().exists()


@pytest.mark.parametrize("size", ["0", "-3"])
def test_a_batch_size_below_one_is_refused(tmp_path: Path, size: str) -> None:
    """``--batch-size`` 0 or negative is a clear argument error, and nothing is imported.

    Before the fix it was taken as 1: every record went in its own batch.
    """
    make_home()
    item = {
        "uri": "urn:wire:harl-lighthouse",
        "headlines": [{"role": "main", "value": "Harl lighthouse keeper retires"}],
        "descriptions": [{"role": "summary", "value": "After thirty winters on the rock."}],
    }
    path = tmp_path / "wire.json"
    path.write_text(json.dumps(item))
    with pytest.raises(CommandError, match=f"--batch-size: .*at least 1, not {size}"):
        call_command("import", "ninjs", str(path), "--batch-size", size, stdout=io.StringIO())
    assert not ArticlePage.objects.exists()


def test_ninjs_item_with_an_unreadable_first_created_is_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A ``firstCreated`` that is not a time imports the item with a warning in its report.

    Before the fix the field was dropped without a word and the article was
    dated at import, as if the wire had sent it that minute.
    """
    make_home()
    item = {
        "uri": "urn:wire:dunmore-harbour",
        "type": "text",
        "firstCreated": "the morning after the storm",
        "headlines": [{"role": "main", "value": "Dunmore harbour wall holds"}],
        "descriptions": [{"role": "summary", "value": "The new wall took the storm's worst."}],
    }
    path = tmp_path / "wire.json"
    path.write_text(json.dumps(item))
    warning = "firstCreated is not a time, ignored: 'the morning after the storm'"
    with caplog.at_level(logging.WARNING, logger="masthead.ingest"):
        (record,) = run_import("ninjs", str(path), "--json").records()
    assert (record["outcome"], record["reason"]) == ("created", warning)
    assert f"{path}: {warning}" in caplog.text
    assert ArticlePage.objects.get().live
    again = run_import("ninjs", str(path))
    assert again.stdout.rstrip("\n").split("\t") == ["skipped", record["url"], str(path), warning]


def test_ninjs_item_with_an_unreadable_first_created_is_dated_from_its_version(
    tmp_path: Path,
) -> None:
    """An unreadable ``firstCreated`` gives way to a readable ``versionCreated``, as reported.

    Before the fix the article was dated at import although the item said when
    its version was written, a time closer to when the wire ran it.
    """
    make_home()
    version = (dt.datetime.now(dt.UTC) - dt.timedelta(days=2)).replace(microsecond=0)
    item = {
        "uri": "urn:wire:kelby-ferry",
        "type": "text",
        "firstCreated": "the morning after the storm",
        "versionCreated": version.isoformat(),
        "headlines": [{"role": "main", "value": "Kelby ferry back on its winter timetable"}],
        "descriptions": [{"role": "summary", "value": "Crossings resume at dawn on Monday."}],
    }
    path = tmp_path / "wire.json"
    path.write_text(json.dumps(item))
    (record,) = run_import("ninjs", str(path), "--json").records()
    warning = "firstCreated is not a time, dated from versionCreated: 'the morning after the storm'"
    assert (record["outcome"], record["reason"]) == ("created", warning)
    article = ArticlePage.objects.get()
    assert article.live
    assert article.first_published_at == version
