"""Listen to this article: rendered on publish by a task, offered with its duration."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from pytest_django import Settings

from masthead.radio.models import ArticleAudio
from masthead.radio.tasks import render_article_audio_task
from masthead.testing.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def article_audio_on(settings: Settings) -> None:
    """Read articles aloud on publish, as a background worker would (tests run tasks inline)."""
    settings.RADIO_ARTICLE_AUDIO = True


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[], Any]:
    """Return a context in which on-commit work (queued tasks) runs, as after a real commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publishing_renders_audio_and_the_page_offers_it_with_its_duration(
    client: Client, committed: Callable[[], Any]
) -> None:
    """The task writes an MP3 with its length; the article page shows a player and the duration."""
    with committed():
        article = make_article(title="Harbour reopens after repairs", standfirst="Boats are back.")
    audio = ArticleAudio.objects.get(article_id=article.pk)
    assert Path(audio.file.path).read_bytes()[:3] in (b"ID3", b"\xff\xfb", b"\xff\xf3")
    assert 2 < audio.duration_seconds < 30
    html = client.get(article.url).content.decode()
    assert "Listen to this article" in html
    assert f'src="{audio.file.url}"' in html
    assert audio.duration_label in html
    assert f'datetime="PT{round(audio.duration_seconds)}S"' in html


def test_republishing_unchanged_text_keeps_the_file_and_edits_replace_it(
    committed: Callable[[], Any],
) -> None:
    """The same words are not read again; new words replace the old file."""
    with committed():
        article = make_article(title="Ferry fares frozen")
    first = ArticleAudio.objects.get(article_id=article.pk)
    with committed():
        article.save_revision().publish()
    assert ArticleAudio.objects.get(article_id=article.pk).file.name == first.file.name
    article.title = "Ferry fares frozen until spring"
    with committed():
        article.save_revision().publish()
    second = ArticleAudio.objects.get(article_id=article.pk)
    assert second.file.name != first.file.name
    assert not Path(first.file.path).exists()


def test_without_a_speech_engine_the_article_has_no_audio_button(
    client: Client, settings: Settings, committed: Callable[[], Any]
) -> None:
    """No espeak-ng: nothing is rendered, and the page shows no dead button."""
    settings.RADIO_ESPEAK = "/nonexistent/espeak-ng"
    with committed():
        article = make_article()
    assert not ArticleAudio.objects.exists()
    html = client.get(article.url).content.decode()
    assert "Listen to this article" not in html


def test_task_ignores_missing_and_unpublished_articles() -> None:
    """A task for a deleted or unpublished page does nothing."""
    assert render_article_audio_task.call(999_999) == 0.0
    article = make_article()
    article.unpublish()
    ArticleAudio.objects.all().delete()
    assert render_article_audio_task.call(article.pk) == 0.0
    assert not ArticleAudio.objects.exists()


def test_off_by_default_with_the_immediate_backend(
    settings: Settings, committed: Callable[[], Any]
) -> None:
    """Unset, publishing under the in-request task backend reads nothing aloud."""
    del settings.RADIO_ARTICLE_AUDIO
    with committed():
        make_article()
    assert not ArticleAudio.objects.exists()


def test_unpublishing_or_deleting_an_article_deletes_its_reading(
    client: Client, committed: Callable[[], Any]
) -> None:
    """A withdrawn article is not left readable as audio at its file's address;
    publishing it again reads it anew, and deleting it deletes the file too.

    Before the fix the reading and its file outlived the article.
    """
    with committed():
        article = make_article(title="Quarry sale agreed", standfirst="The vote was close.")
    path = Path(ArticleAudio.objects.get(article_id=article.pk).file.path)
    assert path.exists()
    with committed():
        article.unpublish()
    assert not ArticleAudio.objects.exists() and not path.exists()
    with committed():
        article.save_revision().publish()
    again = Path(ArticleAudio.objects.get(article_id=article.pk).file.path)
    assert again.exists()
    with committed():
        article.delete()
    assert not ArticleAudio.objects.exists() and not again.exists()


