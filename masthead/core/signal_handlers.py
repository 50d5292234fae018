"""Empty the page cache when something every page shows or depends on changes."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from masthead.core.page_cache import purge_everything


def purge_all(sender: Any, **kwargs: Any) -> None:
    """Empty the page cache and the shared lookups kept in it, once the change is committed."""
    transaction.on_commit(purge_everything)


def register_signal_handlers() -> None:
    """Connect site-wide changes to a full purge."""
    from wagtail.models import PageViewRestriction, Site

    from masthead.core.models import SiteIdentity

    for model in (Site, SiteIdentity, PageViewRestriction):
        post_save.connect(purge_all, sender=model)
        post_delete.connect(purge_all, sender=model)
