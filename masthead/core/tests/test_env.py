"""Numbers from the environment: a bad value stops start-up with a message naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from masthead.core.env import env_number
from masthead.core.management.commands.serve import web_server, web_threads, web_workers
from masthead.core.tests.test_settings import run_masthead


def test_numbers_are_read_or_defaulted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Unset or blank gives the default; a valid value is converted."""
    monkeypatch.delenv("MASTHEAD_TEST_NUMBER", raising=False)
    assert env_number("MASTHEAD_TEST_NUMBER", 4, int, 1) == 4
    monkeypatch.setenv("MASTHEAD_TEST_NUMBER", "  ")
    assert env_number("MASTHEAD_TEST_NUMBER", 4, int, 1) == 4
    monkeypatch.setenv("MASTHEAD_TEST_NUMBER", " 8 ")
    assert env_number("MASTHEAD_TEST_NUMBER", 4, int, 1) == 8
    monkeypatch.setenv("MASTHEAD_TEST_NUMBER", "2.5")
    assert env_number("MASTHEAD_TEST_NUMBER", 15.0, float, 0.1) == 2.5


@pytest.mark.parametrize(
    ("raw", "kind", "minimum"),
    [("two", int, 1), ("0", int, 1), ("-3", int, 0), ("nan", float, 0.1), ("inf", float, 0.1),
     ("1e999", float, 0.1), ("²", int, 1), ("x" * 10_000, int, 1)],
)  # fmt: skip
def test_bad_numbers_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, raw: str, kind: type, minimum: float
) -> None:
    """Words, values below the minimum and non-finite numbers are refused clearly."""
    monkeypatch.setenv("MASTHEAD_TEST_NUMBER", raw)
    with pytest.raises(ImproperlyConfigured, match="MASTHEAD_TEST_NUMBER") as refused:
        env_number("MASTHEAD_TEST_NUMBER", kind(1), kind, minimum)
    assert len(str(refused.value)) < 200  # the value is quoted, cut short


def test_web_server_sizes_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """MASTHEAD_WEB_WORKERS and _THREADS are read, and a typo stops `masthead serve` clearly.

    Before, "MASTHEAD_WEB_WORKERS=four" ended in a bare ValueError traceback.
    """
    monkeypatch.setenv("MASTHEAD_WEB_WORKERS", "3")
    monkeypatch.setenv("MASTHEAD_WEB_THREADS", "2")
    assert (web_workers(), web_threads()) == (3, 2)
    monkeypatch.setenv("MASTHEAD_WEB_WORKERS", "four")
    with pytest.raises(ImproperlyConfigured, match="MASTHEAD_WEB_WORKERS"):
        web_workers()


