"""The WSGI module warms every app that asks before a worker serves."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps

import masthead.wsgi


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
    importlib.reload(masthead.wsgi)
    assert calls == ["warm", "warm"]


def test_moderation_loads_the_toxicity_model_when_warmed() -> None:
    """Screening's model is in memory before the first comment."""
    from masthead.discussion.moderation import classifier

    classifier.model.cache_clear()
    apps.get_app_config("moderation").warm_up()  # type: ignore[attr-defined]
    assert classifier.model.cache_info().currsize == 1
