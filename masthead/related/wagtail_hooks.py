"""Wagtail hooks of the related headlines app: lists for the demo newsroom."""

from __future__ import annotations

import logging
import time
from typing import Any

from wagtail import hooks

logger = logging.getLogger(__name__)


# Late in the order, so the lists see the tags other hooks give demo articles.
@hooks.register("after_demo_load", order=100)
def build_demo_lists(stdout: Any) -> None:
    """Build the index and every related list once the demo newsroom is loaded."""
    from masthead.related.rebuild import rebuild

    started = time.monotonic()
    summary = rebuild()
    # Logged, not written: the demo command's own summary stays its first line.
    logger.info(
        "Built related lists of %d demo articles in %.1fs.",
        summary.articles,
        time.monotonic() - started,
    )
