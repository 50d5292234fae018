"""The import formats: one module per format, each with ``parse(data, origin)``."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from masthead.ingest.records import ArticleRecord, Failure

Parser = Callable[[bytes, str], Iterator[ArticleRecord | Failure]]


@dataclass(frozen=True)
class Format:
    """An import format: its module and the file names a directory walk picks up."""

    name: str
    module: str
    extensions: tuple[str, ...]

    def parser(self) -> Parser:
        """Return the format's ``parse`` function."""
        parse: Parser = importlib.import_module(self.module).parse
        return parse


FORMATS = {
    fmt.name: fmt
    for fmt in (
        Format("textpage", "masthead.ingest.sources.textpage", (".txt",)),
        Format("html", "masthead.ingest.sources.html", (".html", ".htm")),
        Format("feed", "masthead.ingest.sources.feed", (".xml", ".rss", ".atom")),
        Format("wxr", "masthead.ingest.sources.wxr", (".xml", ".wxr")),
        Format("ninjs", "masthead.ingest.sources.ninjs", (".json",)),
    )
}
