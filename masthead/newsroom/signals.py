"""Signals the newsroom app sends, for apps that publish addresses of its rows."""

from django.dispatch import Signal

# Sent inside Author.save when an existing author's slug changes, with kwargs
# ``author`` and ``old_slug``: keep the author's old addresses answering.
author_slug_changed = Signal()
