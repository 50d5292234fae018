"""The reader's address as per-address rate limits count it, behind a proxy."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest

# No connection address at all (a Unix socket): every such request shares one count.
UNKNOWN = "0.0.0.0"  # noqa: S104 (an address to count by, not one to bind)


def client_ip(request: HttpRequest) -> str:
    """Return the address in the header the proxy sets (``MASTHEAD_CLIENT_IP_HEADER``).

    A list (X-Forwarded-For) counts by its last address, the one our proxy
    added. A request without the header (it reached the server past the proxy)
    or with no address in it counts by the connection's own address, so it is
    limited with the proxy's other such requests instead of failing.
    """
    header: str = settings.MASTHEAD_CLIENT_IP_HEADER or "REMOTE_ADDR"
    listed = str(request.META.get(header, ""))
    try:
        return str(ipaddress.ip_address(listed.rsplit(",", 1)[-1].strip()))
    except ValueError:
        return str(request.META.get("REMOTE_ADDR") or UNKNOWN)
