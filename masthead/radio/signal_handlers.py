"""Read articles aloud when they are published."""

from __future__ import annotations

from typing import Any

from wagtail.models import Page
from wagtail.signals import page_published


def queue_article_audio(sender: Any, instance: Page, **kwargs: Any) -> None:
    """Queue the audio reading of a published article."""
    from masthead.radio import conf
    from masthead.radio.tasks import enqueue_article_audio

    if conf.is_article_audio_enabled():
        enqueue_article_audio(instance.pk)


def register_signal_handlers() -> None:
    """Connect the radio app to Wagtail's page signals."""
    from masthead.newsroom.models import ArticlePage

    page_published.connect(
        queue_article_audio, sender=ArticlePage, dispatch_uid="radio-article-audio"
    )
