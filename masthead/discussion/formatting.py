"""Turn what a reader typed into safe HTML: paragraphs, bold, italics and links.

Readers write plain text. Blank lines separate paragraphs, ``**bold**`` and
``*italics*`` (or ``_italics_``) format, and http(s) addresses become links.
The text is escaped first and the result is sanitised again with nh3, so no
markup a reader types ever reaches the page as markup.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "a"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
LINK_REL = "nofollow ugc noopener"

# Bounded, non-nested patterns on already-escaped text: linear in practice,
# and the input is at most a few thousand characters.
BOLD = re.compile(r"\*\*(?=\S)([^*\n]{1,1000}?)(?<=\S)\*\*")
ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]{1,1000}?)(?<=\S)\*(?![\w*])")
ITALIC_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)([^_\n]{1,1000}?)(?<=\S)_(?![\w_])")
# Matched on escaped text: a URL stops at an escaped quote or angle bracket.
URL = re.compile(r"\bhttps?://(?:(?!&quot;|&#x27;|&lt;|&gt;)[^\s<>\"']){1,2000}", re.IGNORECASE)
TRAILING_PUNCTUATION = ".,;:!?)]"


def _link(match: re.Match[str]) -> str:
    url = match.group(0)
    trailing = ""
    while url and url[-1] in TRAILING_PUNCTUATION:
        trailing = url[-1] + trailing
        url = url[:-1]
    # The URL is already HTML-escaped text, so it is safe inside the attribute.
    return f'<a href="{url}">{url}</a>{trailing}'


def _inline(text: str) -> str:
    text = URL.sub(_link, text)
    text = BOLD.sub(r"<strong>\1</strong>", text)
    text = ITALIC_STAR.sub(r"<em>\1</em>", text)
    return ITALIC_UNDERSCORE.sub(_italic_outside_links, text)


def _italic_outside_links(match: re.Match[str]) -> str:
    # Underscores are common inside URLs; leave those alone.
    before = match.string[: match.start()]
    if before.rfind("<a ") > before.rfind("</a>"):
        return match.group(0)
    return f"<em>{match.group(1)}</em>"


# C0 and C1 control characters except tab and newline: never meant as text, and
# PostgreSQL refuses NUL in a text column.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def normalise_text(text: str) -> str:
    """Return the text with unified line endings, no control characters, no outer blanks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROL_CHARACTERS.sub("", text).strip()


def render_body(text: str) -> str:
    """Return the sanitised HTML of a comment's text."""
    escaped = html.escape(normalise_text(text), quote=True)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", escaped) if p.strip()]
    rendered = "".join(f"<p>{_inline(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return sanitise(rendered)


def sanitise(markup: str) -> str:
    """Return markup cleaned to the comment allow-list by nh3."""
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel=LINK_REL,
    )
