"""``masthead radio``: run the station, configure and feed Icecast, render a bulletin."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from masthead.core.arguments import port_number, positive_seconds
from masthead.core.files import atomic_writer
from masthead.radio import conf, icecast
from masthead.radio.bulletin import bulletin_text, speak_to_file
from masthead.radio.models import Station
from masthead.radio.playout import Item, OnAirLog, Playout
from masthead.radio.runner import (
    MissingProgram,
    hls_encoder,
    icecast_encoder,
    metadata_notice,
    run_station,
)
from masthead.radio.speech import SpeechError


class FallbackOnly:
    """A programmer that plays the fallback loop for ever (the fallback mount's feed)."""

    def next_item(self, now: Any) -> Item:
        return Item("fallback", "Back shortly", limit_seconds=60.0)

    def should_cut(self, item: Item, now: Any) -> bool:
        return False

    def played(self, item: Item, seconds: float) -> None:
        return None


class Command(BaseCommand):
    help = "The radio station: run it (HLS or Icecast), write Icecast's config, render a bulletin."

    def add_arguments(self, parser: CommandParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        station = commands.add_parser("station", help="Run the embedded station (live HLS).")
        station.add_argument(
            "--seconds", type=positive_seconds, default=None, help="Stop after this long."
        )
        feed = commands.add_parser("icecast-feed", help="Feed the schedule to Icecast as MP3.")
        feed.add_argument(
            "--fallback", action="store_true", help="Feed the fallback mount instead."
        )
        feed.add_argument("--seconds", type=positive_seconds, default=None)
        config = commands.add_parser("icecast-config", help="Write an icecast.xml for Masthead.")
        config.add_argument("--output", required=True, help="Where to write icecast.xml.")
        config.add_argument("--host", default=None)
        config.add_argument("--port", type=port_number, default=None)
        config.add_argument("--log-dir", default="/var/log/icecast2")
        config.add_argument("--pid-file", default="/run/icecast2/icecast2.pid")
        bulletin = commands.add_parser(
            "bulletin", help="Render the current news bulletin to a WAV file."
        )
        bulletin.add_argument("--output", required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        action = options["action"]
        try:
            if action == "station":
                self.station(options)
            elif action == "icecast-feed":
                self.icecast_feed(options)
            elif action == "icecast-config":
                self.icecast_config(options)
            else:
                self.bulletin(options)
        except (MissingProgram, SpeechError) as error:
            raise CommandError(str(error)) from error

    def station(self, options: dict[str, Any]) -> None:
        """Run the embedded station until stopped."""
        encoder = hls_encoder(conf.hls_dir())
        log = OnAirLog(conf.radio_dir() / "on_air.json", "")
        self.stdout.write(f"Station on air: {conf.hls_dir() / 'live.m3u8'}")
        run_station(encoder, log, seconds=options["seconds"])

    def icecast_feed(self, options: dict[str, Any]) -> None:
        """Feed the schedule (or the fallback loop) to the Icecast mount."""
        settings = conf.icecast()
        if not settings["SOURCE_PASSWORD"]:
            raise CommandError(
                "Set RADIO_ICECAST['SOURCE_PASSWORD'] to the source password in icecast.xml."
            )
        station = Station.objects.listen_live()
        name = station.name if station else "Masthead Radio"
        mount = settings["FALLBACK_MOUNT"] if options["fallback"] else settings["MOUNT"]
        encoder = icecast_encoder(mount, name)
        log = OnAirLog(conf.radio_dir() / f"icecast{mount.replace('/', '-')}.json", name)
        conf.radio_dir().mkdir(parents=True, exist_ok=True)
        self.stdout.write(f"Feeding Icecast {settings['HOST']}:{settings['PORT']}{mount}")
        if options["fallback"]:
            import time

            seconds = options["seconds"]
            playout = Playout(FallbackOnly(), encoder, log)
            playout.run(until=time.monotonic() + seconds if seconds else None)
            return
        log.listeners_notice = metadata_notice(mount)
        run_station(encoder, log, seconds=options["seconds"])

    def icecast_config(self, options: dict[str, Any]) -> None:
        """Write icecast.xml with the passwords of RADIO_ICECAST (or new random ones)."""
        settings = conf.icecast()
        source = settings["SOURCE_PASSWORD"] or secrets.token_urlsafe(18)
        admin = settings["ADMIN_PASSWORD"] or secrets.token_urlsafe(18)
        text = icecast.render_config(
            host=options["host"] or settings["HOST"],
            port=options["port"] or int(settings["PORT"]),
            source_password=source,
            admin_user=settings["ADMIN_USER"],
            admin_password=admin,
            mount=settings["MOUNT"],
            fallback_mount=settings["FALLBACK_MOUNT"],
            max_listeners=int(settings["MAX_LISTENERS"]),
            log_dir=options["log_dir"],
            pid_file=options["pid_file"],
        )
        output = Path(options["output"])
        try:
            output.parent.mkdir(parents=True, exist_ok=True)
            # Passwords inside: readable by its owner and group (icecast) only,
            # whatever the file it replaces allowed.
            with atomic_writer(output, mode=0o640) as handle:
                handle.write(text)
        except OSError as error:
            raise CommandError(f"Could not write {output}: {error.strerror}") from error
        self.stdout.write(f"Wrote {output}")
        if not settings["SOURCE_PASSWORD"]:
            self.stdout.write(
                "New passwords were generated: copy them from the file into RADIO_ICECAST."
            )

    def bulletin(self, options: dict[str, Any]) -> None:
        """Render the current bulletin to a WAV file."""
        station = Station.objects.listen_live()
        text = bulletin_text(station.name if station else "Masthead Radio")
        output = Path(options["output"])
        try:
            speak_to_file(text, output)
        except OSError as error:
            raise CommandError(f"Could not write {output}: {error.strerror}") from error
        self.stdout.write(text)
