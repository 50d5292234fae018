"""The WSGI module warms every app that asks, and freezes its set-up, before a worker serves."""

from __future__ import annotations

import gc
import importlib
import os
import subprocess
import sys
import weakref
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps

import masthead.wsgi
from masthead.core import worker_heap


def test_workers_warm_up_apps_before_serving(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each app config with a ``warm_up`` method is called once; others are left alone."""
    calls: list[str] = []

    class Warm:
        def warm_up(self) -> None:
            calls.append("warm")

    class Plain:
        pass

    configs: list[Any] = [Warm(), Plain(), Warm()]
    monkeypatch.setattr(apps, "get_app_configs", lambda: configs)
    # Not this test process's objects: freezing is tested in a worker-like process below.
    monkeypatch.setattr(worker_heap, "freeze_startup_objects", lambda: 0)
    importlib.reload(masthead.wsgi)
    assert calls == ["warm", "warm"]


def test_moderation_loads_the_toxicity_model_when_warmed() -> None:
    """Screening's model is in memory before the first comment."""
    from masthead.discussion.moderation import classifier

    classifier.model.cache_clear()
    apps.get_app_config("moderation").warm_up()  # type: ignore[attr-defined]
    assert classifier.model.cache_info().currsize == 1


def test_a_worker_freezes_what_set_up_loaded(tmp_path: Path) -> None:
    """A fresh process importing the WSGI module has its set-up objects frozen."""
    script = "import gc, masthead.wsgi; print(gc.get_freeze_count())"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
        "MASTHEAD_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    # Django, Wagtail and the screening model: far more than a bare interpreter's objects.
    assert int(result.stdout.split()[-1]) > 100_000


def test_freezing_collects_garbage_first() -> None:
    """Garbage left by set-up is freed, not frozen for the worker's life."""

    class Cycle:
        me: Cycle | None = None

    gc.disable()  # No automatic collection between making the cycle and freezing.
    try:
        cycle = Cycle()
        cycle.me = cycle  # Only the collector can free a cycle.
        alive = weakref.ref(cycle)
        del cycle
        assert alive() is not None
        assert worker_heap.freeze_startup_objects() == gc.get_freeze_count() > 0
        assert alive() is None
    finally:
        gc.unfreeze()  # This test process is not a worker.
        gc.enable()
