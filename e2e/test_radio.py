"""Listen Live in Chromium: plays, keeps playing across navigation, shows what is on air."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django import Settings
from pytest_django.live_server_helper import LiveServer

from e2e.conftest import new_context
from e2e.support import (
    AXE_SCRIPT,
    HEADLINE,
    WCAG_22_AA_TAGS,
    BrowserLog,
    Newsroom,
    describe_violations,
)
from masthead.radio import conf
from masthead.radio.models import DAY_FIELDS, ProgrammeSlot, Station
from masthead.radio.playout import Encoder, OnAirLog, Playout, hls_encoder_argv
from masthead.radio.station import BulletinDesk, ScheduleProgrammer, StationPlan

pytestmark = pytest.mark.browser
SEGMENT_SECONDS = 1
AUDIO = "#radio-player audio"
CURRENT_TIME = f"() => document.querySelector('{AUDIO}')?.currentTime ?? 0"


@pytest.fixture
def station(newsroom: Newsroom, settings: Settings, tmp_path: Path) -> Iterator[Station]:
    """Run the embedded station, with short segments, on the air of a scheduled programme."""
    settings.RADIO_DIR = tmp_path / "radio"
    settings.RADIO_SEGMENT_SECONDS = SEGMENT_SECONDS
    station = Station.objects.create(name="Harbour FM", time_zone="Europe/London")
    local = dt.datetime.now(station.zone)
    ProgrammeSlot.objects.create(
        station=station,
        title="Harbour Hour",
        host="Ines Caldor",
        start_time=dt.time((local.hour - 1) % 24),
        end_time=dt.time((local.hour + 2) % 24),
        **{day: True for day in DAY_FIELDS},
    )
    desk = BulletinDesk(conf.radio_dir() / "bulletins", "Harbour FM")
    desk.refresh()  # Here, where the test database is reachable.
    ffmpeg = conf.ffmpeg()
    assert ffmpeg is not None, "ffmpeg is missing: `make test` installs it"
    folder = conf.hls_dir()
    folder.mkdir(parents=True)
    encoder = Encoder(lambda: hls_encoder_argv(ffmpeg, folder, SEGMENT_SECONDS, 6, "64k"))
    programmer = ScheduleProgrammer(desk, plan=StationPlan("Harbour FM", station.zone, ()))
    playout = Playout(programmer, encoder, OnAirLog(conf.radio_dir() / "on_air.json", "Harbour FM"))
    thread = threading.Thread(target=playout.run, daemon=True)
    thread.start()
    yield station
    playout.stop()
    thread.join(10)


def run_axe_on_radio(page: Page) -> dict[str, Any]:
    """Run axe-core at WCAG 2.2 AA on this app's elements only (the player and its buttons).

    The whole page is checked by e2e/test_accessibility.py; here the player is open.
    """
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"axe-core is missing ({AXE_SCRIPT}): run `npm ci`.", pytrace=False)
    page.add_script_tag(path=AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA_TAGS}}
    context = {"include": [["#radio-player"], [".listen-live"]]}
    return page.evaluate("([c, o]) => axe.run(c, o)", [context, options])  # type: ignore[no-any-return]


def without_favicon(faults: dict[str, list[str]]) -> dict[str, list[str]]:
    """Drop Chromium's requests for /favicon.ico, which it repeats after history.pushState.

    The site ships no favicon (not this app's to add); every other fault counts.
    """
    return {kind: [f for f in found if "/favicon.ico" not in f] for kind, found in faults.items()}


def wait_until_playing_past(page: Page, seconds: float) -> None:
    """Wait until the radio's audio element has played past ``seconds``."""
    page.wait_for_function(f"() => ({CURRENT_TIME})() > {seconds}", timeout=30_000)


def test_listen_live_plays_keeps_playing_across_navigation_and_shows_what_is_on_air(
    page: Page,
    live_server: LiveServer,
    station: Station,
    newsroom: Newsroom,
    browser_log: BrowserLog,
) -> None:
    """One click plays the live stream; following a link swaps the page but not the sound."""
    page.goto(live_server.url + newsroom.article.url)
    player = page.get_by_role("region", name="Live radio")
    expect(player).to_be_hidden()
    listen = page.locator(".site-header").get_by_role("button", name="Listen Live")
    expect(listen).to_have_attribute("aria-pressed", "false")

    listen.click()

    expect(listen).to_have_attribute("aria-pressed", "true")
    expect(player).to_be_visible()
    wait_until_playing_past(page, 1.5)
    status = player.get_by_role("status")
    expect(status).to_contain_text("On air: Harbour Hour with Ines Caldor")
    expect(status).to_contain_text("Now playing: News bulletin", timeout=20_000)
    expect(player.get_by_role("button", name="Pause the live radio")).to_be_visible()

    page.evaluate("() => { window.__sameDocument = true; }")
    played = page.evaluate(CURRENT_TIME)
    page.locator("main").get_by_role("link", name="World").first.click()

    expect(page).to_have_url(live_server.url + newsroom.section.url)
    expect(page.get_by_role("heading", level=1)).to_have_text("World")
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    wait_until_playing_past(page, played + 2)
    expect(listen).to_have_attribute("aria-pressed", "true")

    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    assert page.evaluate("() => window.__sameDocument === true")
    wait_until_playing_past(page, played + 3)

    player.get_by_role("button", name="Pause the live radio").click()
    expect(listen).to_have_attribute("aria-pressed", "false")
    assert page.evaluate(f"() => document.querySelector('{AUDIO}').paused")
    assert without_favicon(browser_log.faults(page)) == {
        "console errors": [],
        "page errors": [],
        "failed loads": [],
        "CSP violations": [],
    }


def test_player_works_from_the_keyboard(
    page: Page, live_server: LiveServer, station: Station, newsroom: Newsroom
) -> None:
    """Tab to Listen Live, press Enter to play, Space on Pause to stop, Escape-free."""
    page.goto(live_server.url + newsroom.article.url)
    listen = page.locator(".site-header").get_by_role("button", name="Listen Live")
    listen.focus()
    page.keyboard.press("Enter")
    wait_until_playing_past(page, 1)
    pause = page.get_by_role("button", name="Pause the live radio")
    pause.focus()
    page.keyboard.press("Space")
    expect(listen).to_have_attribute("aria-pressed", "false")
    expect(page.get_by_role("button", name="Play the live radio")).to_be_focused()


def test_off_air_is_said_and_the_page_is_unaffected(
    page: Page, live_server: LiveServer, newsroom: Newsroom, settings: Settings, tmp_path: Path
) -> None:
    """With no encoder the player says off air and the article reads as ever."""
    settings.RADIO_DIR = tmp_path / "radio"
    settings.RADIO_FFMPEG = str(tmp_path / "no-ffmpeg")
    page.goto(live_server.url + newsroom.article.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(HEADLINE)
    page.locator(".site-header").get_by_role("button", name="Listen Live").click()
    expect(page.get_by_role("region", name="Live radio").get_by_role("status")).to_contain_text(
        "Off air"
    )


def test_without_javascript_listen_live_leads_to_the_pop_out_page(
    browser: Browser, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """Scripts off: Listen Live is a link to the pop-out player page."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + newsroom.article.url)
        page.locator(".site-header").get_by_role("link", name="Listen Live").click()
        expect(page).to_have_url(live_server.url + "/radio/listen/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Listen Live")
    finally:
        context.close()


def test_open_player_has_no_wcag_22_aa_violations(
    browser: Browser, live_server: LiveServer, station: Station, newsroom: Newsroom
) -> None:
    """axe-core finds nothing on a page with the player open and on the pop-out page."""
    context = new_context(browser, bypass_csp=True)
    page = context.new_page()
    try:
        for path in (newsroom.article.url, "/radio/listen/"):
            page.goto(live_server.url + path)
            if path != "/radio/listen/":
                page.locator(".site-header").get_by_role("button", name="Listen Live").click()
            expect(page.locator("[data-radio-now]")).to_contain_text("On air")
            results = run_axe_on_radio(page)
            assert results["passes"], "axe-core checked nothing"
            assert results["violations"] == [], describe_violations(results["violations"])
    finally:
        context.close()
