"""Helpers of the browser tests: the newsroom they read, what the browser logged, axe-core."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Locator, Page, Request, Response

from masthead.newsroom.actions import add_correction
from masthead.newsroom.models import ArticlePage, HomePageRail, SectionPage
from masthead.testing.factories import make_article, make_home, make_image, make_section

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
# Without these flags Chromium waits on update, sync and field-trial servers that
# this closed network never answers.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe-core files these under "best-practice", yet a skipped heading level or a
# page without its main landmark fails WCAG 1.3.1 for a screen reader's reader,
# who moves through the page by headings and landmarks.
STRUCTURE_RULES = ["heading-order", "landmark-one-main", "page-has-heading-one"]

PUBLISHED_AT = dt.datetime(2020, 7, 3, 18, 0, tzinfo=dt.UTC)
CORRECTED_AT = dt.datetime(2020, 7, 4, 12, 0, tzinfo=dt.UTC)
HEADLINE = "Harbour reopens after three weeks of storm repairs"
STANDFIRST = "Fishing boats returned to the quay on Friday as the sea wall was finished."
PARAGRAPH = "Engineers worked through the night to finish the wall before the spring tides."
QUOTE_TEXT = "We thought we would lose the whole season."
SPEAKER = "Ines Caldor"
ATTRIBUTION = "the harbour master, told reporters"
CAPTION = "The rebuilt sea wall at low tide."
CREDIT = "Maya Okafor"
LEAD_CAPTION = "Boats back at the quay on Friday morning."
CORRECTION = "An earlier version of this article gave the wrong length for the sea wall."

# Recorded by an init script: Playwright injects those through the DevTools
# protocol, so the page's own Content-Security-Policy does not block them.
CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline code"}`
  );
});
"""


@dataclass(frozen=True)
class Newsroom:
    """The section, the fully dressed article and the section's other stories."""

    section: SectionPage
    article: ArticlePage
    rail_articles: list[ArticlePage]


def build_newsroom() -> Newsroom:
    """Create a section, an article with every body block and a correction, and its front."""
    section = make_section("World", slug="world")
    article = make_article(
        section,
        title=HEADLINE,
        standfirst=STANDFIRST,
        published_at=PUBLISHED_AT,
        lead_image=make_image(colour="navy"),
        lead_image_caption=LEAD_CAPTION,
        body=[
            ("paragraph", f"<p>{PARAGRAPH}</p>"),
            ("quote", {"text": QUOTE_TEXT, "speaker": SPEAKER, "attribution": ATTRIBUTION}),
            ("image", {"image": make_image(), "caption": CAPTION, "credit": CREDIT}),
        ],
    )
    add_correction(article, CORRECTION, corrected_at=CORRECTED_AT)
    rail_articles = [
        make_article(section, published_at=PUBLISHED_AT - dt.timedelta(days=days))
        for days in (1, 2)
    ]
    # Fetched again: the tree counters of a home loaded before the sections were
    # added are stale, and publishing saves the whole page.
    home = make_home()
    home.lead_article = article
    home.rails = [HomePageRail(section=section, count=4)]  # type: ignore[attr-defined]
    home.save_revision().publish()
    return Newsroom(section=section, article=article, rail_articles=rail_articles)


@dataclass
class BrowserLog:
    """Faults a page reported: console errors, uncaught exceptions, failed loads."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_loads: list[str] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        """Record the faults that ``page`` reports from now on."""
        page.on("console", self.on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("response", self.on_response)
        page.on("requestfailed", self.on_request_failed)

    def on_console(self, message: ConsoleMessage) -> None:
        """Keep console errors, which include Chromium's reports of CSP refusals."""
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def on_response(self, response: Response) -> None:
        """Keep responses with an error status."""
        if response.status >= 400:
            self.failed_loads.append(f"{response.status} {response.url}")

    def on_request_failed(self, request: Request) -> None:
        """Keep requests that got no response at all.

        A request the browser itself cancelled (``net::ERR_ABORTED``: a fetch still
        in flight when the reader follows a link) is not a fault of the page.
        """
        if request.failure == "net::ERR_ABORTED":
            return
        self.failed_loads.append(f"{request.failure} {request.url}")

    def faults(self, page: Page) -> dict[str, list[str]]:
        """Return every kind of fault recorded so far, CSP violations included."""
        return {
            "console errors": self.console_errors,
            "page errors": self.page_errors,
            "failed loads": self.failed_loads,
            "CSP violations": page.evaluate("() => window.__cspViolations"),
        }


def assert_no_faults(log: BrowserLog, page: Page) -> None:
    """Assert the page reported no fault, Chromium's own /favicon.ico requests aside.

    Chromium asks for /favicon.ico again after a click-through, whatever icon the
    page names; that request is the browser's, not the page's.
    """
    faults = log.faults(page)
    faults["console errors"] = [e for e in faults["console errors"] if "favicon.ico" not in e]
    assert faults == {
        "console errors": [],
        "page errors": [],
        "failed loads": [],
        "CSP violations": [],
    }


def load_fully(page: Page) -> None:
    """Scroll to the foot so lazy images load, then wait until the network is quiet."""
    page.wait_for_load_state("load")
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")


def document_order(parts: dict[str, Locator]) -> list[str]:
    """Return the names of ``parts`` sorted by where their element stands in the page."""
    positions = {
        name: locator.evaluate("el => [...document.querySelectorAll('*')].indexOf(el)")
        for name, locator in parts.items()
    }
    return sorted(positions, key=positions.__getitem__)


def run_axe(page: Page) -> dict[str, Any]:
    """Inject axe-core into ``page`` and return its results at WCAG 2.2 AA and on structure."""
    if not AXE_SCRIPT.is_file():
        pytest.fail(
            f"axe-core is missing ({AXE_SCRIPT} not found): run `npm ci` in {REPO_ROOT} "
            "to install the version pinned in package-lock.json.",
            pytrace=False,
        )
    page.add_script_tag(path=AXE_SCRIPT)
    options = {
        "runOnly": {"type": "tag", "values": WCAG_22_AA_TAGS},
        "rules": {rule: {"enabled": True} for rule in STRUCTURE_RULES},
    }
    return page.evaluate("options => axe.run(document, options)", options)  # type: ignore[no-any-return]


def describe_violations(violations: list[dict[str, Any]]) -> str:
    """Return axe's violations as lines of rule, impact, help and offending nodes."""
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            summary = node["failureSummary"].replace("\n", "\n        ")
            lines.append(f"    {node['target']}: {summary}")
    return "\n".join(lines)
