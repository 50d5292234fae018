"""The demo hook gives the publication a logo once."""

from __future__ import annotations

import pytest
from wagtail.models import Site

from masthead.core.models import SiteIdentity
from masthead.distribution.demo import ensure_demo_logo
from masthead.testing.factories import make_home

pytestmark = pytest.mark.django_db


def test_demo_logo_is_drawn_once() -> None:
    """A missing logo is drawn and kept; an existing one is left alone."""
    make_home()
    assert ensure_demo_logo() is True
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    assert identity.logo is not None and identity.logo.width == 600
    assert ensure_demo_logo() is False
