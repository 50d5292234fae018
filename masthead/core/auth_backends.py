"""Authentication backends that read the signed-in user with one fixed statement.

Every signed-in request loads its user; the ORM builds that query afresh each
time (about 0.3 ms), a fixed statement costs a fifth of it (see
``masthead.core.fixed_sql``). Sign-in, permissions and everything else are
Django's and allauth's unchanged.
"""

from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.core.exceptions import ValidationError

from masthead.core import fixed_sql


def load_user(backend: DjangoModelBackend, user_id: Any) -> Any:
    """Return the active user with this id, or None (as ``ModelBackend.get_user``)."""
    model = get_user_model()
    try:
        pk = model._meta.pk.to_python(user_id)  # type: ignore[union-attr]
    except ValidationError:
        return None
    if not fixed_sql.is_id(pk):
        return None
    user = fixed_sql.first(model, "SELECT * FROM {table} WHERE id = %s", [pk])
    return user if user is not None and backend.user_can_authenticate(user) else None


class ModelBackend(DjangoModelBackend):
    """Django's username-and-password backend."""

    def get_user(self, user_id: Any) -> Any:
        """Return the signed-in user, or None."""
        return load_user(self, user_id)


class AuthenticationBackend(AllauthBackend):
    """allauth's backend (sign-in by email)."""

    def get_user(self, user_id: Any) -> Any:
        """Return the signed-in user, or None."""
        return load_user(self, user_id)
