"""Benchmark a web worker's full garbage collections, with and without its set-up frozen.

Run with ``.venv/bin/python bench/worker_gc.py``. The process imports
``masthead.wsgi`` as a granian worker does (Django, Wagtail, every app's warm-up,
the screening model), which freezes what set-up loaded
(``masthead.core.worker_heap``). It then times full collections (``gc.collect()``,
what Python runs by itself every few hundred posts in a busy worker) twice: with
those objects unfrozen again (the reference: a worker without the freeze), and
frozen. Prints the median of ``--repeats`` collections of each and the ratio.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path


def full_collections(repeats: int) -> list[float]:
    """Return the seconds each of ``repeats`` full collections took."""
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        gc.collect()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    options = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    with tempfile.TemporaryDirectory(prefix="worker-gc-bench-") as data:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")
        os.environ["MASTHEAD_DATA_DIR"] = data
        import masthead.wsgi  # noqa: F401  (sets the worker up, freezing at its end)

        frozen_count = gc.get_freeze_count()
        gc.unfreeze()
        tracked = len(gc.get_objects())
        unfrozen = statistics.median(full_collections(options.repeats))
        gc.freeze()
        frozen = statistics.median(full_collections(options.repeats))
        left = len(gc.get_objects())
    print(f"Objects frozen by set-up: {frozen_count:,} (tracked unfrozen: {tracked:,})")
    print(f"Full collection, unfrozen (reference): {unfrozen * 1000:8.2f} ms")
    print(f"Full collection, frozen:               {frozen * 1000:8.2f} ms ({left:,} objects)")
    print(f"Medians of {options.repeats} collections each.")
    print(f"Ratio frozen / unfrozen: {frozen / unfrozen:.3f}")


if __name__ == "__main__":
    main()
