"""The backends load the signed-in user as Django's would, and refuse the same users."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from masthead.core.auth_backends import AuthenticationBackend, ModelBackend

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("backend", [ModelBackend(), AuthenticationBackend()])
def test_get_user_finds_active_users_only(backend: ModelBackend) -> None:
    """An active user is loaded whole; inactive, missing and malformed ids give None."""
    user = get_user_model().objects.create_user("reader@example.org", "reader@example.org", "pw")
    found = backend.get_user(str(user.pk))
    assert found == user and found.get_session_auth_hash() == user.get_session_auth_hash()
    assert found.get_deferred_fields() == set()
    assert backend.get_user(user.pk + 1000) is None
    assert backend.get_user("1 OR 1=1") is None
    assert backend.get_user(str(2**70)) is None
    user.is_active = False
    user.save()
    assert backend.get_user(user.pk) is None


def test_signed_in_requests_see_the_user_and_lose_it_with_the_password() -> None:
    """A session stays signed in through the backend until the password changes."""
    user = get_user_model().objects.create_user("ana@example.org", "ana@example.org", "pw-1")
    client = Client()
    client.force_login(user, backend="masthead.core.auth_backends.AuthenticationBackend")
    assert client.get("/discussion/me.json").json()["authenticated"] is True
    user.set_password("pw-2")
    user.save()
    assert client.get("/discussion/me.json").json()["authenticated"] is False
