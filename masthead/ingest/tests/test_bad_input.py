"""Bad input fails its own record with a clear message: never a crash, never half an article."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Site

from masthead.ingest import actions, bulk
from masthead.ingest.models import ImportedArticle
from masthead.ingest.records import ArticleRecord, Failure, RecordError
from masthead.ingest.sources import FORMATS
from masthead.ingest.tests.helpers import fixture, run_import
from masthead.newsroom.models import ArticlePage
from masthead.tagging.models import Tag
from masthead.testing.factories import make_home

LIBRARY = Path(fixture("textpage", "library-vote.txt")).read_text(encoding="utf-8")
BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
]>
<rss version="2.0"><channel><title>&d;</title>
<item><title>&d;</title><description>&d;</description><guid>x</guid></item>
</channel></rss>"""


def nothing_written() -> bool:
    """Return whether no article, import record or tag exists."""
    return not (
        ArticlePage.objects.exists() or ImportedArticle.objects.exists() or Tag.objects.exists()
    )


def import_bytes(tmp_path: Path, fmt: str, data: bytes, name: str = "input") -> list[dict]:
    """Import one file holding these bytes; return the --json outcomes."""
    path = tmp_path / name
    path.write_bytes(data)
    return run_import(fmt, str(path), "--json").records()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_empty_and_binary_files_fail_cleanly(tmp_path: Path, fmt: str) -> None:
    """Empty files and binary garbage fail with a message and write nothing."""
    make_home()
    empty = import_bytes(tmp_path, fmt, b"", "empty")
    garbage = import_bytes(tmp_path, fmt, bytes(range(256)) * 40, "garbage")
    for outcomes in (empty, garbage):
        assert [o["outcome"] for o in outcomes] == ["failed"]
        assert outcomes[0]["error"]
    assert empty[0]["error"] == "empty file"
    assert nothing_written()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("latin-1", b""), ("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")],
)
def test_other_encodings_import_correctly(tmp_path: Path, encoding: str, prefix: bytes) -> None:
    """Latin-1, UTF-16 with a byte-order mark and UTF-8 with a BOM all read correctly."""
    make_home()
    text = LIBRARY.replace("Maren Toft", "Marën Tøft")
    outcomes = import_bytes(tmp_path, "textpage", prefix + text.encode(encoding))
    assert [o["outcome"] for o in outcomes] == ["created"]
    article = ArticlePage.objects.get()
    assert "Marën Tøft" in str(article.body.raw_data)
    assert article.title == "Brackwater Library Vote Splits Town Council"


@pytest.mark.django_db
def test_oversized_files_are_refused_unread(tmp_path: Path) -> None:
    """A 50 MB file is refused by its size before it is read, with a clear error."""
    make_home()
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # Sparse: costs no disk and no memory.
    run = run_import("textpage", str(big), "--json")
    (outcome,) = run.records()
    assert outcome["outcome"] == "failed"
    assert outcome["error"] == "file of 52428800 bytes is over the 20971520-byte limit"
    assert run.failed and nothing_written()


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["wxr", "feed"])
def test_entity_expansion_bombs_are_refused(tmp_path: Path, fmt: str) -> None:
    """XML declaring entities is refused before any parser expands them."""
    make_home()
    (outcome,) = import_bytes(tmp_path, fmt, BOMB)
    assert outcome["outcome"] == "failed"
    assert "entity declarations" in outcome["error"]
    utf16 = import_bytes(tmp_path, fmt, BOMB.decode().encode("utf-16"), "bomb16")
    assert utf16[0]["outcome"] == "failed"
    assert nothing_written()


