"""Template helpers of the radio app's parts."""

from __future__ import annotations

from typing import Any

from django import template
from django.core.cache import caches
from django.templatetags.static import static

from masthead.core.page_cache import CACHE_ALIAS
from masthead.radio.models import ArticleAudio, article_audio_key

register = template.Library()
HLSJS = "vendor/hls.js/hls.min.js"
MISSING = object()
AUDIO_MEMO_SECONDS = 3600


@register.simple_tag
def hlsjs_url() -> str:
    """Return the URL of hls.js, or '' when npm has not installed it (native HLS and MP3 remain)."""
    try:
        return static(HLSJS)
    except ValueError:  # Not in the static manifest: node_modules was missing at collectstatic.
        return ""


@register.simple_tag
def article_audio(page: Any) -> dict[str, Any] | None:
    """Return the reading of an article page (url, seconds, label), or None before one exists.

    Kept in the shared cache beside the pages, so that rendering an article
    costs no query for it; writing a reading forgets the entry (``actions.py``).
    """
    if page is None or page.pk is None:
        return None
    cache = caches[CACHE_ALIAS]
    key = article_audio_key(page.pk)
    found = cache.get(key, MISSING)
    if found is MISSING:
        audio = (
            ArticleAudio.objects.filter(article_id=page.pk).only("file", "duration_seconds").first()
        )
        found = None
        if audio is not None and audio.file:
            found = {
                "url": audio.file.url,
                "seconds": round(audio.duration_seconds),
                "label": audio.duration_label,
            }
        cache.set(key, found, AUDIO_MEMO_SECONDS)
    return found  # type: ignore[no-any-return]
