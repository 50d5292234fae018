"""Background work of the radio app: reading published articles aloud."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task


@task()
def render_article_audio_task(article_id: int) -> float:
    """Render a published article to audio; return its duration in seconds (0 if none)."""
    from masthead.newsroom.models import ArticlePage
    from masthead.radio.actions import render_article_audio

    article = ArticlePage.objects.live().filter(pk=article_id).first()
    if article is None:  # Unpublished or deleted before the worker got to it.
        return 0.0
    audio = render_article_audio(article)
    return audio.duration_seconds if audio is not None else 0.0


def enqueue_article_audio(article_id: int) -> None:
    """Queue the reading of an article once the current transaction commits."""
    transaction.on_commit(lambda: render_article_audio_task.enqueue(article_id))
