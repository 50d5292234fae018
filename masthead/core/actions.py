"""Writes of the core app: the default site's public address."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db import transaction
from wagtail.models import Site


@transaction.atomic
def align_default_site(base_url: str) -> Site | None:
    """Point the default Site at ``base_url``'s host and port, so canonical URLs work.

    Wagtail builds absolute URLs (short-link redirects, purges, feeds) from the
    Site's hostname and port; in development they must be where `make run` serves.
    When another Site already answers there (set up by hand in a multi-site
    install), that Site is returned and the default one left as it is: two Sites
    cannot share a hostname and port.
    """
    parts = urlsplit(base_url)
    if not parts.hostname:
        raise ValueError(f"{base_url!r} has no host name.")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    already = Site.objects.filter(hostname=parts.hostname, port=port).exclude(pk=site.pk).first()
    if already is not None:
        return already
    if (site.hostname, site.port) != (parts.hostname, port):
        site.hostname, site.port = parts.hostname, port
        site.save()
    return site
