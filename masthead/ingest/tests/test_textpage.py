"""Reading text page captures: datelines, chrome, headline, tail and quotations."""

from __future__ import annotations

import datetime as dt

import pytest

from masthead.ingest.dateline import parse_dateline
from masthead.ingest.quotes import paragraphs_to_blocks
from masthead.ingest.records import ArticleRecord, Failure
from masthead.ingest.sources.textpage import parse

UTC = dt.UTC


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("14:05 GMT21 January 2022", dt.datetime(2022, 1, 21, 14, 5, tzinfo=UTC), None),
        ("06:30 GMT 12.05.2023", dt.datetime(2023, 5, 12, 6, 30, tzinfo=UTC), None),
        ("18:00 GMT 03 July 2020", dt.datetime(2020, 7, 3, 18, 0, tzinfo=UTC), None),
        ("21 Jan 2022, 2:05pm BST", dt.datetime(2022, 1, 21, 13, 5, tzinfo=UTC), None),
        ("January 21, 2022 14:05 UTC+2", dt.datetime(2022, 1, 21, 12, 5, tzinfo=UTC), None),
        ("2022-01-21 14:05 +0100", dt.datetime(2022, 1, 21, 13, 5, tzinfo=UTC), None),
        ("Thursday 3rd March 2022 09:15 CET", dt.datetime(2022, 3, 3, 8, 15, tzinfo=UTC), None),
        ("14:05 GMT21 January 2022Listen Live", dt.datetime(2022, 1, 21, 14, 5, tzinfo=UTC), None),
        (
            "18:00 GMT 03 July 2020 Updated 19:10 GMT 03 July 2020",
            dt.datetime(2020, 7, 3, 18, 0, tzinfo=UTC),
            dt.datetime(2020, 7, 3, 19, 10, tzinfo=UTC),
        ),
    ],
)
def test_dateline_formats(line: str, published: dt.datetime, updated: dt.datetime | None) -> None:
    """Each dateline format gives the publication (and update) time in UTC."""
    assert parse_dateline(line) == (published, updated)


@pytest.mark.parametrize(
    "line", ["Listen Live", "31 February 2022 10:00 GMT", "25:61 GMT 01 May 2022", "no date"]
)
def test_lines_without_a_valid_date(line: str) -> None:
    """Lines without a real date and time are not datelines."""
    assert parse_dateline(line) is None


def read(text: str) -> ArticleRecord:
    """Return the one record of a text page."""
    (item,) = list(parse(text.encode(), "test"))
    assert isinstance(item, ArticleRecord), item
    return item


def test_headline_glued_to_chrome_and_tags_glued_to_trailing_chrome() -> None:
    """Chrome glued to the headline and to the tag line is cut off, the rest kept."""
    record = read(
        "09:00 GMT 01 May 2024Listen LiveGet short URL\n"
        "Get short URLTown Pond Drained for Repairs\n\n"
        "The town pond was drained on Monday.\n\n"
        "The ducks have moved to the river.\n\n\n"
        "Ducks Return to the Pond\nNew Benches for the Park\n"
        "ponds, ducks, public discussionCommunity standardsDiscussion\n"
    )
    assert record.title == "Town Pond Drained for Repairs"
    assert record.standfirst == "The town pond was drained on Monday."
    assert record.related == ["Ducks Return to the Pond", "New Benches for the Park"]
    assert record.tags == ["ponds", "ducks", "public discussion"]
    assert record.body == [("paragraph", "<p>The ducks have moved to the river.</p>")]
    assert not record.needs_review


def test_page_without_tail_keeps_its_last_paragraph() -> None:
    """Without related headlines or tags, the last paragraph stays in the body."""
    record = read("10:00 GMT 02.05.2024\n\nA lead sentence here.\n\nThe last paragraph ends.\n")
    assert record.tags == [] and record.related == []
    assert record.body == [("paragraph", "<p>The last paragraph ends.</p>")]
    assert record.needs_review and record.title == "A lead sentence here"


def test_no_dateline_and_no_text_fail() -> None:
    """A page without a dateline, or with nothing after it, fails with a reason."""
    (missing,) = list(parse(b"Just some words.\n\nMore words.\n", "x"))
    assert isinstance(missing, Failure) and "no dateline" in missing.message
    (empty,) = list(parse(b"10:00 GMT 02.05.2024\nListen Live\n", "x"))
    assert isinstance(empty, Failure) and empty.message == "no paragraphs after the dateline"


def test_quotes_keep_speakers_and_leave_unattributed_quotes_alone() -> None:
    """Attributed quotations become quote blocks; partial or anonymous ones stay text."""
    blocks = paragraphs_to_blocks(
        [
            "Harbour master Tomas Riet inspected the quay.",
            '"It is tight," he said. "But it works."',
            'The plan was called "ambitious" by several residents.',
            '"Nobody asked us."',
            'Dr Alma Voss, the island\'s doctor, said: "We need a second boat."',
        ]
    )
    assert blocks[1] == (
        "quote",
        {"text": "It is tight. But it works.", "speaker": "Tomas Riet", "attribution": "said"},
    )
    assert blocks[2][0] == "paragraph" and "ambitious" in blocks[2][1]
    assert blocks[3] == ("paragraph", '<p>"Nobody asked us."</p>')
    assert blocks[4] == (
        "quote",
        {"text": "We need a second boat.", "speaker": "Alma Voss", "attribution": "said"},
    )
