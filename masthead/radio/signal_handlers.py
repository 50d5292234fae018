"""Read articles aloud when they are published; drop the reading when they are not."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished


def queue_article_audio(sender: Any, instance: Page, **kwargs: Any) -> None:
    """Queue the audio reading of a published article."""
    from masthead.radio import conf
    from masthead.radio.tasks import enqueue_article_audio

    if conf.is_article_audio_enabled():
        enqueue_article_audio(instance.pk)


def withdraw_article_audio(sender: Any, instance: Page, **kwargs: Any) -> None:
    """Delete the reading of an unpublished article."""
    from masthead.radio.actions import withdraw_article_audio as withdraw

    withdraw(instance)


def delete_audio_file(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Delete the file of a deleted reading (a deleted article's too) or programme."""
    from masthead.radio.actions import delete_audio_file as delete

    delete(instance)


def register_signal_handlers() -> None:
    """Connect the radio app to Wagtail's page signals."""
    from masthead.newsroom.models import ArticlePage
    from masthead.radio.models import ArticleAudio, AudioProgramme

    page_published.connect(
        queue_article_audio, sender=ArticlePage, dispatch_uid="radio-article-audio"
    )
    page_unpublished.connect(
        withdraw_article_audio, sender=ArticlePage, dispatch_uid="radio-withdraw-audio"
    )
    post_delete.connect(delete_audio_file, sender=ArticleAudio, dispatch_uid="radio-audio-file")
    # A deleted programme must not stay downloadable at its media address.
    post_delete.connect(
        delete_audio_file, sender=AudioProgramme, dispatch_uid="radio-programme-file"
    )
