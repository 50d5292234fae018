"""Fixtures of the discussion tests: articles, verified readers, signed-in clients."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone
from pytest_django import Settings

from masthead.discussion import actions
from masthead.testing.factories import make_article

_readers = itertools.count(1)
PASSWORD = "correct-horse-battery-staple-42"
CSRF_SECRET = "k" * 32  # An unmasked CSRF secret is a valid token too.


@pytest.fixture(autouse=True)
def no_rate_limits(settings: Settings) -> None:
    """Turn rate limits off; the tests about them turn them back on."""
    settings.DISCUSSION_RATELIMIT_ENABLED = False


def make_reader(name: str = "", *, is_staff: bool = False) -> Any:
    """Create a reader with a verified email, a password and a display name."""
    n = next(_readers)
    email = f"reader{n}@example.org"
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, is_staff=is_staff
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    actions.set_display_name(user, name or f"Reader {n}", notify_replies=False)
    return user


def client_for(user: Any) -> Client:
    """Return a test client signed in as the user, enforcing CSRF checks."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def csrf_post(client: Client, url: str, data: dict[str, Any], **extra: Any) -> Any:
    """POST with a CSRF cookie and the matching header, as the page script does."""
    client.cookies["csrftoken"] = CSRF_SECRET
    return client.post(url, data, HTTP_X_CSRFTOKEN=CSRF_SECRET, **extra)


def json_post(client: Client, url: str, data: dict[str, Any]) -> Any:
    """POST as the page script does (asking for JSON)."""
    return csrf_post(client, url, data, HTTP_ACCEPT="application/json")


@pytest.fixture
def article(db: None) -> Any:
    """Return a live article published an hour ago."""
    # The factory's default date moves back an hour per object made, so late in a long
    # run it would fall past the site's closing age and the discussion would be closed.
    return make_article(published_at=timezone.now() - dt.timedelta(hours=1))


@pytest.fixture
def reader(db: None) -> Any:
    """Return a verified reader."""
    return make_reader("Marta Quill")


@pytest.fixture
def other_reader(db: None) -> Any:
    """Return a second verified reader."""
    return make_reader("Teodor Vance")
