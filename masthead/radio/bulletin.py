"""News bulletins and article readings: the words, and their rendering to audio files."""

from __future__ import annotations

import hashlib
import html
import re
import tempfile
from pathlib import Path
from typing import Any

from django.db.models import Q
from django.utils import timezone

from masthead.core.files import default_mode
from masthead.radio import conf
from masthead.radio.speech import get_engine

TAG = re.compile(r"<[^>]+>")
SPACE = re.compile(r"\s+")


def plain(markup: str) -> str:
    """Return rich text as plain words (tags dropped, entities decoded, spaces folded)."""
    return SPACE.sub(" ", html.unescape(TAG.sub(" ", markup))).strip()


def sentence(text: str) -> str:
    """Return text ending with a full stop, so the voice pauses after it."""
    text = plain(text)
    return text if not text or text[-1] in ".!?" else text + "."


def latest_articles(count: int) -> list[Any]:
    """Return the newest public articles with their headline and standfirst only.

    Public as in every listing: live, not past expiry (the scheduler may not have
    unpublished it yet) and under no view restriction, since a bulletin is on air
    for anyone.
    """
    from masthead.newsroom.models import ArticlePage
    from masthead.newsroom.queries import public_pages

    articles = (
        public_pages(ArticlePage.objects.live())
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
        .newest_first()
        .only("title", "standfirst")
    )
    return list(articles[:count])


def bulletin_text(station_name: str) -> str:
    """Return the words of a news bulletin read from the latest published headlines."""
    articles = latest_articles(conf.bulletin_headlines())
    lines = [f"This is {station_name}. Here is the news."]
    if not articles:
        lines.append("There is no news to read at the moment.")
    for article in articles:
        lines.append(sentence(article.title))
        lines.append(sentence(article.standfirst))
    lines.append(f"That is the news from {station_name}.")
    return "\n".join(line for line in lines if line)


def article_text(article: Any) -> str:
    """Return the words of an article read aloud: headline, standfirst, then the body."""
    parts = [sentence(article.title), sentence(article.standfirst)]
    for block in getattr(article, "body", None) or []:
        parts.extend(block_sentences(block.block_type, block.value))
    return "\n".join(part for part in parts if part)


def block_sentences(kind: str, value: Any) -> list[str]:
    """Return what a body block says aloud (paragraphs, quotes); images and embeds are silent."""
    if kind in ("paragraph", "text", "rich_text", "heading"):
        return [sentence(str(getattr(value, "source", value)))]
    if kind == "quote" and hasattr(value, "get"):
        speaker = plain(str(value.get("speaker") or ""))
        said = sentence(str(value.get("text") or ""))
        return [f"{speaker} said: {said}" if speaker else said]
    return []


def digest(text: str) -> str:
    """Return the SHA-256 of a text, naming its rendering."""
    return hashlib.sha256(text.encode()).hexdigest()


def speak_to_file(text: str, target: Path) -> None:
    """Render text to a WAV file with the configured speech engine (atomically)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # Named after the target, so that a partial left by a process killed while
    # speaking (no ``finally`` runs then) is one of the stale bulletins the
    # station deletes (``bulletin-*.wav``), not a stray file kept for good.
    with tempfile.NamedTemporaryFile(
        dir=target.parent, prefix=f"{target.stem}-", suffix=".partial.wav", delete=False
    ) as partial:
        partial_path = Path(partial.name)
    try:
        # As a file written in place would be, not the temporary file's private 0600.
        partial_path.chmod(default_mode())
        get_engine().synthesise(text, partial_path)
        partial_path.replace(target)
    finally:
        partial_path.unlink(missing_ok=True)