def hidden_bomb(encoding: str) -> bytes:
    """Return a feed whose entity declaration shows no ASCII bytes in this encoding."""
    body = (
        '<!DOCTYPE rss [<!ENTITY a "' + "A" * 1000 + '">]>'
        '<rss version="2.0"><channel><title>t</title><item><title>x</title><guid>g</guid>'
        "<description>" + "&a;" * 1000 + "</description></item></channel></rss>"
    )
    declaration = f'<?xml version="1.0" encoding="{encoding}"?>'
    if encoding == "utf-7":  # Python's codec leaves ASCII as it is: shift the markup by hand.
        for char, shifted in (("<", "+ADw-"), ("[", "+AFs-"), ("]", "+AF0-"), ('"', "+ACI-"),
                              ("&", "+ACY-")):  # fmt: skip
            body = body.replace(char, shifted)
        return (declaration + body).encode("ascii")
    return (declaration + body).encode(encoding)


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["cp037", "utf-7"])
def test_entity_declarations_hidden_by_an_encoding_are_refused(
    tmp_path: Path, encoding: str
) -> None:
    """A feed declaring EBCDIC or UTF-7 is checked as feedparser decodes it, not as bytes.

    Before, these 5 KB files passed the byte check and imported with a
    1,000,000-character standfirst (feedparser expands declared entities).
    """
    make_home()
    (outcome,) = import_bytes(tmp_path, "feed", hidden_bomb(encoding))
    assert outcome["outcome"] == "failed"
    assert "entity declarations" in outcome["error"]
    assert nothing_written()


@pytest.mark.django_db
def test_deeply_nested_html_fails_or_imports_whole(tmp_path: Path) -> None:
    """A page nested 100,000 deep neither crashes nor leaves a partial article."""
    make_home()
    page = b"<html><body>" + b"<div>" * 100_000 + b"<p>Deep text here.</p>" + b"</div>" * 100_000
    (outcome,) = import_bytes(tmp_path, "html", page + b"</body></html>", "deep.html")
    if outcome["outcome"] == "failed":
        assert outcome["error"] and nothing_written()
    else:
        assert outcome["outcome"] == "created"
        assert ArticlePage.objects.get().standfirst == "Deep text here."


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"uri": 5, "headline": "x"}, "uri must be str, not int"),
        ({"uri": "urn:x:1", "headlines": "Ferry"}, "headlines must be list, not str"),
        ({"uri": "urn:x:1", "headline": ["Ferry"]}, "headline must be str, not list"),
        ({"uri": "urn:x:1", "bodies": [{"value": 3}]}, "bodies entries must be objects"),
        ({"uri": "urn:x:1", "body_text": "Text", "by": {"name": "A"}}, "by must be str"),
        ({"uri": "urn:x:1", "body_text": "Text", "subjects": [1, 2]}, "subjects entries"),
        ({"uri": "urn:x:1", "type": "picture"}, "not a text item"),
        ({"uri": "urn:x:1", "headline": "\u0000"}, "item has no text"),
        ({"headline": "No uri", "body_text": "Text"}, "uri is missing"),
        ([1, 2], "a ninjs item is an object, not int"),
        ("just a string", "a ninjs file holds an object or a list, not str"),
    ],
)
def test_ninjs_with_wrong_types_fails_each_record(
    tmp_path: Path, document: object, message: str
) -> None:
    """JSON with wrong types names the field and the type it should have."""
    make_home()
    outcomes = import_bytes(tmp_path, "ninjs", json.dumps(document).encode(), "item.json")
    assert {o["outcome"] for o in outcomes} == {"failed"}
    assert message in outcomes[0]["error"]
    assert nothing_written()


@pytest.mark.django_db
def test_deeply_nested_json_fails_cleanly(tmp_path: Path) -> None:
    """JSON nested beyond Python's recursion limit is a per-record error."""
    make_home()
    (outcome,) = import_bytes(tmp_path, "ninjs", b"[" * 100_000 + b"]" * 100_000, "deep.json")
    assert outcome == {**outcome, "outcome": "failed", "error": "JSON nested too deeply"}


