"""Speech engines: turn text into a WAV file. espeak-ng by default, pluggable by setting.

Another engine (a neural one, a cloud service behind a proxy) is a class with
the same two methods, named in ``RADIO_SPEECH_ENGINE``.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Protocol

from django.utils.module_loading import import_string

from masthead.radio import conf

SPEECH_TIMEOUT_SECONDS = 300
# espeak-ng reads [[...]] as phonemes; readers' text must never steer the voice.
PHONEME_BRACKETS = re.compile(r"\[\[|\]\]")
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class SpeechError(RuntimeError):
    """The speech engine is missing or failed."""


class SpeechEngine(Protocol):
    """What the station and article audio need from a speech engine."""

    def is_available(self) -> bool:
        """Return whether the engine can speak on this machine."""

    def synthesise(self, text: str, target: Path) -> None:
        """Speak ``text`` into a WAV file at ``target``; raise SpeechError on failure."""


class EspeakEngine:
    """espeak-ng, a small local formant synthesiser packaged by every distribution."""

    voice = "en-gb"
    words_per_minute = 160

    def is_available(self) -> bool:
        """Return whether the espeak-ng binary exists."""
        return conf.espeak() is not None

    def synthesise(self, text: str, target: Path) -> None:
        """Speak ``text`` into ``target`` (WAV, 22.05 kHz mono)."""
        binary = conf.espeak()
        if binary is None:
            raise SpeechError("espeak-ng is missing.")
        command = [binary, "-v", self.voice, "-s", str(self.words_per_minute), "-b", "1"]
        try:
            result = subprocess.run(
                [*command, "-w", str(target), "--stdin"],
                input=clean_text(text).encode(),
                capture_output=True,
                timeout=SPEECH_TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise SpeechError("espeak-ng took too long.") from error
        if result.returncode != 0 or not target.is_file() or target.stat().st_size <= 44:
            raise SpeechError(f"espeak-ng failed: {result.stderr.decode(errors='replace')[-200:]}")


def clean_text(text: str) -> str:
    """Return text safe to hand a speech engine: no phoneme brackets or control characters."""
    return CONTROL_CHARACTERS.sub(" ", PHONEME_BRACKETS.sub(" ", text)).strip()


def get_engine() -> SpeechEngine:
    """Return an instance of the configured speech engine."""
    engine: SpeechEngine = import_string(conf.speech_engine_path())()
    return engine