@pytest.mark.parametrize("name", ["MASTHEAD_WEB_WORKERS", "MASTHEAD_WEB_THREADS"])
def test_web_server_sizes_past_the_limit_stop_serve(
    monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    """64 web workers or threads are the most `masthead serve` starts; past that it names the
    variable in a command error, before anything starts.

    Before, a typo such as 100000 had granian fork or start that many without limit.
    """
    from django.core.management.base import CommandError

    from masthead.core.management.commands.serve import Command

    options = {"host": "127.0.0.1", "port": 8123, "workers": None}
    monkeypatch.setenv(name, "64")
    assert (web_workers() if name.endswith("WORKERS") else web_threads()) == 64
    Command().children(options)  # Builds the command lines only: nothing is started.
    monkeypatch.setenv(name, "100000")
    with pytest.raises(ImproperlyConfigured, match=name):
        web_workers() if name.endswith("WORKERS") else web_threads()
    with pytest.raises(CommandError, match=f"{name} must be at most 64"):
        Command().children(options)


def test_serve_refuses_too_many_workers() -> None:
    """`masthead serve --workers 100000` is refused naming the option, before anything starts.

    Before, it was taken and granian forked that many workers.
    """
    from django.core.management.base import CommandError

    from masthead.core.management.commands.serve import Command

    parser = Command().create_parser("masthead", "serve")
    assert parser.parse_args(["--workers", "64"]).workers == 64
    with pytest.raises(CommandError, match="workers must be 1 to 64, not 100000"):
        parser.parse_args(["--workers", "100000"])


@pytest.mark.parametrize(
    ("written", "logged"),
    [("", True), ("-", True), ("1", True), ("on", True), ("off", False), ("0", False),
     ("false", False), (" No ", False)],
)  # fmt: skip
def test_the_access_log_switch_reads_the_usual_spellings(
    monkeypatch: pytest.MonkeyPatch, written: str, logged: bool
) -> None:
    """MASTHEAD_ACCESS_LOG is an on/off switch like the others (`-`, the old default, is on).

    Before, only `off` turned the access log off: `0` or `false` left it on.
    """
    monkeypatch.setenv("MASTHEAD_ACCESS_LOG", written)
    argv = web_server("127.0.0.1", 8123, 1)
    assert ("--access-log" in argv, "--no-access-log" in argv) == (logged, not logged)


def test_an_access_log_switch_that_is_neither_on_nor_off_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A value that is no on/off spelling names the variable instead of leaving the log on."""
    monkeypatch.setenv("MASTHEAD_ACCESS_LOG", "quiet")
    with pytest.raises(ImproperlyConfigured, match="MASTHEAD_ACCESS_LOG"):
        web_server("127.0.0.1", 8123, 1)


def test_production_settings_refuse_a_bad_hsts_duration(tmp_path: Path) -> None:
    """A mistyped SECURE_HSTS_SECONDS stops start-up with a message naming it."""
    result = run_masthead(
        ["check"],
        tmp_path,
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-value-123456",
        ALLOWED_HOSTS="news.example.org",
        SECURE_HSTS_SECONDS="one year",
    )
    assert result.returncode != 0
    assert "SECURE_HSTS_SECONDS must be a number" in result.stderr


SHOW_SWITCHES = (
    "from django.conf import settings; "
    "print(settings.SECURE_SSL_REDIRECT, settings.EMAIL_USE_TLS, settings.MASTHEAD_SERVE_MEDIA, "
    "settings.MASTHEAD_PAGE_CACHE['ENABLED'])"
)
PRODUCTION = {
    "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-value-123456",
    "ALLOWED_HOSTS": "news.example.org",
}


@pytest.mark.parametrize(
    ("written", "shown"),
    [("1", "True"), ("true", "True"), (" Yes ", "True"),
     ("0", "False"), ("false", "False"), ("OFF", "False")],
)  # fmt: skip
def test_switches_read_the_usual_spellings(tmp_path: Path, written: str, shown: str) -> None:
    """On/off variables take 1/0, true/false, yes/no and on/off in any case.

    Before, only "1" meant on: SECURE_SSL_REDIRECT=true silently served the site
    over plain HTTP, EMAIL_USE_TLS=true sent passwords to the relay unencrypted,
    and MASTHEAD_PAGE_CACHE=false left the page cache on.
    """
    switches = dict.fromkeys(
        ("SECURE_SSL_REDIRECT", "EMAIL_USE_TLS", "MASTHEAD_SERVE_MEDIA", "MASTHEAD_PAGE_CACHE"),
        written,
    )
    result = run_masthead(["shell", "-c", SHOW_SWITCHES], tmp_path, **PRODUCTION, **switches)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [shown] * 4


def test_a_switch_that_is_neither_on_nor_off_stops_start_up(tmp_path: Path) -> None:
    """A value that is not a known spelling of on or off is refused, naming the variable.

    Before, SECURE_SSL_REDIRECT=enabled turned the HTTPS redirect off without a word.
    """
    result = run_masthead(["check"], tmp_path, **PRODUCTION, SECURE_SSL_REDIRECT="enabled")
    assert result.returncode != 0
    assert "SECURE_SSL_REDIRECT must be" in result.stderr


@pytest.mark.parametrize(
    "written",
    ["news.example.org", "https://", "ftp://news.example.org", "https://news.example.org:44a3",
     "https://news.example.org:99999", "https://news.example.org/news/", "https://x.org/?a=1"],
)  # fmt: skip
def test_a_base_url_that_is_not_a_site_address_stops_start_up(tmp_path: Path, written: str) -> None:
    """MASTHEAD_BASE_URL must be http(s)://host[:port]; anything else is refused by name.

    Before, "news.example.org" (no scheme) passed `masthead check --deploy`, then
    `masthead setup` ended in a ValueError traceback, and reply emails carried
    links without a host that no mail program could follow.
    """
    result = run_masthead(["check"], tmp_path, **PRODUCTION, MASTHEAD_BASE_URL=written)
    assert result.returncode != 0
    assert "MASTHEAD_BASE_URL must be" in result.stderr


def test_a_base_url_is_read_with_or_without_its_final_slash(tmp_path: Path) -> None:
    """A site address is taken as written (its final slash dropped); blank means unset."""
    show = "from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
    for written, read in [
        ("https://News.example.org/", "https://News.example.org"),
        ("http://127.0.0.1:8042", "http://127.0.0.1:8042"),
        (" ", "http://127.0.0.1:8000"),
    ]:
        result = run_masthead(
            ["shell", "-c", show], tmp_path, **PRODUCTION, MASTHEAD_BASE_URL=written, PORT=""
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[-1] == read


def test_a_scheduler_interval_too_long_to_wait_stops_start_up(tmp_path: Path) -> None:
    """MASTHEAD_SCHEDULER_INTERVAL is at most a day, as ``scheduler --interval`` is.

    Before, 1e12 passed: the scheduler published once, then its wait overflowed
    the platform's time (OverflowError), and ``masthead serve`` restarted it every
    two seconds for ever, with a traceback each time.
    """
    result = run_masthead(["check"], tmp_path, **PRODUCTION, MASTHEAD_SCHEDULER_INTERVAL="1e12")
    assert result.returncode != 0
    assert "MASTHEAD_SCHEDULER_INTERVAL must be at most 86400" in result.stderr
