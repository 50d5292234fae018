"""Listen Live in Chromium: plays, keeps playing across navigation, shows what is on air."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Request, expect
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
from masthead.radio.bulletin import digest
from masthead.radio.models import DAY_FIELDS, ProgrammeSlot, Station
from masthead.radio.playout import Encoder, OnAirLog, Playout, hls_encoder_argv
from masthead.radio.station import BulletinDesk, ScheduleProgrammer, StationPlan
from masthead.testing.servers import free_port, stop

pytestmark = pytest.mark.browser
SEGMENT_SECONDS = 1
# What `make run` starts takes a while on a busy machine: the demo, granian,
# the first segments (4 s each) and the first bulletin spoken by espeak-ng.
MAKE_RUN_SECONDS = 180
AUDIO = "#radio-player audio"
SEGMENT_URL = re.compile(r"/radio/hls/live-(\d+)\.ts$")
CURRENT_TIME = f"() => document.querySelector('{AUDIO}')?.currentTime ?? 0"


class StationLoop:
    """The embedded station's real-time loop in a thread, which a test may stop and restart."""

    def __init__(self, station: Station, programmer: ScheduleProgrammer, ffmpeg: str) -> None:
        self.station = station
        self.programmer = programmer
        self.ffmpeg = ffmpeg
        self.playout: Playout | None = None
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        """Start a new encoder and loop, as the supervisor does after a crash."""
        folder = conf.hls_dir()
        folder.mkdir(parents=True, exist_ok=True)
        encoder = Encoder(lambda: hls_encoder_argv(self.ffmpeg, folder, SEGMENT_SECONDS, 6, "64k"))
        log = OnAirLog(conf.radio_dir() / "on_air.json", self.station.name)
        self.playout = Playout(self.programmer, encoder, log)
        self.thread = threading.Thread(target=self.playout.run, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        """Stop the loop and its encoder: the live playlist is no longer written."""
        if self.playout is not None and self.thread is not None:
            self.playout.stop()
            self.thread.join(10)


@pytest.fixture
def on_air(newsroom: Newsroom, settings: Settings, tmp_path: Path) -> Iterator[StationLoop]:
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
    programmer = ScheduleProgrammer(desk, plan=StationPlan("Harbour FM", station.zone, ()))
    loop = StationLoop(station, programmer, ffmpeg)
    loop.start()
    yield loop
    loop.stop()


@pytest.fixture
def station(on_air: StationLoop) -> Station:
    """Return the station on air."""
    return on_air.station


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


# Seconds of playback heard since the counter was reset, whatever the source:
# re-attaching a stream may start its clock again from another point.
PROGRESS_COUNTER = f"""() => {{
    const audio = document.querySelector('{AUDIO}');
    let last = audio.currentTime;
    window.__heard = 0;
    audio.addEventListener('timeupdate', () => {{
        const step = audio.currentTime - last;
        if (step > 0 && step < 1.5) {{ window.__heard += step; }}
        last = audio.currentTime;
    }});
}}"""


def wait_until_heard(page: Page, seconds: float, timeout_ms: float = 30_000) -> None:
    """Wait until the progress counter has heard ``seconds`` of playback."""
    page.wait_for_function(f"() => window.__heard > {seconds}", timeout=timeout_ms)


def wait_until_playing_past(page: Page, seconds: float, timeout_ms: float = 30_000) -> None:
    """Wait until the radio's audio element has played past ``seconds``."""
    page.wait_for_function(f"() => ({CURRENT_TIME})() > {seconds}", timeout=timeout_ms)


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
    expect(status).to_contain_text("On air: Harbour Hour with Ines Caldor", timeout=40_000)
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


def test_player_waits_out_a_dead_station_and_rejoins_the_live_edge(
    page: Page, live_server: LiveServer, on_air: StationLoop, newsroom: Newsroom
) -> None:
    """The station stops: the player says so and waits; it comes back: playback resumes live."""
    page.goto(live_server.url + newsroom.article.url)
    page.locator(".site-header").get_by_role("button", name="Listen Live").click()
    wait_until_playing_past(page, 1.5)
    page.evaluate(PROGRESS_COUNTER)
    status = page.get_by_role("region", name="Live radio").get_by_role("status")

    fetched: list[tuple[float, int]] = []  # (when, segment number) of each segment asked for

    def note_segment(request: Request) -> None:
        found = SEGMENT_URL.search(request.url)
        if found:
            fetched.append((time.time(), int(found.group(1))))

    page.on("request", note_segment)
    on_air.stop()
    # A stall is noticed after 12 s without progress; the status says off air once
    # the playlist is older than three segments and five seconds.
    expect(status).to_contain_text("Off air", timeout=60_000)
    expect(status).to_contain_text("It will play as soon as the station is back")
    restarted_at = time.time()
    on_air.start()

    expect(status).to_contain_text("On air: Harbour Hour", timeout=40_000)
    page.evaluate("() => { window.__heard = 0; }")
    wait_until_heard(page, 3, 60_000)
    # Segments are numbered from the clock (one a second here): the latest one
    # fetched is the new encoder's, and a few seconds from live, not the old timeline.
    at, number = max(fetched)
    assert number >= int(restarted_at) - 1, (number, restarted_at)
    assert at - number <= 6 * SEGMENT_SECONDS + 5, at - number
    pause = page.get_by_role("button", name="Pause the live radio")
    expect(pause).to_be_visible()


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


def test_listener_count_stays_out_of_the_spoken_status_line(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """The polite status line says what is on air; the listener count, which changes at
    nearly every poll, is shown beside it and not announced.

    Before, the count was part of the live region, so a screen reader read the
    whole line again over the radio each time a listener came or went.
    """
    counts = iter(range(14, 100))

    def answer(route: Any) -> None:
        body = {
            "station": "Harbour Radio",
            "on_air": True,
            "programme": {"title": "Harbour Hour", "host": "Ines Caldor"},
            "item": {"title": "News bulletin"},
            "listeners": next(counts),
            "schedule": [],
            "streams": [{"kind": "hls", "url": "/radio/hls/none.m3u8"}],
        }
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    page.route("**/radio/status.json", answer)
    page.route("**/radio/hls/none.m3u8", lambda route: None)  # Left pending: no "dropped".
    page.goto(live_server.url + newsroom.article.url)
    page.locator(".site-header").get_by_role("button", name="Listen Live").click()
    player = page.get_by_role("region", name="Live radio")
    status = player.get_by_role("status")
    expect(status).to_have_text("On air: Harbour Hour with Ines Caldor. Now playing: News bulletin")
    expect(player.locator("[data-radio-listeners]")).to_have_text(re.compile(r"^\d+ listeners$"))
    assert page.locator("[data-radio-listeners]").evaluate(
        "e => !e.closest('[role=status], [aria-live]')"
    )


def test_closed_player_stops_asking_what_is_on_air(
    page: Page, live_server: LiveServer, newsroom: Newsroom
) -> None:
    """Closing the player stops its status poll: a page left open asks nothing more.

    Before, the poll went on every 15 seconds for as long as the page stayed open.
    """
    asked: list[str] = []

    def answer(route: Any) -> None:
        asked.append(route.request.url)
        body = {"station": "Harbour Radio", "on_air": False, "reason": "Night", "schedule": []}
        route.fulfill(status=200, content_type="application/json", body=json.dumps(body))

    page.clock.install()
    page.route("**/radio/status.json", answer)
    page.goto(live_server.url + newsroom.article.url)
    page.locator(".site-header").get_by_role("button", name="Listen Live").click()
    player = page.get_by_role("region", name="Live radio")
    expect(player.get_by_role("status")).to_contain_text("Off air")
    player.get_by_role("button", name="Stop and close the radio player").click()
    expect(player).to_be_hidden()
    before = len(asked)
    page.clock.run_for(60_000)
    page.wait_for_timeout(500)
    assert len(asked) == before


def test_open_player_hides_nothing_at_the_foot_of_a_narrow_page(
    page: Page, live_server: LiveServer, newsroom: Newsroom, browser_log: BrowserLog
) -> None:
    """On a phone-sized screen the end of the page scrolls clear of the open player.

    Before, the player (fixed at the foot, three lines tall at 320 pixels) covered
    the footer and the end of the discussion above it, whatever the scrolling.
    """
    body = {"station": "Harbour Radio", "on_air": False, "reason": "Night", "schedule": []}
    page.route(
        "**/radio/status.json",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(body)
        ),
    )
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + newsroom.article.url)
    page.locator(".site-header").get_by_role("button", name="Listen Live").click()
    player = page.get_by_role("region", name="Live radio")
    expect(player.get_by_role("status")).to_contain_text("Off air")
    # Scrolled to the end until the page settles: the player's lines wrap as its
    # status arrives (its ResizeObserver then sets the space kept free) and the
    # discussion loads above the footer, each moving the end after one scroll.
    page.wait_for_function(
        """() => {
            window.scrollTo(0, document.documentElement.scrollHeight);
            const footer = document.querySelector(".site-footer").getBoundingClientRect();
            const player = document.getElementById("radio-player").getBoundingClientRect();
            return player.height > 0 && footer.bottom <= player.top + 1;
        }""",
        timeout=10_000,
    )
    player.get_by_role("button", name="Stop and close the radio player").click()
    expect(player).to_be_hidden()
    assert page.evaluate("() => getComputedStyle(document.body).paddingBottom") == page.evaluate(
        "() => getComputedStyle(document.body).paddingTop"
    )
    assert without_favicon(browser_log.faults(page))["CSP violations"] == []


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
            # The station fixture's encoder may still be starting on a busy machine.
            expect(page.locator("[data-radio-now]")).to_contain_text("On air", timeout=40_000)
            results = run_axe_on_radio(page)
            assert results["passes"], "axe-core checked nothing"
            assert results["violations"] == [], describe_violations(results["violations"])
    finally:
        context.close()


