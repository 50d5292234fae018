"""Settings of the radio app, read with their defaults (none need to be set)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from django.conf import settings

# Seconds of audio in one HLS segment, and segments listed in the live playlist.
DEFAULT_SEGMENT_SECONDS = 4
DEFAULT_PLAYLIST_SEGMENTS = 6


def setting(name: str, default: Any) -> Any:
    """Return the setting ``name``, or ``default`` when it is unset."""
    return getattr(settings, name, default)


def binary(name: str, default: str) -> str | None:
    """Return the full path of an external program named by a setting, or None if missing."""
    configured = str(setting(name, default))
    if "/" in configured:
        path = Path(configured)
        return str(path) if path.is_file() and path.stat().st_mode & 0o111 else None
    return shutil.which(configured)


def ffmpeg() -> str | None:
    """Return the ffmpeg binary (RADIO_FFMPEG), or None when it is missing."""
    return binary("RADIO_FFMPEG", "ffmpeg")


def ffprobe() -> str | None:
    """Return the ffprobe binary (RADIO_FFPROBE), or None when it is missing."""
    return binary("RADIO_FFPROBE", "ffprobe")


def espeak() -> str | None:
    """Return the espeak-ng binary (RADIO_ESPEAK), or None when it is missing."""
    return binary("RADIO_ESPEAK", "espeak-ng")


def speech_engine_path() -> str:
    """Return the dotted path of the speech engine class (RADIO_SPEECH_ENGINE)."""
    return str(setting("RADIO_SPEECH_ENGINE", "masthead.radio.speech.EspeakEngine"))


def radio_dir() -> Path:
    """Return the folder of the embedded station's generated files."""
    return Path(setting("RADIO_DIR", Path(settings.DATA_DIR) / "radio"))


def hls_dir() -> Path:
    """Return the folder the encoder writes the live playlist and segments into."""
    return radio_dir() / "hls"


def segment_seconds() -> int:
    """Return the target length of one HLS segment in seconds."""
    return int(setting("RADIO_SEGMENT_SECONDS", DEFAULT_SEGMENT_SECONDS))


def playlist_segments() -> int:
    """Return how many segments the live playlist lists."""
    return int(setting("RADIO_PLAYLIST_SEGMENTS", DEFAULT_PLAYLIST_SEGMENTS))


def bitrate() -> str:
    """Return the bit rate of the live stream (ffmpeg's notation)."""
    return str(setting("RADIO_BITRATE", "64k"))


def is_embedded_enabled() -> bool:
    """Return whether ``masthead serve`` runs the embedded station (RADIO_EMBEDDED)."""
    return bool(setting("RADIO_EMBEDDED", True))


def max_upload_bytes() -> int:
    """Return the largest audio programme an editor may upload."""
    return int(setting("RADIO_MAX_UPLOAD_BYTES", 200 * 1024 * 1024))


def max_programme_seconds() -> float:
    """Return the longest audio programme accepted (a day's schedule holds nothing longer)."""
    return float(setting("RADIO_MAX_PROGRAMME_SECONDS", 6 * 3600))


def bulletin_headlines() -> int:
    """Return how many of the latest articles a news bulletin reads."""
    return int(setting("RADIO_BULLETIN_HEADLINES", 5))


def icecast() -> dict[str, Any]:
    """Return the Icecast settings (RADIO_ICECAST) with their defaults."""
    defaults: dict[str, Any] = {
        "HOST": "127.0.0.1",
        "PORT": 8001,
        "PUBLIC_URL": "",
        "SOURCE_PASSWORD": "",
        "ADMIN_USER": "admin",
        "ADMIN_PASSWORD": "",
        "MOUNT": "/live.mp3",
        "FALLBACK_MOUNT": "/fallback.mp3",
        "BITRATE": "128k",
        "MAX_LISTENERS": 2000,
    }
    return {**defaults, **setting("RADIO_ICECAST", {})}


def status_seconds() -> int:
    """Return how long browsers and caches may keep the station status."""
    return int(setting("RADIO_STATUS_MAX_AGE", 5))


def is_article_audio_enabled() -> bool:
    """Return whether publishing an article queues its reading (RADIO_ARTICLE_AUDIO).

    Unset, it is on wherever tasks run in a background worker, and off with the
    immediate backend, which would read every article aloud inside the
    publishing request (and inside every test that publishes one).
    """
    configured = setting("RADIO_ARTICLE_AUDIO", None)
    if configured is not None:
        return bool(configured)
    backend = str(settings.TASKS.get("default", {}).get("BACKEND", ""))
    return not backend.endswith("ImmediateBackend")
