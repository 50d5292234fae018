"""Wire the import app to publishing: link related headlines waiting for an article."""

from __future__ import annotations

from typing import Any

from wagtail.signals import page_published


def link_waiting_headlines(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Resolve imported related headlines that name the article just published."""
    from masthead.ingest.actions import resolve_waiting_headlines

    resolve_waiting_headlines(instance)


def register_signal_handlers() -> None:
    """Connect the import app to Wagtail's publishing signal for articles."""
    from masthead.newsroom.models import ArticlePage

    page_published.connect(link_waiting_headlines, sender=ArticlePage)