@pytest.mark.django_db
def test_a_failure_mid_write_leaves_no_partial_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An error after the article was created rolls back the article, its tags and its record.

    Both paths fail late: the batch after writing its pages (then the record is
    imported alone), the record alone after creating its article.
    """
    make_home()

    def explode(*args: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(bulk, "after_publish", explode)
    monkeypatch.setattr(actions, "store_related_headlines", explode)
    run = run_import("textpage", fixture("textpage", "library-vote.txt"), "--json")
    (outcome,) = run.records()
    assert outcome["outcome"] == "failed"
    assert outcome["error"] == "RuntimeError: disk on fire"
    assert nothing_written()


@pytest.mark.django_db
def test_good_records_survive_a_bad_one_in_the_same_file(tmp_path: Path) -> None:
    """A feed with one bad entry imports the others and reports the bad one."""
    make_home()
    feed = Path(fixture("feed", "rss.xml")).read_text(encoding="utf-8")
    broken = feed.replace(
        "<item>", "<item><title>No text at all</title><guid>empty-1</guid></item><item>", 1
    )
    outcomes = import_bytes(tmp_path, "feed", broken.encode(), "feed.xml")
    assert [o["outcome"] for o in outcomes] == ["failed", "created", "created"]
    assert outcomes[0]["error"] == "entry has no text"
    assert ArticlePage.objects.count() == 2


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=2000))
def test_readers_never_crash_on_arbitrary_bytes(fmt: str, data: bytes) -> None:
    """Every reader turns any bytes into records or per-record failures, never an exception."""
    for item in FORMATS[fmt].parser()(data, "fuzz"):
        assert isinstance(item, ArticleRecord | Failure)
        if isinstance(item, ArticleRecord):
            with contextlib.suppress(RecordError):
                item.check()


TEXT_PARTS = st.sampled_from(
    [
        "Listen Live",
        "Get short URL",
        "Community standardsDiscussion",
        "14:05 GMT21 January 2022",
        "99:99 GMT 40.13.2022",
        '"Unclosed quote, said',
        '"Yes," she said.',
        "a, b, c",
        "",
        "\t",
        "Headline Without Full Stop",
        "A paragraph that ends properly.",
    ]
)


@pytest.mark.parametrize("fmt", ["textpage"])
@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.one_of(TEXT_PARTS, st.text(max_size=80)), max_size=30))
def test_textpage_reader_on_shuffled_page_parts(fmt: str, lines: list[str]) -> None:
    """Pages assembled from chrome, datelines, quotes and noise never crash the reader."""
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    for item in FORMATS[fmt].parser()(data, "fuzz"):
        if isinstance(item, ArticleRecord):
            assert item.published_at is not None and item.published_at.tzinfo is not None
            assert "Listen Live" not in item.standfirst
            assert all("Get short URL" not in str(block[1]) for block in item.body)


@pytest.mark.django_db
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    document=st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=3)
            | st.dictionaries(
                st.sampled_from(["uri", "headline", "headlines", "bodies", "body_text", "by"]),
                children,
                max_size=4,
            )
        ),
        max_leaves=10,
    )
)
def test_ninjs_import_of_random_json_never_leaves_partial_articles(
    tmp_path: Path, document: object
) -> None:
    """Random JSON shaped like ninjs either imports whole articles or fails cleanly."""
    make_home()
    before = ArticlePage.objects.count()
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    outcomes = run_import("ninjs", str(path), "--json").records()
    created = [o for o in outcomes if o["outcome"] in ("created", "updated", "skipped")]
    assert all(o["outcome"] in ("created", "updated", "skipped", "failed") for o in outcomes)
    assert all(o["error"] for o in outcomes if o["outcome"] == "failed")
    assert ArticlePage.objects.count() - before == sum(
        1 for o in created if o["outcome"] == "created"
    )
    assert ImportedArticle.objects.count() == ArticlePage.objects.count()


@pytest.mark.django_db
def test_nul_characters_are_removed_not_stored(tmp_path: Path) -> None:
    """NUL escapes in JSON never reach the database (PostgreSQL would refuse them)."""
    make_home()
    item = {"uri": "urn:x:nul", "headline": "Weir\u0000 reopens", "body_text": "Open\u0000 again."}
    (outcome,) = import_bytes(tmp_path, "ninjs", json.dumps(item).encode(), "nul.json")
    assert outcome["outcome"] == "created"
    article = ArticlePage.objects.get()
    assert article.title == "Weir reopens" and article.standfirst == "Open again."


@pytest.mark.django_db
def test_a_record_dated_far_in_the_future_fails_alone(tmp_path: Path) -> None:
    """An entry claiming publication years ahead is refused, not published at the top of every list.

    Before, it was imported live with that date: first on the front page, in
    every feed and in the news sitemap until the year came.
    """
    make_home()
    feed = Path(fixture("feed", "rss.xml")).read_text(encoding="utf-8")
    ahead = feed.replace("Tue, 11 Jun 2024 07:15:00 +0100", "Wed, 11 Jun 2642 07:15:00 +0100")
    outcomes = import_bytes(tmp_path, "feed", ahead.encode(), "feed.xml")
    assert [o["outcome"] for o in outcomes] == ["failed", "created"]
    assert outcomes[0]["error"] == "published_at is in the future: 2642-06-11 06:15+00:00"
    assert list(ArticlePage.objects.values_list("title", flat=True)) == [
        "Valley Bus Timetable Changes on Monday"
    ]


@pytest.mark.django_db
def test_a_placeholder_date_of_year_one_fails_alone(tmp_path: Path) -> None:
    """A record dated 0001-01-01 (Go's zero time, a common "no date") is refused.

    Before, it was imported live, and every page showing its dateline in a zone
    west of UTC failed (year 0 is out of Python's range): the front page too.
    """
    make_home()
    item = {
        "uri": "urn:wire:pell-harbour-wall",
        "type": "text",
        "firstCreated": "0001-01-01T00:00:00Z",
        "pubStatus": "usable",
        "headlines": [{"role": "main", "value": "Pell Harbour wall mended"}],
        "descriptions": [{"role": "summary", "value": "Masons finished the north wall."}],
    }
    (outcome,) = import_bytes(tmp_path, "ninjs", json.dumps(item).encode(), "wire.json")
    assert outcome["outcome"] == "failed"
    assert outcome["error"] == "published_at is before 1800: 0001-01-01 00:00+00:00"
    assert nothing_written()


@pytest.mark.django_db
def test_a_capture_dated_year_one_east_of_utc_fails_with_its_date(tmp_path: Path) -> None:
    """A dateline in year 1 with a zone east of UTC is refused by its date, clearly.

    Before, converting it to UTC left Python's range and the capture failed as
    "unreadable: OverflowError".
    """
    make_home()
    page = (
        "00:30 UTC+2 1 January 0001\n\nTide tables reprinted\n\n"
        "The harbour office reprinted its tide tables for the new season.\n"
    )
    (outcome,) = import_bytes(tmp_path, "textpage", page.encode(), "capture.txt")
    assert outcome["outcome"] == "failed"
    assert outcome["error"] == "published_at is before 1800: 0001-01-01 00:30+02:00"
    assert nothing_written()


@pytest.mark.django_db
def test_section_lookups_of_dry_runs_and_exports_write_nothing() -> None:
    """``--section`` on a dry run or an export names a missing section and changes no page.

    Before, looking the section up created the home page first, replacing
    Wagtail's welcome page and re-pointing the site, outside any dry run.
    """
    pages_before = list(Page.objects.values_list("pk", "slug"))
    site_root = Site.objects.get(is_default_site=True).root_page_id
    run = run_import("textpage", fixture("textpage"), "--dry-run", "--section", "news")
    assert run.failed and "no section 'news'" in run.stderr
    with pytest.raises(CommandError, match="no section 'news'"):
        call_command("export", "ninjs", "--section", "news")
    assert list(Page.objects.values_list("pk", "slug")) == pages_before
    assert Site.objects.get(is_default_site=True).root_page_id == site_root


@pytest.mark.parametrize("name", ["x" * 5_000, "/".join(["x" * 250] * 20) + ".json"])
def test_a_path_too_long_for_the_system_fails_as_a_record(db: None, name: str) -> None:
    """A path no file can have is reported like a missing file, not a traceback."""
    make_home()
    run = run_import("ninjs", name, "--json")
    assert run.failed
    assert run.records()[0]["error"] == "cannot read: File name too long"
    assert nothing_written()
