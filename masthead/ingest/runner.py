"""Read import inputs (files, directories, standard input) and import every record."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from masthead.ingest import conf
from masthead.ingest.actions import FAILED, Outcome
from masthead.ingest.bulk import BATCH_SIZE, import_batch
from masthead.ingest.records import ArticleRecord, Failure, RecordError
from masthead.ingest.sources import FORMATS
from masthead.newsroom.models import SectionPage

logger = logging.getLogger(__name__)
STDIN = "-"


@dataclass(frozen=True)
class Input:
    """One thing to read: a file path, or standard input."""

    origin: str
    path: Path | None = None


def collect_inputs(format_name: str, paths: list[str]) -> list[Input]:
    """Return the inputs named: files as given, directories walked for the format's files."""
    extensions = FORMATS[format_name].extensions
    inputs: list[Input] = []
    for name in paths:
        if name == STDIN:
            inputs.append(Input(STDIN))
            continue
        path = Path(name)
        if is_folder(path):
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for file in sorted(files):
                    if not file.startswith(".") and file.lower().endswith(extensions):
                        inputs.append(Input(str(Path(root) / file), Path(root) / file))
        else:
            inputs.append(Input(name, path))
    return inputs


def is_folder(path: Path) -> bool:
    """Return whether a path names a directory; a name no file can have does not."""
    try:
        return path.is_dir()
    except OSError:  # is_dir() raises for a name past the system's limit instead of saying no.
        return False  # Read as a file, it fails as a record with the system's reason.


def read_input(source: Input, stdin: BinaryIO | None) -> bytes:
    """Return an input's bytes, refusing anything over the size limit before reading it.

    ``stdin`` is None when the process has no standard input (it was closed).
    """
    limit = conf.max_bytes()
    if source.path is None:
        if stdin is None:
            raise RecordError("standard input is closed")
        data = stdin.read(limit + 1)
    else:
        try:
            size = source.path.stat().st_size
        except OSError as error:
            raise RecordError(f"cannot read: {error.strerror}") from None
        if not source.path.is_file():
            raise RecordError("not a file")
        if size > limit:
            raise RecordError(f"file of {size} bytes is over the {limit}-byte limit")
        try:
            with source.path.open("rb") as handle:
                data = handle.read(limit + 1)
        except OSError as error:
            raise RecordError(f"cannot read: {error.strerror}") from None
    if len(data) > limit:
        raise RecordError(f"input is over the {limit}-byte limit")
    return data


def read_records(
    format_name: str, source: Input, stdin: BinaryIO | None
) -> Iterator[ArticleRecord | Outcome]:
    """Yield one input's records, and a failed outcome for each part that cannot be read."""
    try:
        data = read_input(source, stdin)
    except RecordError as error:
        yield Outcome(FAILED, source.origin, error=str(error))
        return
    parse = FORMATS[format_name].parser()
    items = parse(data, source.origin)
    while True:
        try:
            item = next(items)
        except StopIteration:
            return
        except Exception as error:
            # A reader bug on strange input fails this input, never the batch.
            logger.exception("Reading %s failed", source.origin)
            yield Outcome(FAILED, source.origin, error=f"unreadable: {type(error).__name__}")
            return
        if isinstance(item, Failure):
            yield Outcome(FAILED, item.origin, error=item.message)
        else:
            yield item


def import_inputs(
    format_name: str,
    sources: Iterable[Input],
    stdin: BinaryIO | None,
    *,
    section: SectionPage | None = None,
    dry_run: bool = False,
    batch_size: int = BATCH_SIZE,
) -> Iterator[tuple[int, Outcome]]:
    """Yield (inputs read so far, outcome) for every record of the inputs, in their order.

    Records are imported in batches of ``batch_size`` (see ``bulk.import_batch``);
    a batch's outcomes come out when it is done.
    """
    pending: list[ArticleRecord | Outcome] = []
    records = count = 0

    def flush() -> Iterator[tuple[int, Outcome]]:
        batch = [item for item in pending if isinstance(item, ArticleRecord)]
        done = iter(import_batch(batch, section=section, dry_run=dry_run) if batch else [])
        for item in pending:
            yield count, item if isinstance(item, Outcome) else next(done)
        pending.clear()

    for source in sources:
        for item in read_records(format_name, source, stdin):
            pending.append(item)
            records += isinstance(item, ArticleRecord)
            if records >= batch_size:
                yield from flush()
                records = 0
        count += 1
    yield from flush()


def import_input(
    format_name: str,
    source: Input,
    stdin: BinaryIO | None,
    *,
    section: SectionPage | None = None,
    dry_run: bool = False,
) -> Iterator[Outcome]:
    """Yield the outcome of every record in one input."""
    for _, outcome in import_inputs(format_name, [source], stdin, section=section, dry_run=dry_run):
        yield outcome
