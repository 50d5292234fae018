"""Site-wide settings editable in the Wagtail admin."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.images import get_image_model_string
from wagtail.models import Site

DEFAULT_DATELINE_FORMAT = "H:i T d F Y"


def stored_value(instance: models.Model, field: str) -> Any:
    """Return a field of a row as the database holds it (None for a row not yet saved).

    For saves that act on a change (a new slug keeps the old address answering).
    """
    if instance.pk is None:
        return None
    manager = type(instance)._default_manager
    return manager.filter(pk=instance.pk).values_list(field, flat=True).first()


@cache
def timezone_choices() -> list[tuple[str, str]]:
    """Return every IANA zone name as a choice, sorted."""
    return [(name, name) for name in sorted(zoneinfo.available_timezones())]


def validate_timezone(value: str) -> None:
    """Reject a zone name the IANA database does not know."""
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a known time zone.")


@register_setting(icon="site")
class SiteIdentity(BaseSiteSetting):
    """The newsroom's name, logo and how it writes times."""

    publication_name = models.CharField(max_length=120, default="Masthead")
    tagline = models.CharField(max_length=200, blank=True)
    logo = models.ForeignKey(
        get_image_model_string(),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    display_timezone = models.CharField(
        max_length=64,
        default="UTC",
        choices=timezone_choices,
        validators=[validate_timezone],
        help_text="Datelines are shown in this zone.",
    )
    utc_label = models.CharField(
        max_length=10,
        default="GMT",
        help_text="How the zone is written when the display zone is UTC.",
    )
    dateline_format = models.CharField(
        max_length=60,
        default=DEFAULT_DATELINE_FORMAT,
        help_text=(
            "Django date format; T is the zone's abbreviation (GMT, BST, CET...). "
            "The default writes 18:00 GMT 03 July 2020."
        ),
    )
    updated_label = models.CharField(max_length=40, default="Updated")

    panels = [
        MultiFieldPanel(
            [FieldPanel("publication_name"), FieldPanel("tagline"), FieldPanel("logo")],
            heading="Identity",
        ),
        MultiFieldPanel(
            [
                FieldPanel("display_timezone"),
                FieldPanel("utc_label"),
                FieldPanel("dateline_format"),
                FieldPanel("updated_label"),
            ],
            heading="Datelines",
        ),
    ]

    class Meta:
        verbose_name = "site identity"

    def __str__(self) -> str:
        return self.publication_name

    @classmethod
    def for_request(cls, request: Any) -> SiteIdentity:
        """Return the identity of the request's site, from the shared cache when there.

        A request no Site serves gets an unsaved identity of the defaults, so that
        its "not found" page can still be drawn.
        """
        from django.core.cache import caches

        from masthead.core.page_cache import CACHE_ALIAS

        if hasattr(request, "_masthead_identity"):
            return request._masthead_identity  # type: ignore[no-any-return]
        site = Site.find_for_request(request)
        if site is None:
            # Wagtail's for_site(None) raises, which turned every such page into a 500.
            request._masthead_identity = cls()
            return request._masthead_identity  # type: ignore[no-any-return]
        cache = caches[CACHE_ALIAS]
        key = f"lookup:identity:{site.pk}"
        identity = cache.get(key)
        if identity is None:
            identity = cls.for_site(site)
            cache.set(key, identity)
        request._masthead_identity = identity
        return identity  # type: ignore[no-any-return]
