"""Ranking the candidates read from the database index."""

from __future__ import annotations

import datetime as dt

from masthead.search.direct import Candidate, rank
from masthead.search.filters import Order

DAY = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def test_relevance_then_newest_first() -> None:
    """Lower scores come first; equal scores go newest first."""
    candidates = [
        Candidate(1, -1.0, DAY),
        Candidate(2, -3.0, DAY),
        Candidate(3, -1.0, DAY + dt.timedelta(days=1)),
    ]
    assert rank(candidates, Order.RELEVANCE) == [2, 3, 1]


def test_date_order_puts_undated_articles_last() -> None:
    """Newest first; an article without a publication time sorts as the oldest."""
    candidates = [
        Candidate(1, -1.0, DAY),
        Candidate(2, -3.0, None),
        Candidate(3, -2.0, DAY + dt.timedelta(days=1)),
    ]
    assert rank(candidates, Order.DATE) == [3, 1, 2]
