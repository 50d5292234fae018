"""Signals the tagging app sends, for apps that hang things on tags."""

from django.dispatch import Signal

# Sent inside merge_tags before the source tag is deleted, with kwargs
# ``source`` and ``survivor``: move anything pointing at the source.
tag_merged = Signal()
