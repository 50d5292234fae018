"""Page URLs from stored ``url_path`` values, without loading the pages.

Lists of headlines (related articles, search results) need each page's URL and
nothing else of the page. Wagtail's ``{% pageurl %}`` needs a page object and
reverses a URL per page; this gives the same answer from the ``url_path``
column and Wagtail's cached site root paths.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from wagtail.models import Site


@functools.cache
def _serve_prefix() -> str:
    """Return the path Wagtail serves pages under (``/`` unless mounted elsewhere)."""
    return reverse("wagtail_serve", args=("",))


def page_url(url_path: str, request: HttpRequest | None = None) -> str | None:
    """Return a page's URL as ``{% pageurl %}`` would: relative on its own site, else absolute.

    None when no site holds the page (as Wagtail's ``Page.url`` returns).
    """
    root_paths = Site.get_site_root_paths()
    current = getattr(request, "_wagtail_site", None) if request is not None else None
    if current is None and request is not None:
        current = Site.find_for_request(request)
    current_id = current.pk if current is not None else None
    # Wagtail tries the current site's roots first, then the others in order.
    ordered = sorted(root_paths, key=lambda root: root.site_id != current_id)
    for root in ordered:
        if not url_path.startswith(root.root_path):
            continue
        path = _serve_prefix() + url_path[len(root.root_path) :]
        if not getattr(settings, "WAGTAIL_APPEND_SLASH", True) and path != "/":
            path = path.rstrip("/")
        single_site = len({other.site_id for other in root_paths}) == 1
        if root.site_id == current_id or (current_id is None and single_site):
            return path
        return root.root_url + path
    return None
