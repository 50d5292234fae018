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


def client_addresses(
    header: str, script: str = CLIENT_ADDRESSES
) -> subprocess.CompletedProcess[str]:
    """Run a script (CLIENT_ADDRESSES) with MASTHEAD_CLIENT_IP_HEADER set to ``header``."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "masthead.settings.test",
        "MASTHEAD_CLIENT_IP_HEADER": header,
    }
    return subprocess.run(
        [sys.executable, "-c", script],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_client_address_header_may_be_named_as_the_proxy_sends_it() -> None:
    """MASTHEAD_CLIENT_IP_HEADER=X-Real-IP means the header nginx sets, as HTTP_X_REAL_IP does.

    Before, django-ratelimit looked for a request.META key spelled "X-Real-IP",
    found none, and every comment posted was a server error.
    """
    result = client_addresses("X-Real-IP")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["198.51.100.23", "198.51.100.23"]


def test_a_client_address_header_that_names_no_header_stops_start_up() -> None:
    """A value that is no header name is refused at start-up, naming the variable.

    Before, "x.real_ip" was taken for a function to import on every post (a
    server error each time), and "X Real IP" for a key no request has.
    """
    for header in ("x.real_ip", "X Real IP", "HTTP_X-REAL-IP"):
        result = client_addresses(header)
        assert result.returncode != 0
        assert "MASTHEAD_CLIENT_IP_HEADER must be" in result.stderr


ODD_ADDRESSES = """
import django
django.setup()
from allauth.account.adapter import get_adapter
from django.test import RequestFactory
from django_ratelimit.core import _get_ip
factory = RequestFactory()
for value in (None, "", "203.0.113.9, 198.51.100.23", "ferry-terminal", "2001:db8::7"):
    extra = {} if value is None else {"HTTP_X_REAL_IP": value}
    request = factory.post("/accounts/login/", REMOTE_ADDR="10.9.8.7", **extra)
    print(_get_ip(request), get_adapter(request).get_client_ip(request))
"""


def test_a_missing_or_odd_client_address_header_is_counted_not_a_server_error() -> None:
    """With MASTHEAD_CLIENT_IP_HEADER set, a request without that header (one that
    reached the server past the proxy) or with a list or a non-address in it is
    counted: by the last address listed, else the connection's own.

    Before, django-ratelimit raised ImproperlyConfigured for a missing header and
    ValueError for the others, so every such comment post was a server error;
    allauth (sign-in, sign-up, password reset) refused a request without the
    header with 403 and read a list by its first address, one readers can set.
    """
    result = client_addresses("X-Real-IP", ODD_ADDRESSES)
    assert result.returncode == 0, result.stderr
    assert [line.split() for line in result.stdout.splitlines()] == [
        ["10.9.8.7", "10.9.8.7"],
        ["10.9.8.7", "10.9.8.7"],
        ["198.51.100.23", "198.51.100.23"],
        ["10.9.8.7", "10.9.8.7"],
        # django-ratelimit counts IPv6 by its /64; allauth keys on the address.
        ["2001:db8::", "2001:db8::7"],
    ]


MAIL_SETTINGS = """
import django
django.setup()
from django.conf import settings
print(settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_HOST_USER,
      settings.EMAIL_HOST_PASSWORD, settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT)
"""


def production_python(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Run Python code with production settings and the given environment."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "masthead.settings.production"}
    environment.update(
        MASTHEAD_DATA_DIR=str(tmp_path),
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-value-123456",
        ALLOWED_HOSTS="news.example.org",
        **env,
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )


def test_production_mail_reaches_a_relay_that_needs_an_account(tmp_path: Path) -> None:
    """The SMTP port, STARTTLS and the relay's account come from the environment, and
    a relay that stops answering is given up on after a timeout.

    Before the fix only the host could be set: a relay on port 587 with an account
    (as most mail services want) sent nothing, so no reader could confirm an
    address and sign in; and a silent relay held a sign-up request for ever.
    """
    result = production_python(
        MAIL_SETTINGS,
        tmp_path,
        EMAIL_HOST="smtp.example.org",
        EMAIL_PORT="587",
        EMAIL_HOST_USER="newsroom",
        EMAIL_HOST_PASSWORD="harbour-lights",
        EMAIL_USE_TLS="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "smtp.example.org", "587", "newsroom", "harbour-lights", "True", "10"
    ]  # fmt: skip


def test_production_refuses_two_kinds_of_mail_encryption(tmp_path: Path) -> None:
    """STARTTLS and SMTPS together, or a port that is not a number, stop start-up
    with a message naming the variables (Django would fail at the first email)."""
    both = production_python(MAIL_SETTINGS, tmp_path, EMAIL_USE_TLS="1", EMAIL_USE_SSL="1")
    assert both.returncode != 0 and "EMAIL_USE_SSL" in both.stderr
    port = production_python(MAIL_SETTINGS, tmp_path, EMAIL_PORT="smtp")
    assert port.returncode != 0 and "EMAIL_PORT" in port.stderr


def test_a_test_process_removes_its_data_directory_as_it_ends() -> None:
    """Each process loading the test settings deletes the temporary data folder it made.

    Before, every test process (each xdist worker, each subprocess) left a
    `/tmp/masthead-test-*` folder of up to 47 MB behind: 1,695 of them, 2.9 GB,
    on the development machine after a few days of runs.
    """
    script = (
        "import django; django.setup(); from django.conf import settings; "
        "(settings.DATA_DIR / 'kept.txt').write_text('x'); print(settings.DATA_DIR)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "masthead.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    )
    data_dir = Path(result.stdout.strip().splitlines()[-1])
    assert data_dir.name.startswith("masthead-test-")
    assert not data_dir.exists()


def test_production_refuses_a_mail_port_or_timeout_no_socket_takes(tmp_path: Path) -> None:
    """EMAIL_PORT is 1 to 65535 and EMAIL_TIMEOUT at most 300 seconds, or start-up stops.

    Before, EMAIL_PORT=70000 or EMAIL_TIMEOUT=1e12 (as a whole number) loaded
    without a word, and every sign-up and password reset then failed with a
    server error as the mail was sent (OverflowError from the socket).
    """
    for name, value in (("EMAIL_PORT", "70000"), ("EMAIL_TIMEOUT", "1000000000000")):
        result = production_python(MAIL_SETTINGS, tmp_path, **{name: value})
        assert result.returncode != 0, name
        assert f"{name} must be at most" in result.stderr
