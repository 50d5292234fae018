"""Comment formatting: paragraphs, bold, italics, links; nothing else survives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from masthead.discussion.formatting import render_body


def test_paragraphs_bold_italics_links() -> None:
    """Blank lines make paragraphs and the light markup becomes tags."""
    html = render_body("One **two** *three* _four_\nline\n\nSee https://example.org/a_b.")
    assert html == (
        "<p>One <strong>two</strong> <em>three</em> <em>four</em><br>line</p>"
        '<p>See <a href="https://example.org/a_b" rel="nofollow ugc noopener">'
        "https://example.org/a_b</a>.</p>"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "https://example.org/find?q=*ferry*",
            '<p><a href="https://example.org/find?q=*ferry*" rel="nofollow ugc noopener">'
            "https://example.org/find?q=*ferry*</a></p>",
        ),
        (
            "https://example.org/**quay**",
            '<p><a href="https://example.org/**quay**" rel="nofollow ugc noopener">'
            "https://example.org/**quay**</a></p>",
        ),
        (
            "*see https://example.org/dock*",
            '<p>*see <a href="https://example.org/dock*" rel="nofollow ugc noopener">'
            "https://example.org/dock*</a></p>",
        ),
        (
            "**read https://example.org/tide today**",
            '<p><strong>read <a href="https://example.org/tide" rel="nofollow ugc noopener">'
            "https://example.org/tide</a> today</strong></p>",
        ),
    ],
)
def test_stars_inside_addresses_stay_in_the_link(text: str, expected: str) -> None:
    """Stars in an address are part of it: bold and italics never break a link's target.

    Before the fix ``*ferry*`` in a query string became ``<em>`` inside the href,
    which pointed the link somewhere else.
    """
    assert render_body(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "See https://wiki.example.org/Wenmoor_(harbour).",
            '<p>See <a href="https://wiki.example.org/Wenmoor_(harbour)" '
            'rel="nofollow ugc noopener">https://wiki.example.org/Wenmoor_(harbour)</a>.</p>',
        ),
        (
            "(as https://example.org/tides said)",
            '<p>(as <a href="https://example.org/tides" rel="nofollow ugc noopener">'
            "https://example.org/tides</a> said)</p>",
        ),
        (
            "(see https://example.org/ferries)",
            '<p>(see <a href="https://example.org/ferries" rel="nofollow ugc noopener">'
            "https://example.org/ferries</a>)</p>",
        ),
    ],
)
def test_an_address_keeps_its_own_closing_parenthesis(text: str, expected: str) -> None:
    """A closing bracket ends an address only when the address did not open it.

    Before the fix the page of an encyclopedia entry such as ``Wenmoor_(harbour)``
    lost its ``)`` and the link led to another page.
    """
    assert render_body(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ("<a href='javascript:x'>y</a>", "<p>&lt;a href='javascript:x'&gt;y&lt;/a&gt;</p>"),
        (
            'https://example.org/"onmouseover="x()',
            '<p><a href="https://example.org/" rel="nofollow ugc noopener">'
            'https://example.org/</a>"onmouseover="x()</p>',
        ),
        ("javascript:alert(1)", "<p>javascript:alert(1)</p>"),
        ("&lt;b&gt;", "<p>&amp;lt;b&amp;gt;</p>"),
    ],
)
def test_markup_is_shown_as_text(text: str, expected: str) -> None:
    """Typed HTML is escaped; only http(s) addresses become links."""
    assert render_body(text) == expected


@given(st.text(max_size=300))
@settings(max_examples=200, deadline=None)
def test_no_tag_outside_the_allow_list(text: str) -> None:
    """Whatever is typed, only p, br, strong, em and a tags come out, and no handlers."""
    import re

    html = render_body(text)
    assert set(re.findall(r"<([a-zA-Z0-9]+)", html)) <= {"p", "br", "strong", "em", "a"}
    assert " on" not in "".join(re.findall(r"<[^>]*>", html)).lower()


def test_long_pathological_input_is_fast() -> None:
    """Thousands of unmatched markers render quickly (no backtracking blow-up)."""
    import time

    started = time.perf_counter()
    render_body(("**" + "*_" * 1000 + "x ") * 2 + "https://" + "a" * 3000)
    assert time.perf_counter() - started < 1.0