def test_an_article_withdrawn_while_being_read_keeps_no_reading(
    monkeypatch: pytest.MonkeyPatch, committed: Callable[[], Any]
) -> None:
    """Unpublished while its reading renders, an article gets no reading and no file.

    Before, the finished reading was saved anyway, so a withdrawn article (a legal
    takedown) came back as audio at its file's address.
    """
    from masthead.radio import actions

    article = make_article(title="Quarry sale halted", standfirst="The court was told.")
    encode = actions.encode_file

    def withdrawn_meanwhile(source: Path, target: Path) -> None:
        with committed():
            type(article).objects.get(pk=article.pk).unpublish()
        encode(source, target)

    monkeypatch.setattr(actions, "encode_file", withdrawn_meanwhile)
    folder = Path(django_settings.MEDIA_ROOT) / "radio" / "articles"
    before = set(folder.iterdir()) if folder.exists() else set()
    assert actions.render_article_audio(article) is None
    assert not ArticleAudio.objects.exists()
    assert (set(folder.iterdir()) if folder.exists() else set()) == before


def test_two_readings_of_one_article_finishing_together_keep_one_row_and_file(
    committed: Callable[[], Any],
) -> None:
    """A reading saved after another one for the same article replaces it, file and all.

    Before, the second (which had found no reading when it started) failed on the
    one-reading-per-article constraint and left its MP3 behind in the media folder.
    """
    from masthead.radio.actions import save_article_audio

    with committed():
        article = make_article(title="Lido reopens", standfirst="Swimmers are back.")
    first = ArticleAudio.objects.get(article_id=article.pk)
    first_path = Path(first.file.path)
    with committed():
        second = save_article_audio(article, None, first_path, 3.0, "f" * 64)
    assert second is not None and second.pk == first.pk
    assert ArticleAudio.objects.get().file.name == second.file.name != first.file.name
    assert Path(second.file.path).exists() and not first_path.exists()


def test_reading_whose_row_cannot_be_saved_leaves_no_file(
    committed: Callable[[], Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reading whose row fails to save takes its new MP3 away and keeps the old one.

    Before, the new MP3 was stored first and stayed in the media folder, unused,
    when the row's save raised.
    """
    from django.db import DatabaseError

    from masthead.radio.actions import save_article_audio

    with committed():
        article = make_article(title="Ferry timetable changes", standfirst="Fewer sailings.")
    first = ArticleAudio.objects.get(article_id=article.pk)
    folder = Path(first.file.path).parent
    before = set(folder.iterdir())

    def refuse(*args: object, **kwargs: object) -> None:
        raise DatabaseError("disk full")

    monkeypatch.setattr(ArticleAudio, "save", refuse)
    with pytest.raises(DatabaseError), committed():
        save_article_audio(article, first, Path(first.file.path), 3.0, "e" * 64)
    assert set(folder.iterdir()) == before


def test_reading_whose_encoding_times_out_is_logged_and_leaves_no_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An encoder that runs out of time gives an AudioError, no partial MP3 and no reading.

    Before the fix subprocess.TimeoutExpired escaped encode_file, so the task
    failed with a traceback instead of logging and returning nothing.
    """
    import subprocess

    from masthead.radio import actions, audio

    real_run = subprocess.run

    def stalls(command: list[str], **kwargs: Any) -> Any:
        if "libmp3lame" not in command:
            return real_run(command, **kwargs)
        Path(command[-1]).write_bytes(b"\xff\xfb partial")
        raise subprocess.TimeoutExpired(command, kwargs.get("timeout") or 0)

    monkeypatch.setattr(audio.subprocess, "run", stalls)
    source, target = tmp_path / "speech.wav", tmp_path / "article.mp3"
    source.write_bytes(b"")
    with pytest.raises(audio.AudioError, match="too long"):
        audio.encode_file(source, target)
    assert not target.exists()

    article = make_article(title="Harbour wall repaired", standfirst="The work took a year.")
    ArticleAudio.objects.all().delete()
    assert actions.render_article_audio(article) is None
    assert not ArticleAudio.objects.exists()
    assert "could not be read aloud" in caplog.text
