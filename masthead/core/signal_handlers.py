"""Empty the page cache when something every page shows or depends on changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models, transaction
from django.db.models.signals import post_delete, post_save, pre_save

from masthead.core.page_cache import purge_everything

# Where a pre_save handler of purge_on_shown_change leaves, on the row being
# saved, whether a field readers see changes.
SHOWN_CHANGED = "_core_shown_changed"


def purge_all(sender: Any, **kwargs: Any) -> None:
    """Empty the page cache and the shared lookups kept in it, once the change is committed."""
    transaction.on_commit(purge_everything)


def purge_on_shown_change(model: type[models.Model], fields: Sequence[str]) -> None:
    """Empty the page cache after a row of ``model`` changes one of ``fields`` or is deleted.

    For rows shown on many pages (a tag's name on every article carrying it, an
    author's byline): more pages than a purge list is worth for a rare edit. A
    new row, or a save that changes none of the fields, purges nothing (one
    query per save of an existing row reads the stored fields).
    """
    label = model._meta.label_lower

    def remember(sender: Any, instance: Any, **kwargs: Any) -> None:
        if instance.pk is None or kwargs.get("raw"):
            return
        stored = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
        changed = stored is not None and any(
            stored[name] != getattr(instance, name) for name in fields
        )
        setattr(instance, SHOWN_CHANGED, changed)

    def purge(sender: Any, instance: Any, **kwargs: Any) -> None:
        if kwargs.get("raw") or kwargs.get("created"):
            return
        if instance.__dict__.pop(SHOWN_CHANGED, True):
            purge_all(sender)

    # The handlers are closures: held strongly, and once per model whatever calls this.
    pre_save.connect(remember, sender=model, weak=False, dispatch_uid=f"shown-{label}")
    post_save.connect(purge, sender=model, weak=False, dispatch_uid=f"shown-saved-{label}")
    post_delete.connect(purge, sender=model, weak=False, dispatch_uid=f"shown-deleted-{label}")


def remember_child_ids(
    parent: type[models.Model], relation: str, column: str, attribute: str
) -> None:
    """Before each save of a ``parent`` that rewrites its ``relation`` rows, note what they held.

    The stored rows' ``column`` values go on the instance as ``attribute``, for the
    handlers after a publish: modelcluster replaces an article's tag and byline
    rows, and a tag or an author the article lost must be purged too. Saves that
    leave the rows alone (a draft saves named fields only) are skipped.
    """
    field = parent._meta.get_field(relation)
    child = field.related_model
    parent_column = field.field.attname  # type: ignore[union-attr]  # a reverse relation

    def remember(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
        if instance.pk is None or kwargs.get("raw"):
            return
        if update_fields is not None and relation not in update_fields:
            return
        rows = child._default_manager.filter(**{parent_column: instance.pk})  # type: ignore[union-attr]
        setattr(instance, attribute, list(rows.values_list(column, flat=True)))

    label = f"{parent._meta.label_lower}-{relation}"
    pre_save.connect(remember, sender=parent, weak=False, dispatch_uid=f"remember-{label}")


def register_signal_handlers() -> None:
    """Connect site-wide changes to a full purge."""
    from wagtail.models import PageViewRestriction, Site

    from masthead.core.models import SiteIdentity

    for model in (Site, SiteIdentity, PageViewRestriction):
        post_save.connect(purge_all, sender=model)
        post_delete.connect(purge_all, sender=model)
