"""The Jinja2 environment: Django's escaping, dates in the current time zone, named URLs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template import engines
from django.template.defaultfilters import date as date_filter
from django.utils import timezone, translation
from django.utils.html import escape as django_escape
from django.utils.safestring import mark_safe

HOSTILE = [
    '<script>alert("x")</script>',
    'O\'Neil & "Co"',
    "<img src=x onerror=alert(1)>",
    "javascript:alert('x')",
    "plain",
]


def render(source: str, **context: object) -> str:
    return str(engines["jinja2"].from_string(source).render(context))


@pytest.mark.parametrize("value", HOSTILE)
def test_values_are_escaped_as_django_escapes_them(value: str) -> None:
    """Quotes come out as ``&quot;`` and ``&#x27;``, as in Django templates."""
    assert render("{{ value }}", value=value) == django_escape(value)


def test_safe_values_pass_unchanged() -> None:
    html = "<p>A <em>safe</em> body</p>"
    assert render("{{ value }}", value=mark_safe(html)) == html  # noqa: S308
    assert render("{{ value|safe }}", value=html) == html


def test_numbers_and_none_are_shown_as_text() -> None:
    assert render("{{ n }}/{{ none }}", n=1234567, none=None) == "1234567/None"


@pytest.mark.django_db
def test_url_reverses_named_urls() -> None:
    assert render("{{ url('discussion:live', 42) }}") == "/discussion/42/live.json"


def test_date_formats_in_the_current_time_zone() -> None:
    moment = dt.datetime(2026, 7, 3, 18, 0, tzinfo=dt.UTC)
    assert render("{{ m|date('j M Y, H:i') }}", m=moment) == "3 Jul 2026, 18:00"
    with timezone.override("Asia/Tokyo"):
        assert render("{{ m|date('H:i c') }}", m=moment) == "03:00 2026-07-04T03:00:00+09:00"
    assert render("{{ m|date('U') }}", m=None) == ""


@pytest.mark.parametrize("language", ["en", "de", "fr"])
@pytest.mark.parametrize("fmt", ["j M Y, H:i", "c", "U", "DATE_FORMAT", "SHORT_DATETIME_FORMAT"])
def test_date_gives_what_django_date_filter_gives(language: str, fmt: str) -> None:
    """Written-out formats and named ones, with months in the active language."""
    moment = dt.datetime(2026, 3, 3, 18, 0, tzinfo=dt.UTC)
    with translation.override(language):
        expected = date_filter(timezone.localtime(moment), fmt)
        assert render("{{ m|date(f) }}", m=moment, f=fmt) == expected
