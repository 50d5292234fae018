"""Production settings read the environment and pass Django's deployment checks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_masthead(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run the masthead CLI with production settings and the given environment."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("SECRET_KEY", "ALLOWED_HOSTS")
    }
    environment.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.production",
        MASTHEAD_DATA_DIR=str(tmp_path),
        **env,
    )
    return subprocess.run(
        [sys.executable, "-m", "masthead.cli", *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_reports_nothing(tmp_path: Path) -> None:
    """`masthead check --deploy` is clean with production settings."""
    result = run_masthead(
        ["check", "--deploy", "--fail-level", "DEBUG"],
        tmp_path,
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-value-123456",
        ALLOWED_HOSTS="news.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_secret(tmp_path: Path) -> None:
    """A missing SECRET_KEY stops start-up with a message naming it."""
    result = run_masthead(["check"], tmp_path, ALLOWED_HOSTS="news.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


CLIENT_ADDRESSES = """
import django
django.setup()
from allauth.account.adapter import get_adapter
from django.test import RequestFactory
from django_ratelimit.core import _get_ip
request = RequestFactory().post(
    "/accounts/login/", REMOTE_ADDR="10.9.8.7", HTTP_X_REAL_IP="198.51.100.23"
)
print(get_adapter(request).get_client_ip(request), _get_ip(request))
"""


def test_sign_in_limits_count_the_address_the_proxy_names() -> None:
    """Behind a proxy, allauth's per-address limits (sign-in, sign-up, password
    reset) count the reader's address from MASTHEAD_CLIENT_IP_HEADER, as the
    comment limits do, not the proxy's address shared by every reader."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
        "MASTHEAD_CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
    }
    result = subprocess.run(
        [sys.executable, "-c", CLIENT_ADDRESSES],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["198.51.100.23", "198.51.100.23"]
