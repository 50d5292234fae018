"""The reader's search page."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Site

from masthead.core.models import SiteIdentity
from masthead.core.page_cache import has_reader_state, mark_private, mark_public
from masthead.search import conf
from masthead.search.engines import SearchOutcome, browse, run_search
from masthead.search.filters import Order
from masthead.search.forms import SearchForm
from masthead.search.query import ReaderQuery, parse_query


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """Show the search form and, when asked, one page of highlighted results."""
    site = Site.find_for_request(request)
    if site is None:
        # As Wagtail's pages: results would span every Site's tree.
        raise Http404("No site serves this host.")
    zone = SiteIdentity.for_request(request).display_timezone
    data = request.GET.copy() if request.GET else None
    if data is not None and not data.get("sort"):
        data["sort"] = Order.RELEVANCE.value  # So the form shows the order in force.
    form = SearchForm(data, zone=zone, site=site)
    context: dict[str, Any] = {"form": form, "outcome": None, "query": None}
    if form.has_search() and form.is_valid():
        query = parse_query(form.cleaned_data["q"])
        context["query"] = query
        context["outcome"] = outcome(request, form, query)
    response = TemplateResponse(request, "search/search_page.html", context)
    if has_reader_state(request):
        mark_private(response)  # An editor's page carries the Wagtail user bar.
    elif form.is_bound:
        # Results are the same for every reader but not shared: the key space
        # is unbounded and search pages are not purged when an article is
        # withdrawn (docs/search.md).
        patch_cache_control(response, private=True, max_age=conf.browser_max_age())
    else:
        mark_public(response)
    return response


def outcome(request: HttpRequest, form: SearchForm, query: ReaderQuery) -> SearchOutcome | None:
    """Return the results for the form's words, or its filters alone; None if neither.

    Words to leave out with none to search for give None, with filters or without.
    """
    page_number = request.GET.get("page")
    if not query.is_empty:
        return run_search(query, form.filters(), form.order(), page_number)
    if query.excluded:
        # Nothing to leave the words out of: the filters alone would list them.
        return None
    if not form.filters().is_empty:
        return browse(form.filters(), page_number)
    return None
