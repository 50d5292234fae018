"""Source keys of any length keep one article each, across runs and across the fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from masthead.ingest.models import ImportedArticle
from masthead.ingest.tests.helpers import run_import
from masthead.newsroom.models import ArticlePage
from masthead.testing.factories import make_home

pytestmark = pytest.mark.django_db

# Two wire addresses that share their first 600 characters.
LONG_PREFIX = "https://wire.example/varrow/" + "ferry-timetable-" * 36
FIRST_KEY = LONG_PREFIX + "winter"
SECOND_KEY = LONG_PREFIX + "summer"


def item(uri: str, headline: str, summary: str) -> dict[str, object]:
    """Return a ninjs 3 text item about an invented ferry service."""
    return {
        "uri": uri,
        "type": "text",
        "headlines": [{"role": "main", "value": headline}],
        "descriptions": [{"role": "summary", "value": summary}],
        "subjects": [{"name": "ferries"}],
    }


WINTER = item(FIRST_KEY, "Varrow ferry winter timetable", "Two crossings a day until March.")
SUMMER = item(SECOND_KEY, "Varrow ferry summer timetable", "Six crossings a day from May.")


def import_items(tmp_path: Path, *items: dict[str, object], batch_size: str = "250") -> list[str]:
    """Import the items as one JSON Lines file; return each record's outcome."""
    path = tmp_path / "wire.json"
    path.write_text("\n".join(json.dumps(i) for i in items))
    run = run_import("ninjs", str(path), "--json", "--batch-size", batch_size)
    return [r["outcome"] for r in run.records()]


@pytest.mark.parametrize("batch_size", ["250", "1"])
def test_keys_differing_after_500_characters_make_two_articles(
    tmp_path: Path, batch_size: str
) -> None:
    """Two items whose keys differ only after the 500th character are two articles.

    Before the fix both keys were cut to the same 500 characters, so the second
    item was taken for the first and overwrote its article.
    """
    make_home()
    assert import_items(tmp_path, WINTER, batch_size=batch_size) == ["created"]
    assert import_items(tmp_path, SUMMER, batch_size=batch_size) == ["created"]
    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == [
        "Varrow ferry summer timetable",
        "Varrow ferry winter timetable",
    ]
    assert ImportedArticle.objects.count() == 2
    assert all(len(link.source_key) <= 500 for link in ImportedArticle.objects.all())


def test_keys_differing_after_500_characters_in_one_batch(tmp_path: Path) -> None:
    """In one batch, both items of a long shared prefix are created."""
    make_home()
    assert import_items(tmp_path, WINTER, SUMMER) == ["created", "created"]
    assert ArticlePage.objects.count() == 2


@pytest.mark.parametrize("batch_size", ["250", "1"])
def test_long_key_reimports_idempotently(tmp_path: Path, batch_size: str) -> None:
    """An item with a long key imported again is skipped, then updated when it changes."""
    make_home()
    assert import_items(tmp_path, WINTER, batch_size=batch_size) == ["created"]
    assert import_items(tmp_path, WINTER, batch_size=batch_size) == ["skipped"]
    changed = item(FIRST_KEY, "Varrow ferry winter timetable", "One crossing a day in storms.")
    assert import_items(tmp_path, changed, batch_size=batch_size) == ["updated"]
    assert ArticlePage.objects.get().standfirst == "One crossing a day in storms."


def test_a_500_character_key_reimports_idempotently(tmp_path: Path) -> None:
    """A key of exactly 500 characters finds its article again."""
    make_home()
    exact = item(FIRST_KEY[:500], "Varrow ferry timetable", "Two crossings a day.")
    assert import_items(tmp_path, exact) == ["created"]
    assert import_items(tmp_path, exact) == ["skipped"]
    assert ArticlePage.objects.count() == 1


@pytest.mark.parametrize("batch_size", ["250", "1"])
def test_rows_stored_with_a_cut_key_are_found_and_claimed(tmp_path: Path, batch_size: str) -> None:
    """A row written before the fix (its key cut to 500 characters) stays its item's row.

    The first long key that matches the cut key takes the row over: it is
    skipped (nothing changed) instead of made a second time, and a second item
    sharing the prefix then gets an article of its own instead of the first's.
    """
    make_home()
    assert import_items(tmp_path, WINTER, batch_size=batch_size) == ["created"]
    # What the importer stored before the fix.
    ImportedArticle.objects.update(source_key=FIRST_KEY[:500])

    assert import_items(tmp_path, WINTER, batch_size=batch_size) == ["skipped"]
    assert import_items(tmp_path, SUMMER, batch_size=batch_size) == ["created"]
    assert import_items(tmp_path, WINTER, SUMMER, batch_size=batch_size) == [
        "skipped",
        "skipped",
    ]
    assert sorted(ArticlePage.objects.values_list("title", flat=True)) == [
        "Varrow ferry summer timetable",
        "Varrow ferry winter timetable",
    ]


def test_a_long_keys_content_hash_is_the_one_stored_before() -> None:
    """A record with a long key hashes as it did with its key cut, so it is not rewritten."""
    import dataclasses

    from masthead.ingest.records import ArticleRecord

    whole = ArticleRecord(
        source_format="ninjs", source_key=FIRST_KEY, title="Varrow ferry", standfirst="Two a day."
    )
    cut = dataclasses.replace(whole, source_key=FIRST_KEY[:500])
    assert whole.content_hash() == cut.content_hash()
