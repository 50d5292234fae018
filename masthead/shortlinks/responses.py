"""The redirect answer, shared by the Django view and the WSGI fast path."""

from __future__ import annotations

from django.conf import settings

from masthead.shortlinks import conf
from masthead.shortlinks.resolution import Resolution

# Every click must reach the server to be counted, and short links stay out of indexes.
REDIRECT_HEADERS = [
    ("Cache-Control", "private, max-age=0"),
    ("X-Robots-Tag", "noindex"),
    ("Content-Length", "0"),
]
GONE_BODY = b"This page has been withdrawn.\n"
STATUS_LINES = {301: "301 Moved Permanently", 302: "302 Found", 410: "410 Gone"}


def redirect_status(resolution: Resolution) -> int:
    """Return the HTTP status of a resolved link: 301/302 when live, 410 when gone."""
    if not resolution.is_live:
        return 410
    return 301 if conf.is_permanent() else 302


def answer(resolution: Resolution) -> tuple[int, list[tuple[str, str]], bytes]:
    """Return status, headers and body of the response to a resolved link."""
    status = redirect_status(resolution)
    headers = [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", str(getattr(settings, "SECURE_REFERRER_POLICY", "same-origin"))),
    ]
    if status == 410:
        headers += [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Cache-Control", "private, max-age=0"),
            ("X-Robots-Tag", "noindex"),
            ("Content-Length", str(len(GONE_BODY))),
        ]
        return status, headers, GONE_BODY
    return status, [*headers, ("Location", resolution.location), *REDIRECT_HEADERS], b""
