"""The article dateline follows the site settings, with the updated time after it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from wagtail.models import Site

from masthead.core.models import SiteIdentity
from masthead.testing.factories import make_article

pytestmark = pytest.mark.django_db

PUBLISHED = dt.datetime(2020, 7, 3, 18, 0, tzinfo=dt.UTC)


def test_article_shows_reference_dateline(client: Client) -> None:
    """By default the dateline reads 18:00 GMT 03 July 2020 with an ISO datetime."""
    article = make_article(published_at=PUBLISHED)
    html = client.get(article.url).content.decode()
    assert '<time datetime="2020-07-03T18:00:00+00:00" class="dateline__published">' in html
    assert "18:00 GMT 03 July 2020</time>" in html
    assert "dateline__updated" not in html


def test_updated_time_follows_published_time(client: Client) -> None:
    """An editorial update shows after the publication time."""
    updated = PUBLISHED + dt.timedelta(hours=15, minutes=30)
    article = make_article(published_at=PUBLISHED, updated_at=updated)
    html = client.get(article.url).content.decode()
    assert html.index("18:00 GMT 03 July 2020") < html.index("09:30 GMT 04 July 2020")
    assert 'datetime="2020-07-04T09:30:00+00:00"' in html


def test_changing_the_site_zone_changes_every_dateline(
    client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """Switching the display zone re-renders cached pages in the new zone."""
    article = make_article(published_at=PUBLISHED)
    assert "18:00 GMT" in client.get(article.url).content.decode()
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.display_timezone = "Europe/London"
    with django_capture_on_commit_callbacks(execute=True):
        identity.save()
    html = client.get(article.url).content.decode()
    assert "19:00 BST 03 July 2020" in html
    # The machine-readable time keeps the stored instant in UTC.
    assert 'datetime="2020-07-03T18:00:00+00:00"' in html


def test_unknown_zone_is_a_validation_error() -> None:
    """A zone name outside the IANA database cannot be saved through the form."""
    from django.core.exceptions import ValidationError

    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    identity.display_timezone = "Mars/Olympus_Mons"
    with pytest.raises(ValidationError):
        identity.full_clean()
