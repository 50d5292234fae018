"""Paths of routes taking one id: the same as reverse(), for any id and script prefix."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix

from masthead.core.routes import path_with_id

ROUTES = ["discussion:page", "discussion:live", "moderation:report", "discussion:edit"]


@pytest.mark.parametrize("name", ROUTES)
@pytest.mark.parametrize("value", [0, 7, 1234567890, 2**63 - 1])
def test_path_is_what_reverse_gives(name: str, value: int) -> None:
    assert path_with_id(name, value) == reverse(name, args=[value])


def test_script_prefix_is_followed() -> None:
    try:
        set_script_prefix("/news/")
        assert path_with_id("discussion:page", 5) == reverse("discussion:page", args=[5])
        assert path_with_id("discussion:page", 5).startswith("/news/")
    finally:
        set_script_prefix("/")
    assert path_with_id("discussion:page", 5) == reverse("discussion:page", args=[5])


@pytest.mark.parametrize("value", [-1, "5", 5.0, True, None])
def test_anything_but_a_whole_number_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="whole number"):
        path_with_id("discussion:page", value)  # type: ignore[arg-type]


def test_unknown_and_idless_routes_raise() -> None:
    with pytest.raises(NoReverseMatch):
        path_with_id("discussion:no-such-route", 1)
    with pytest.raises(NoReverseMatch):
        path_with_id("discussion:account", 1)  # Takes no id.
