"""The Site of a request comes from the shared cache, except where no page is rendered."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from wagtail.models import Site

from masthead.core.shared_lookups import SharedSiteMiddleware

pytestmark = pytest.mark.django_db


def seen_site(request: HttpRequest) -> Any:
    """Run the middleware on a request; return the Site it attached, or None."""
    middleware = SharedSiteMiddleware(lambda r: HttpResponse())
    middleware(request)
    return getattr(request, "_wagtail_site", None)


def test_pages_and_reader_reads_get_the_site_but_reader_writes_do_not() -> None:
    """Reads get the default Site; comment posts and reports skip the lookup."""
    factory = RequestFactory()
    default = Site.objects.get(is_default_site=True)
    assert seen_site(factory.get("/")) == default
    assert seen_site(factory.get("/discussion/1/")) == default
    assert seen_site(factory.post("/discussion/1/comments/")) is None
    assert seen_site(factory.post("/moderation/comments/1/report/")) is None
    assert seen_site(factory.get("/admin/")) is None
    # A write elsewhere (a page's own form) still gets it.
    assert seen_site(factory.post("/contact/")) == default
