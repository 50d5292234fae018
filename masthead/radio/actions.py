"""Writes of the radio app: programmes, now playing, article audio."""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.cache import caches
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from wagtail.models import Page

from masthead.core.page_cache import CACHE_ALIAS, purge_urls
from masthead.radio.audio import AudioError, encode_file, probe
from masthead.radio.bulletin import article_text, digest, speak_to_file
from masthead.radio.forms import check_upload
from masthead.radio.models import ArticleAudio, AudioProgramme, Station, article_audio_key
from masthead.radio.speech import SpeechError, get_engine

logger = logging.getLogger(__name__)


def create_audio_programme(
    title: str, upload: UploadedFile, description: str = ""
) -> AudioProgramme:
    """Check an uploaded recording and save it as a programme (ValidationError if unusable)."""
    info = check_upload(upload)
    with transaction.atomic():
        programme = AudioProgramme(
            title=title, description=description, duration_seconds=info.duration, codec=info.codec
        )
        programme.file.save(upload.name or "programme", upload, save=False)
        with deleting_file_on_failure(programme.file):
            programme.save()
    return programme


@contextmanager
def deleting_file_on_failure(file: FieldFile) -> Iterator[None]:
    """Delete a file just stored if the block that records it raises."""
    # A row that fails to save must not leave its file in the media folder,
    # served at its address and owned by nothing.
    storage, name = file.storage, file.name
    try:
        yield
    except BaseException:
        if name:
            storage.delete(name)
        raise


def set_now_playing(station: Station, text: str) -> Station:
    """Set (or with '' clear) the item on air shown instead of what the stream reports."""
    with transaction.atomic():
        station.now_playing_override = text.strip()[:200]
        station.save(update_fields=["now_playing_override"])
    return station


def render_article_audio(article: Any) -> ArticleAudio | None:
    """Read an article aloud into an MP3 and record it; None when speech is unavailable.

    An unchanged text keeps its existing file, so republishing without edits costs nothing.
    """
    if not get_engine().is_available():
        return None
    text = article_text(article)
    text_digest = digest(text)
    existing = ArticleAudio.objects.filter(article_id=article.pk).first()
    if existing is not None and existing.text_digest == text_digest and existing.file:
        return existing
    with tempfile.TemporaryDirectory(prefix="masthead-article-audio-") as folder:
        speech, encoded = Path(folder) / "speech.wav", Path(folder) / "article.mp3"
        try:
            speak_to_file(text, speech)
            encode_file(speech, encoded)
            duration = probe(encoded).duration
        except (SpeechError, AudioError):
            logger.exception("article %s could not be read aloud", article.pk)
            return None
        audio = save_article_audio(article, existing, encoded, duration, text_digest)
    if audio is not None:
        transaction.on_commit(lambda: forget_article_audio(article))
    return audio


def forget_article_audio(article: Any) -> None:
    """Drop the cached reading and the cached page of an article, so both show the new audio."""
    caches[CACHE_ALIAS].delete(article_audio_key(article.pk))
    purge_urls([article.full_url or ""])


def withdraw_article_audio(article: Any) -> None:
    """Delete an article's reading, its file included, when the article is unpublished.

    A withdrawn article (a legal takedown, an embargo broken by mistake) must not
    stay readable as audio at its file's address; publishing again reads it anew.
    """
    with transaction.atomic():
        for audio in ArticleAudio.objects.filter(article_id=article.pk):
            audio.delete()  # Its file goes after commit (delete_audio_file).
    transaction.on_commit(lambda: forget_article_audio(article))


def delete_audio_file(audio: ArticleAudio | AudioProgramme) -> None:
    """Delete a deleted reading's or programme's file once the deletion commits."""
    if audio.file.name:
        storage, name = audio.file.storage, audio.file.name
        transaction.on_commit(lambda: storage.delete(name))


def save_article_audio(
    article: Any, existing: ArticleAudio | None, encoded: Path, duration: float, text_digest: str
) -> ArticleAudio | None:
    """Store a rendered reading of an article, replacing the one it had; None if withdrawn.

    Reading takes seconds: an article unpublished meanwhile (its reading then
    deleted) must not get one back. Its page row is locked while this commits,
    so an unpublish waits for it and then deletes what it stored. ``existing``
    is what the caller found before reading; the row is read again here.
    """
    with transaction.atomic():
        if not Page.objects.select_for_update().filter(pk=article.pk, live=True).exists():
            return None
        # Read again under the lock: another reading of the article may have been
        # stored since this one started, and there is one reading an article.
        existing = ArticleAudio.objects.filter(article_id=article.pk).first()
        audio = existing or ArticleAudio(article_id=article.pk)
        old_name = audio.file.name if existing is not None else ""
        with encoded.open("rb") as handle:
            audio.file.save(
                f"article-{article.pk}-{text_digest[:12]}.mp3", File(handle), save=False
            )
        audio.duration_seconds = duration
        audio.text_digest = text_digest
        audio.rendered_at = timezone.now()
        with deleting_file_on_failure(audio.file):
            audio.save()
        if old_name and old_name != audio.file.name:
            storage = audio.file.storage
            transaction.on_commit(lambda: storage.delete(old_name))
    return audio
