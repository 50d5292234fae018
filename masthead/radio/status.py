"""What the player shows: on air or off air, the programme, the item on air, the schedule.

The embedded station writes what it plays to a JSON log; listeners hear it a
few segments later, so the item reported is the one that started before
``now - latency``. An Icecast station is read from its status-json.xsl (cached
for a few seconds, shared by every web process through the cache).
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache

from masthead.radio import conf, hls
from masthead.radio.icecast import MountStatus, fetch_status
from masthead.radio.models import ProgrammeSlot, Station, StreamEndpoint, slots_of
from masthead.radio.schedule import occurrence_bounds, on_air
from masthead.radio.speech import get_engine

ICECAST_CACHE_SECONDS = 5
DEFAULT_ENDPOINTS = [{"kind": "hls", "url": hls.PREFIX + hls.PLAYLIST}]


@dataclass(frozen=True)
class Liveness:
    """Whether the stream is on air, and if not, why."""

    is_on_air: bool
    reason: str = ""


def embedded_liveness() -> Liveness:
    """Return whether the embedded station's playlist is being written."""
    if conf.ffmpeg() is None:
        return Liveness(False, "The station's encoder (ffmpeg) is not installed.")
    if not get_engine().is_available():
        return Liveness(False, "The station's speech engine is not installed.")
    try:
        age = time.time() - (conf.hls_dir() / hls.PLAYLIST).stat().st_mtime
    except OSError:
        return Liveness(False, "The station is starting or not running.")
    if age > 3 * conf.segment_seconds() + 5:
        return Liveness(False, "The station has stopped; it will be back shortly.")
    return Liveness(True)


def latency_seconds() -> float:
    """Return how far behind the encoder a listener at the live edge hears."""
    return 3.0 * conf.segment_seconds() + 1.0


def embedded_item(now: dt.datetime) -> dict[str, str] | None:
    """Return the log entry of what a listener at the live edge hears now."""
    try:
        log = json.loads((conf.radio_dir() / "on_air.json").read_text())
        history = list(log["history"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    heard_at = now - dt.timedelta(seconds=latency_seconds())
    heard = [
        e
        for e in history
        if isinstance(e, dict) and e.get("started_at", "") <= heard_at.isoformat()
    ]
    return heard[-1] if heard else (history[0] if history else None)


def icecast_mounts(url: str) -> list[MountStatus]:
    """Return an Icecast server's mounts, cached for a few seconds across processes."""
    key = f"radio:icecast:{url}"
    mounts: list[MountStatus] | None = cache.get(key)
    if mounts is None:
        mounts = fetch_status(url)
        cache.set(key, mounts, ICECAST_CACHE_SECONDS)
    return mounts


def endpoints_of(station: Station | None) -> list[dict[str, str]]:
    """Return a station's stream endpoints for the player, in the order to try them."""
    if station is None:
        return DEFAULT_ENDPOINTS
    rows = list(StreamEndpoint.objects.filter(station=station))
    if not rows and station.source == Station.Source.EMBEDDED:
        return DEFAULT_ENDPOINTS
    order = {
        StreamEndpoint.Kind.HLS: 0,
        StreamEndpoint.Kind.ICECAST_MP3: 1,
        StreamEndpoint.Kind.FALLBACK: 2,
    }
    rows.sort(key=lambda row: order.get(row.kind, 3))  # type: ignore[call-overload]
    return [{"kind": row.kind, "url": row.url} for row in rows]


def slot_summary(
    slot: ProgrammeSlot, station: Station, now: dt.datetime | None = None
) -> dict[str, str]:
    """Return a slot as the player shows it."""
    summary = {
        "title": slot.title,
        "host": slot.host,
        "description": slot.description,
        "days": slot.days_label,
        "times": slot.times_label,
    }
    if now is not None:
        start, end = occurrence_bounds(slot.weekly, now, station.zone)
        summary["starts_at"], summary["ends_at"] = start.isoformat(), end.isoformat()
    return summary


def station_status(now: dt.datetime) -> dict[str, Any]:
    """Return everything the player shows, as JSON-ready data."""
    station = Station.objects.listen_live()
    slots = slots_of(station) if station else []
    current = None
    if station is not None:
        weekly = on_air([s.weekly for s in slots], now, station.zone)
        current = next((s for s in slots if weekly is not None and s.pk == weekly.key), None)
    status: dict[str, Any] = {
        "station": station.name if station else "Masthead Radio",
        "description": station.description if station else "",
        "zone": station.time_zone if station else "UTC",
        "programme": slot_summary(current, station, now) if current and station else None,
        "schedule": [slot_summary(slot, station) for slot in slots] if station else [],
        "streams": endpoints_of(station),
        "listeners": None,
        "item": None,
    }
    if station is not None and station.source == Station.Source.ICECAST:
        status.update(icecast_part(station))
    else:
        liveness = embedded_liveness()
        entry = embedded_item(now) if liveness.is_on_air else None
        status.update(
            on_air=liveness.is_on_air,
            reason=liveness.reason,
            item={"title": entry.get("title", ""), "kind": entry.get("kind", "")}
            if entry
            else None,
        )
    if station is not None and station.now_playing_override:
        status["item"] = {"title": station.now_playing_override, "kind": "live"}
    return status


def icecast_part(station: Station) -> dict[str, Any]:
    """Return liveness, listeners and the item on air of an Icecast station."""
    mounts = icecast_mounts(station.icecast_status_url)
    if not mounts:
        return {
            "on_air": False,
            "reason": "The stream server has no source connected.",
            "item": None,
        }
    live = conf.icecast()["MOUNT"]
    main = next((m for m in mounts if m.mount == live), mounts[0])
    item = {"title": main.title, "kind": "stream"} if main.title else None
    return {
        "on_air": True,
        "reason": "" if main.mount == live else "Playing the fallback stream.",
        "listeners": sum(m.listeners for m in mounts),
        "item": item,
    }