# ---- `make run`: the demo site as a fresh clone serves it ----


@dataclass(frozen=True)
class MadeRun:
    """A site set up and served as `make run` does: its URL, data folder and environment."""

    url: str
    data_dir: Path
    env: dict[str, str]


def playlist_segments(url: str) -> int:
    """Return how many segments the live playlist lists (0 if it cannot be read)."""
    try:
        playlist = url + "/radio/hls/live.m3u8"
        with urllib.request.urlopen(playlist, timeout=5) as response:  # noqa: S310  (our http URL)
            return response.read().decode().count("#EXTINF")
    except OSError:
        return 0


@pytest.fixture(scope="module")
def made_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MadeRun]:
    """Run `masthead setup` (with the demo) and `masthead serve` on a fresh data folder.

    These are `make run`'s two commands, with its development settings and
    SQLite in the data folder, whatever database the test run itself uses.
    """
    data_dir = tmp_path_factory.mktemp("make-run") / "var"
    port = free_port()
    skipped = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {key: value for key, value in os.environ.items() if key not in skipped}
    env.update(
        DJANGO_SETTINGS_MODULE="masthead.settings.dev",
        MASTHEAD_DATA_DIR=str(data_dir),
        PORT=str(port),
        MASTHEAD_WEB_WORKERS="2",
        MASTHEAD_ACCESS_LOG="off",
    )
    cli = [sys.executable, "-m", "masthead.cli"]
    subprocess.run([*cli, "setup"], env=env, check=True, capture_output=True, timeout=600)
    server = subprocess.Popen([*cli, "serve", "--port", str(port)], env=env)
    url = f"http://127.0.0.1:{port}"
    try:
        # Listeners join three segments behind the live edge: wait for four.
        deadline = time.monotonic() + MAKE_RUN_SECONDS
        while playlist_segments(url) < 4 and time.monotonic() < deadline:
            assert server.poll() is None, "masthead serve stopped"
            time.sleep(1)
        assert playlist_segments(url) >= 4, "the station wrote no live playlist"
        yield MadeRun(url, data_dir, env)
    finally:
        stop(server, timeout=30)


