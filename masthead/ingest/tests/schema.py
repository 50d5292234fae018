"""Validate ninjs against the bundled official schema, with real format checks."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker

from masthead.distribution.ninjs import ninjs_schema

FORMATS = FormatChecker()


@FORMATS.checks("date-time", raises=ValueError)
def is_date_time(value: object) -> bool:
    """Return whether a string is an RFC 3339 date-time with a zone."""
    if not isinstance(value, str):
        return True
    moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return "T" in value and moment.tzinfo is not None


@FORMATS.checks("uri")
def is_uri(value: object) -> bool:
    """Return whether a string is an absolute URI (scheme and something after it)."""
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc or parts.path) and " " not in value


def ninjs_errors(item: Any) -> list[str]:
    """Return the schema violations of a ninjs object (empty when valid)."""
    validator = Draft202012Validator(ninjs_schema(), format_checker=FORMATS)
    return [f"{list(error.path)}: {error.message}" for error in validator.iter_errors(item)]
