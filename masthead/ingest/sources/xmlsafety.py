"""Refuse XML that declares entities before any parser expands them."""

from __future__ import annotations

import re

from masthead.ingest.records import RecordError

# A DOCTYPE's internal subset is where entity bombs live; news feeds and WordPress
# exports never need one. Checked on the raw bytes, before any parser runs.
ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.I)
DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.I)


def check_no_entities(data: bytes) -> None:
    """Raise RecordError when the document declares entities (an expansion bomb risk)."""
    head = data.replace(b"\x00", b"")  # UTF-16 documents: look at the ASCII letters.
    if ENTITY_DECLARATION.search(head) or DOCTYPE_SUBSET.search(head):
        raise RecordError("XML with entity declarations (a DOCTYPE subset) is refused")
