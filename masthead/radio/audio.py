"""Audio files: probe and validate uploads, decode to PCM, measure durations.

Uploads are checked by what they contain, not by their names: ffprobe must
find an audio stream and a duration, and a full decode must finish without an
error (a truncated or damaged file probes fine but fails to decode). Where
ffprobe is missing, mutagen reads the headers instead.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import mutagen

from masthead.radio import conf

SAMPLE_RATE = 44100
CHANNELS = 1
BYTES_PER_SECOND = SAMPLE_RATE * CHANNELS * 2
PROBE_TIMEOUT_SECONDS = 30
DECODE_TIMEOUT_SECONDS = 120
# A file decoding to less than this share of its stated length was cut short.
TRUNCATION_RATIO = 0.97
ACCEPTED_EXTENSIONS = ("mp3", "m4a", "aac", "ogg", "oga", "opus", "wav", "flac")
# The containers ffprobe names for those files. Anything else is refused: a
# playlist (HLS, say) probes as audio because ffmpeg follows it into the files
# it names, so the station would play whatever file on the server it pointed at.
ACCEPTED_FORMATS = frozenset({"mp3", "aac", "mov", "mp4", "m4a", "ogg", "wav", "flac"})


class AudioError(ValueError):
    """An audio file that cannot be used, with a message an editor can act on."""


@dataclass(frozen=True)
class AudioInfo:
    """What probing found: the container, the audio codec and the duration in seconds."""

    container: str
    codec: str
    duration: float


def probe(path: Path) -> AudioInfo:
    """Return what an audio file holds, or raise AudioError saying why it is unusable."""
    ffprobe = conf.ffprobe()
    info = probe_with_ffprobe(ffprobe, path) if ffprobe else probe_with_mutagen(path)
    if info.duration <= 0:
        raise AudioError("This file has no playable length.")
    if info.duration > conf.max_programme_seconds():
        hours = conf.max_programme_seconds() / 3600
        raise AudioError(f"This programme is longer than the {hours:g} hours allowed.")
    return info


def probe_with_ffprobe(ffprobe: str, path: Path) -> AudioInfo:
    """Return ffprobe's reading of a file's container, audio codec and duration."""
    command = [ffprobe, "-v", "error", "-print_format", "json", "-show_format", "-show_streams"]
    try:
        result = subprocess.run(
            [*command, str(path)], capture_output=True, timeout=PROBE_TIMEOUT_SECONDS, check=False
        )
        report = json.loads(result.stdout or b"{}")
    except (subprocess.TimeoutExpired, ValueError) as error:
        raise AudioError("This file could not be read as audio.") from error
    streams = report.get("streams") or []
    audio = [s for s in streams if s.get("codec_type") == "audio"]
    pictures = [s for s in streams if (s.get("disposition") or {}).get("attached_pic")]
    fmt = report.get("format") or {}
    formats = set(str(fmt.get("format_name", "")).split(","))
    if result.returncode != 0 or not audio or not formats & ACCEPTED_FORMATS:
        raise AudioError("This file is not audio: upload an MP3, AAC, Ogg, Opus, FLAC or WAV file.")
    if len(streams) - len(audio) - len(pictures) > 0:
        raise AudioError("This file holds video or other streams: upload a sound file only.")
    duration = to_seconds(fmt.get("duration")) or to_seconds(audio[0].get("duration"))
    return AudioInfo(str(fmt.get("format_name", "")), str(audio[0].get("codec_name", "")), duration)


def probe_with_mutagen(path: Path) -> AudioInfo:
    """Return mutagen's reading of a file (used where ffprobe is missing)."""
    try:
        found = mutagen.File(path)  # type: ignore[attr-defined]
    except Exception as error:  # mutagen raises many kinds for damaged headers.
        raise AudioError("This file could not be read as audio.") from error
    if found is None or getattr(found, "info", None) is None:
        raise AudioError("This file is not audio: upload an MP3, AAC, Ogg, Opus, FLAC or WAV file.")
    kind = type(found).__name__.lower()
    return AudioInfo(kind, kind, float(getattr(found.info, "length", 0.0) or 0.0))


def to_seconds(value: object) -> float:
    """Return a duration read from ffprobe as seconds, or 0.0 when absent."""
    try:
        return float(str(value))
    except ValueError:
        return 0.0


def check_decodes(path: Path, expected: float) -> None:
    """Decode the whole file; raise AudioError if the decoder reports damage or stops short.

    A truncated MP3 decodes without a single error, so the decoded length is
    compared with the length its headers promise.
    """
    ffmpeg = conf.ffmpeg()
    if ffmpeg is None:
        return  # Nothing to decode with; the probe already vouched for the headers.
    command = [
        ffmpeg, "-nostdin", "-v", "error", "-xerror", "-i", str(path),
        "-f", "null", "-progress", "pipe:1", "-",
    ]  # fmt: skip
    try:
        result = subprocess.run(
            command, capture_output=True, timeout=DECODE_TIMEOUT_SECONDS, check=False
        )
    except subprocess.TimeoutExpired as error:
        raise AudioError("This file took too long to decode; it may be damaged.") from error
    if result.returncode != 0 or result.stderr.strip():
        raise AudioError("This audio file is damaged (it does not decode to the end).")
    decoded = [line for line in result.stdout.splitlines() if line.startswith(b"out_time_us=")]
    decoded_seconds = to_seconds(decoded[-1].split(b"=", 1)[1].decode()) / 1e6 if decoded else 0.0
    if expected > 0 and decoded_seconds < expected * TRUNCATION_RATIO - 0.5:
        raise AudioError("This audio file is damaged: it stops before its stated length.")


def validate_audio_file(path: Path) -> AudioInfo:
    """Return the probe of a usable audio file; raise AudioError for anything else."""
    info = probe(path)
    check_decodes(path, info.duration)
    return info


def decode_command(path: Path, offset: float = 0.0) -> list[str]:
    """Return the ffmpeg argv that decodes a file to the station's raw PCM on stdout."""
    ffmpeg = conf.ffmpeg()
    if ffmpeg is None:
        raise AudioError("ffmpeg is missing.")
    seek = ["-ss", f"{offset:.3f}"] if offset > 0 else []
    return [
        ffmpeg, "-nostdin", "-v", "error", *seek, "-i", str(path),
        "-vn", "-f", "s16le", "-ac", str(CHANNELS), "-ar", str(SAMPLE_RATE), "pipe:1",
    ]  # fmt: skip


def encode_file(source: Path, target: Path, bitrate: str = "64k") -> None:
    """Encode any audio file to MP3 at ``target`` (for article audio)."""
    ffmpeg = conf.ffmpeg()
    if ffmpeg is None:
        raise AudioError("ffmpeg is missing.")
    command = [
        ffmpeg, "-nostdin", "-v", "error", "-y", "-i", str(source),
        "-ac", "1", "-c:a", "libmp3lame", "-b:a", bitrate, str(target),
    ]  # fmt: skip
    try:
        result = subprocess.run(command, capture_output=True, timeout=600, check=False)
    except subprocess.TimeoutExpired as error:
        # ffmpeg was killed mid-file: what it wrote is a truncated MP3.
        target.unlink(missing_ok=True)
        raise AudioError("ffmpeg took too long to encode the audio.") from error
    if result.returncode != 0:
        raise AudioError(f"ffmpeg could not encode the audio: {result.stderr.decode()[-300:]}")
