"""Paths of named routes that take one id, without running ``reverse()`` for each id.

``reverse()`` costs about 25 µs a call: it matches the arguments against the
route's patterns every time. Some routes are asked for again and again with a
different id (every comment shown links to its report form; every post
answers with its article's discussion page), so the text around the id is
worked out once per route, URL configuration and script prefix, and each call
only puts the id in. The answer is what ``reverse(name, args=[id])`` gives.
"""

from __future__ import annotations

import functools

from django.urls import get_resolver, get_script_prefix, get_urlconf, reverse
from django.urls.resolvers import URLResolver

# Longer than any id a column holds, so these digits never occur in a route's
# own text: where they appear in the reversed path is where the id goes.
_MARK = "98765432109876543210"


@functools.lru_cache(maxsize=256)
def _around_id(
    name: str, prefix: str, urlconf: str | None, resolver: URLResolver
) -> tuple[str, str]:
    """Return the route's path before and after its id.

    Every argument keys the cache (``reverse`` reads the script prefix itself);
    the resolver too, as Django makes a new one when the URL configuration
    changes (in tests), so a changed route is worked out again.
    """
    path = reverse(name, args=[int(_MARK)], urlconf=urlconf)
    before, mark, after = path.partition(_MARK)
    if not mark:
        raise ValueError(f"The route {name!r} does not write its id as digits.")
    return before, after


def path_with_id(name: str, value: int) -> str:
    """Return the path of the named route for one integer id (as ``reverse`` would)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"An id is a whole number, not {value!r}.")
    urlconf = get_urlconf()
    before, after = _around_id(name, get_script_prefix(), urlconf, get_resolver(urlconf))
    return f"{before}{value}{after}"
