"""The admin panel showing a link's short URL, QR code and daily clicks."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.safestring import mark_safe
from wagtail.admin.panels import Panel

from masthead.shortlinks import qr
from masthead.shortlinks.models import ShortLink
from masthead.shortlinks.urls_for import short_url

DAYS_SHOWN = 30


class ShortLinkStatsPanel(Panel):
    """Read-only: short URL, QR code and the last 30 days of clicks."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "shortlinks/admin/stats_panel.html"

        def is_shown(self) -> bool:
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context: Any = None) -> Any:
            context = super().get_context_data(parent_context)
            link: ShortLink = self.instance
            url = short_url(link.code, self.request)
            since = timezone.localdate() - dt.timedelta(days=DAYS_SHOWN)
            days = list(link.daily_counts.filter(date__gt=since).order_by("-date"))
            context.update(
                {
                    "short_url": url,
                    "alias_url": short_url(link.alias, self.request) if link.alias else "",
                    # segno writes the SVG itself from our own URL: nothing to escape.
                    "qr_svg": mark_safe(qr.svg(url).decode()),  # noqa: S308
                    "days": days,
                    "human_total": sum(day.human_clicks for day in days),
                    "bot_total": sum(day.bot_clicks for day in days),
                }
            )
            return context
