"""Fixtures of the browser tests: one Chromium for them all, a fresh context per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import connections
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from e2e.support import CHROMIUM, CHROMIUM_ARGS, CSP_RECORDER, BrowserLog, Newsroom, build_newsroom

DEFAULT_TIMEOUT_MS = 10_000


def pytest_configure(config: pytest.Config) -> None:
    """Serve the live site on 127.0.0.1 unless ``--liveserver`` says otherwise.

    Readers then reach the site by an address that is not the Site's hostname
    (localhost:80), as behind a proxy, and Chromium is spared a first try on ::1.
    """
    if not config.getoption("liveserver", default=None):
        config.option.liveserver = "127.0.0.1"


@pytest.fixture(scope="package")
def browser(django_db_setup: None) -> Iterator[Browser]:
    """Launch Debian's Chromium once for all the browser tests.

    Package-scoped rather than session-scoped so that what it changes below ends
    with the last browser test instead of leaking into the tests run after them.
    """
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium is missing ({CHROMIUM} not found): install Debian's package with "
            "`apt-get install chromium` (make system-packages does it).",
            pytrace=False,
        )
    # The test database is made first, outside Playwright, and its snapshot for
    # serialized rollback is taken from the connections that made it.
    snapshots = {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Playwright's sync API keeps an event loop running in the main thread, and
        # Django refuses ORM calls from a thread with a running loop. The loop only
        # waits on the browser, so the ORM calls beside it are safe. Set here, not
        # at import: subprocesses of other tests inherit the environment, and
        # `check --deploy` rejects this variable.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # With a loop running, asgiref hands Django a second set of connection
        # objects; give them the snapshot too.
        for alias, snapshot in snapshots.items():
            if snapshot is not None:
                connections[alias]._test_serialized_contents = snapshot  # type: ignore[attr-defined]
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


def new_context(browser: Browser, *, bypass_csp: bool = False) -> BrowserContext:
    """Open a private browsing context that fails fast instead of waiting 30 s."""
    context = browser.new_context(bypass_csp=bypass_csp)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    return context


@pytest.fixture
def contexts(browser: Browser) -> Iterator[list[BrowserContext]]:
    """Collect the browser contexts a test opens and close them all at the end."""
    opened: list[BrowserContext] = []
    yield opened
    for context in opened:
        context.close()


@pytest.fixture
def browser_log() -> BrowserLog:
    """Collect what the page fixture's page reports as faults."""
    return BrowserLog()


@pytest.fixture
def page(browser: Browser, browser_log: BrowserLog) -> Iterator[Page]:
    """Open a page that obeys the site's CSP and records its faults in ``browser_log``."""
    context = new_context(browser)
    context.add_init_script(CSP_RECORDER)
    page = context.new_page()
    browser_log.watch(page)
    yield page
    context.close()


@pytest.fixture
def axe_page(browser: Browser) -> Iterator[Page]:
    """Open a page that ignores the site's CSP, so axe-core can be injected inline."""
    context = new_context(browser, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture
def newsroom(transactional_db: None, django_db_serialized_rollback: None) -> Newsroom:
    """Build the pages the tests read, committed so that the live server sees them.

    The flush that ends each transactional test also deletes the rows Wagtail's
    migrations made (root page, locale, default site); the serialized rollback
    restores them before the next test.
    """
    return build_newsroom()
