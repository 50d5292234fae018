"""Wagtail hooks of the distribution app."""

from __future__ import annotations

import logging
from typing import Any

from wagtail import hooks

logger = logging.getLogger(__name__)


@hooks.register("after_demo_load")
def add_demo_publisher_logo(stdout: Any) -> None:
    """Give the demo publication a logo, which NewsArticle structured data names."""
    from masthead.distribution.demo import ensure_demo_logo

    if ensure_demo_logo():
        # Logged, not written: the demo command's own summary stays its first line.
        logger.info("Drew a publisher logo for the demo.")
