"""Turn what a reader typed into safe HTML: paragraphs, bold, italics and links.

Readers write plain text. Blank lines separate paragraphs, ``**bold**`` and
``*italics*`` (or ``_italics_``) format, and http(s) addresses become links.
The text is escaped first and the result is sanitised again with nh3, so no
markup a reader types ever reaches the page as markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

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
        # A closing bracket the address opened is its own ("Harbour_(Wenmoor)").
        opening = {")": "(", "]": "["}.get(url[-1])
        if opening and url.count(opening) >= url.count(url[-1]):
            break
        trailing = url[-1] + trailing
        url = url[:-1]
    # The URL is already HTML-escaped text, so it is safe inside the attribute.
    return f'<a href="{url}">{url}</a>{trailing}'


def _inline(text: str) -> str:
    text = URL.sub(_link, text)
    text = BOLD.sub(_outside_links("strong"), text)
    text = ITALIC_STAR.sub(_outside_links("em"), text)
    return ITALIC_UNDERSCORE.sub(_outside_links("em"), text)


def _outside_links(tag: str) -> Callable[[re.Match[str]], str]:
    """Return a replacement wrapping a match in ``tag`` unless it starts or ends in a link."""

    def replace(match: re.Match[str]) -> str:
        # Stars and underscores are common inside URLs (queries, paths): a tag
        # there would change the link's target. A span wholly around a link is fine.
        before = match.string[: match.start()]
        inner = match.group(1)
        if before.rfind("<a ") > before.rfind("</a>") or inner.count("<a ") != inner.count("</a>"):
            return match.group(0)
        return f"<{tag}>{inner}</{tag}>"

    return replace


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
