"""`masthead setup` creates the development admin once, and only where allowed."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def run_setup() -> str:
    """Run `masthead setup --no-demo` and return what it printed."""
    out = StringIO()
    call_command("setup", no_demo=True, stdout=out)
    return out.getvalue()


def test_dev_admin_is_created_once_with_a_generated_password(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The first run creates `admin` and writes its password; later runs keep it."""
    settings.DATA_DIR = tmp_path
    settings.MASTHEAD_CREATE_DEV_SUPERUSER = True
    output = run_setup()
    password_file = tmp_path / "dev-admin-password.txt"
    password = password_file.read_text().strip()
    assert len(password) >= 12
    assert oct(password_file.stat().st_mode)[-3:] == "600"
    assert "/admin/" in output and "admin" in output
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    run_setup()
    assert password_file.read_text().strip() == password
    assert get_user_model().objects.filter(is_superuser=True).count() == 1


def test_no_admin_outside_development(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Test and production settings never create an account."""
    settings.DATA_DIR = tmp_path
    settings.MASTHEAD_CREATE_DEV_SUPERUSER = False
    run_setup()
    assert not get_user_model().objects.exists()
    assert not (tmp_path / "dev-admin-password.txt").exists()
