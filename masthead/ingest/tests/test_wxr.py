"""WordPress posts keep all their words: classic-editor paragraphs and bracketed text."""

from __future__ import annotations

import pytest

from masthead.ingest.records import ArticleRecord
from masthead.ingest.sources import wxr
from masthead.ingest.text import html_to_blocks, plain_text

EXPORT = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Fenmarch Courier</title>
<item><title>Reading room to close</title><guid>https://courier.example/?p=4</guid>
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>4</wp:post_id><wp:post_date_gmt>2024-03-08 10:15:00</wp:post_date_gmt>
<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
</item></channel></rss>"""


def imported_paragraphs(content: str) -> list[str]:
    """Return the lead and the plain text of each body block of a one-post export."""
    (record,) = list(wxr.parse(EXPORT.format(content=content).encode(), "export.xml"))
    assert isinstance(record, ArticleRecord), record
    texts = [record.standfirst]
    for kind, value in record.body:
        texts.append(plain_text(value) if kind == "paragraph" else value["text"])
    return texts


def test_classic_editor_paragraphs_next_to_block_elements_are_kept() -> None:
    """Blank-line paragraphs around a subheading and a list stay, in document order.

    Before the fix any block element in the post made the importer keep only the
    block elements, so this post imported as the subheading and the list.
    """
    content = (
        "The reading room on Quay Lane shuts in June.\n\n"
        "Volunteers had kept it open for eleven years.\n\n"
        "<h2>What happens next</h2>\n"
        "The books go to the school library.\n\n"
        "<ul><li>Atlases</li><li>Parish records</li></ul>\n"
        "A farewell <em>open day</em> is planned."
    )
    assert imported_paragraphs(content) == [
        "The reading room on Quay Lane shuts in June.",
        "Volunteers had kept it open for eleven years.",
        "What happens next",
        "The books go to the school library.",
        "AtlasesParish records",  # plain_text of the list joins its items
        "A farewell open day is planned.",
    ]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (
            "<div>Loose words\n\n<p>A paragraph.</p>Tail words</div>",
            ["Loose words", "A paragraph.", "Tail words"],
        ),
        ("First line<br>second line\n\nNext one", ["First line second line", "Next one"]),
        ("<p>Only paragraphs.</p><p>Two of them.</p>", ["Only paragraphs.", "Two of them."]),
    ],
)
def test_loose_text_in_fragments(markup: str, expected: list[str]) -> None:
    """Text in divs, around line breaks and between paragraphs becomes paragraphs in order."""
    assert [plain_text(str(value)) for _, value in html_to_blocks(markup)] == expected


def test_bracketed_words_are_not_taken_for_shortcodes() -> None:
    """Editorial insertions and [sic] stay; core shortcodes go, keeping a caption's words.

    Before the fix every [bracketed word] was removed as if it were a shortcode.
    """
    content = (
        "<p>The warden said [the trustees] would vote in April.</p>\n"
        "<p>The notice read: \u201cVisitors is [sic] welcome.\u201d</p>\n"
        '<p>[caption id="attachment_9" align="alignleft"]Quay Lane in 1950[/caption]</p>\n'
        '<p>[gallery ids="3,4"] Photographs: [[audio]] is how the tag is written.</p>'
    )
    assert imported_paragraphs(content) == [
        "The warden said [the trustees] would vote in April.",
        "The notice read: \u201cVisitors is [sic] welcome.\u201d",
        "Quay Lane in 1950",
        "Photographs: [audio] is how the tag is written.",
    ]
