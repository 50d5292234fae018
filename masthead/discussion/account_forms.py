"""Forms of reader accounts that are not allauth's own."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail.admin.forms.auth import LoginForm

NEWSROOM_ONLY = "This sign-in is for the newsroom. Readers sign in at /accounts/login/."


class NewsroomLoginForm(LoginForm):
    """Wagtail's sign-in form, refusing anyone who may not use the admin.

    Readers sign in through allauth, which asks for a verified email address;
    this form checks only the password, so a reader who signed up with an
    address never confirmed signed in here and took part in discussions.
    """

    def confirm_login_allowed(self, user: Any) -> None:
        """Refuse inactive users (as Django does) and users without admin access."""
        super().confirm_login_allowed(user)
        if not user.has_perm("wagtailadmin.access_admin"):
            raise ValidationError(NEWSROOM_ONLY, code="newsroom_only")