def current_bulletin(made_run: MadeRun) -> str:
    """Return the words of the bulletin the demo's headlines make now."""
    result = subprocess.run(
        [sys.executable, "-m", "masthead.cli", "radio", "bulletin", "--output",
         str(made_run.data_dir / "check-bulletin.wav")],
        env=made_run.env, check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return result.stdout.strip()


def test_make_run_plays_the_demo_bulletin_across_page_navigation(
    page: Page, made_run: MadeRun, browser_log: BrowserLog
) -> None:
    """`make run`'s site: Listen Live plays the demo's headlines, and plays on across pages.

    The reader follows a link to one of the stories the bulletin reads, then goes back.
    """
    timeout_ms = MAKE_RUN_SECONDS * 1000
    page.set_default_timeout(timeout_ms)
    page.goto(made_run.url + "/")
    bulletin = current_bulletin(made_run)
    assert bulletin.startswith("This is Masthead Radio. Here is the news.")
    # The story to follow: one the home page links to and the bulletin reads out.
    headlines = page.locator("main a").all_inner_texts()
    story = next(
        (h.strip() for h in headlines if len(h.strip()) > 15 and h.strip() in bulletin), ""
    )
    assert story, f"no home-page headline is in the bulletin:\n{bulletin}"

    listen = page.locator(".site-header").get_by_role("button", name="Listen Live")
    listen.click()
    wait_until_playing_past(page, 1.5, timeout_ms)
    status = page.get_by_role("region", name="Live radio").get_by_role("status")
    expect(status).to_contain_text("Now playing: News bulletin", timeout=timeout_ms)
    # The station speaks exactly these words: its bulletin is named by their digest.
    spoken = made_run.data_dir / "radio" / "bulletins" / f"bulletin-{digest(bulletin)[:16]}.wav"
    assert spoken.is_file(), sorted(p.name for p in spoken.parent.iterdir())
    on_air = json.loads((made_run.data_dir / "radio" / "on_air.json").read_text())
    assert "bulletin" in [entry["kind"] for entry in on_air["history"]]

    page.evaluate("() => { window.__sameDocument = true; }")
    played = page.evaluate(CURRENT_TIME)
    page.locator("main").get_by_role("link", name=story, exact=True).first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(story, timeout=timeout_ms)
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    wait_until_playing_past(page, played + 4, timeout_ms)
    expect(listen).to_have_attribute("aria-pressed", "true")

    played = page.evaluate(CURRENT_TIME)
    page.go_back()
    expect(page).to_have_url(made_run.url + "/", timeout=timeout_ms)
    assert page.evaluate("() => window.__sameDocument === true"), "the page was reloaded"
    wait_until_playing_past(page, played + 4, timeout_ms)
    assert without_favicon(browser_log.faults(page)) == {
        "console errors": [],
        "page errors": [],
        "failed loads": [],
        "CSP violations": [],
    }
