"""Pick the page of a list a reader's ``?page=`` asks for, forgiving bad numbers."""

from __future__ import annotations

from django.core.paginator import Page, Paginator


def nearest_page(paginator: Paginator, page_number: str | None) -> Page:
    """Return the page asked for, or the nearest one: the first below 1, the last past the end."""
    try:
        is_below_first = int(page_number or 1) < 1
    except ValueError:  # Not a number (or one of thousands of digits): get_page gives page 1.
        is_below_first = False
    # Django's get_page answers a number below 1 with the last page, the worst results.
    return paginator.get_page("1" if is_below_first else page_number)
