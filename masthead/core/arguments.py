"""Argument types of the commands: a number in its range, or a clear argument error.

argparse names the option in front of the message ("argument --port: ..."), and
Django's commands turn the error into a CommandError, so a mistyped value ends
in one line instead of a traceback, a busy loop or a server restarting for ever.
"""

from __future__ import annotations

import argparse
import ipaddress
import math

HIGHEST_PORT = 65535


def whole_number(text: str, what: str, lowest: int, highest: int | None = None) -> int:
    """Return a whole number from ``lowest`` to ``highest`` (no limit when None)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{what} must be a whole number, not {text!r}") from None
    if value < lowest or (highest is not None and value > highest):
        limits = f"{lowest} to {highest}" if highest is not None else f"at least {lowest}"
        raise argparse.ArgumentTypeError(f"{what} must be {limits}, not {value}")
    return value


def port_number(text: str) -> int:
    """Return a TCP port a server can listen on, 1 to 65535."""
    # Port 0 would make the server pick one, and the address announced would be wrong.
    return whole_number(text, "the port", 1, HIGHEST_PORT)


def positive_seconds(text: str, highest: float | None = None) -> float:
    """Return a number of seconds above zero (at most ``highest``), refusing NaN and infinity."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    # NaN is never reached by a clock and zero or less returns at once (a busy
    # loop, or "for ever" where 0 means no limit); infinity overflows a wait.
    if not (math.isfinite(value) and value > 0 and (highest is None or value <= highest)):
        most = f", at most {highest:.0f}" if highest is not None else ""
        raise argparse.ArgumentTypeError(
            f"must be a number of seconds above zero{most}, not {text!r}"
        )
    return value


def listening_address(text: str) -> str:
    """Return an IP address a server can listen on (granian takes no host names)."""
    try:
        return str(ipaddress.ip_address(text.strip()))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be an IP address (127.0.0.1, 0.0.0.0 or ::), not {text!r}"
        ) from None
