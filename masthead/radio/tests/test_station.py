"""The automated station: what it plays when, and a live stream that survives crashes."""

from __future__ import annotations

import datetime as dt
import os
import signal
import threading
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from masthead.radio import conf
from masthead.radio.bulletin import article_text, bulletin_text
from masthead.radio.playout import Encoder, OnAirLog, Playout, hls_encoder_argv
from masthead.radio.schedule import WeeklySlot
from masthead.radio.station import BulletinDesk, ScheduleProgrammer, SlotPlan, StationPlan
from masthead.testing.factories import make_article

LONDON = ZoneInfo("Europe/London")


def at(text: str) -> dt.datetime:
    """Return a London wall-clock time as an aware datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def ready_desk(folder: Path) -> BulletinDesk:
    """Return a bulletin desk whose bulletin is already rendered."""
    desk = BulletinDesk(folder)
    desk.path = folder / "bulletin.wav"
    desk.path.write_bytes(b"RIFF")
    return desk


def plan_with_programme(path: Path, duration: float = 1800.0) -> StationPlan:
    """Return a plan with a Monday 09:00-11:00 slot playing ``path``."""
    weekly = WeeklySlot(1, (0,), dt.time(9), dt.time(11))
    return StationPlan(
        "Harbour FM", LONDON, (SlotPlan(weekly, "Tide Talk", "Ines", path, duration),)
    )


def test_bulletin_on_the_hour_then_the_programme_resumes_where_it_was_cut(tmp_path: Path) -> None:
    """The hour's bulletin cuts the programme, which then carries on from where it stopped."""
    recording = tmp_path / "tide.mp3"
    recording.write_bytes(b"x")
    programmer = ScheduleProgrammer(ready_desk(tmp_path), plan=plan_with_programme(recording))
    first = programmer.next_item(at("2026-07-06T09:00:05"))
    assert first.kind == "bulletin" and first.programme == "Tide Talk"
    programmer.played(first, 90)
    item = programmer.next_item(at("2026-07-06T09:01:35"))
    assert (item.kind, item.title, item.offset) == ("programme", "Tide Talk", 0.0)
    assert not programmer.should_cut(item, at("2026-07-06T09:59:59"))
    assert programmer.should_cut(item, at("2026-07-06T10:00:00"))
    programmer.played(item, 600)
    assert programmer.next_item(at("2026-07-06T10:00:01")).kind == "bulletin"
    resumed = programmer.next_item(at("2026-07-06T10:01:30"))
    assert (resumed.kind, resumed.offset) == ("programme", 600)


def test_programme_ends_with_its_slot(tmp_path: Path) -> None:
    """At the slot's end the programme is cut, and news takes over."""
    recording = tmp_path / "tide.mp3"
    recording.write_bytes(b"x")
    programmer = ScheduleProgrammer(ready_desk(tmp_path), plan=plan_with_programme(recording))
    programmer.last_bulletin_hour = at("2026-07-06T10:00").astimezone(dt.UTC)
    item = programmer.next_item(at("2026-07-06T10:30"))
    assert item.kind == "programme"
    assert programmer.should_cut(item, at("2026-07-06T11:00"))
    programmer.played(item, 1800)
    assert programmer.next_item(at("2026-07-06T10:59:59")).kind == "bulletin"


def test_without_a_schedule_bulletins_alternate_with_the_fallback_loop(tmp_path: Path) -> None:
    """Nothing scheduled: a bulletin, a short interlude, a bulletin again."""
    programmer = ScheduleProgrammer(
        ready_desk(tmp_path), plan=StationPlan("Harbour FM", LONDON, ())
    )
    kinds = []
    for minute in range(4):
        item = programmer.next_item(at(f"2026-07-06T14:0{minute}"))
        programmer.played(item, 30)
        kinds.append(item.kind)
    assert kinds == ["bulletin", "fallback", "bulletin", "fallback"]


def test_before_the_first_bulletin_is_ready_the_fallback_loop_plays(tmp_path: Path) -> None:
    """The station is on air from its first second, before speech is rendered."""
    programmer = ScheduleProgrammer(BulletinDesk(tmp_path), plan=StationPlan("X", LONDON, ()))
    item = programmer.next_item(at("2026-07-06T14:00"))
    assert item.kind == "fallback" and item.path is None and item.limit_seconds


@pytest.mark.django_db
def test_bulletin_reads_the_latest_headlines_and_standfirsts() -> None:
    """The bulletin names the station and reads the newest articles, newest first."""
    make_article(
        title="Ferry fares frozen",
        standfirst="The council agreed a freeze.",
        published_at=at("2026-07-01T09:00"),
    )
    make_article(
        title="Lighthouse repainted",
        standfirst="Volunteers finished on Sunday",
        published_at=at("2026-07-02T09:00"),
    )
    text = bulletin_text("Harbour FM")
    assert text.startswith("This is Harbour FM.")
    assert text.index("Lighthouse repainted.") < text.index("Ferry fares frozen.")
    assert "Volunteers finished on Sunday." in text


@pytest.mark.django_db
def test_article_text_reads_headline_standfirst_paragraphs_and_quotes() -> None:
    """Markup is dropped, quotes are attributed, images say nothing."""
    article = make_article(
        title="Harbour reopens",
        standfirst="Boats are back.",
        body=[
            ("paragraph", "<p>The <b>wall</b> is &amp; finished</p>"),
            ("quote", {"text": "We were lucky", "speaker": "Ines Caldor", "attribution": ""}),
        ],
    )
    text = article_text(article)
    assert text.splitlines() == [
        "Harbour reopens.",
        "Boats are back.",
        "The wall is & finished.",
        "Ines Caldor said: We were lucky.",
    ]


@pytest.mark.django_db
def test_bulletin_desk_renders_speech_once_per_set_of_headlines(radio_folder: Path) -> None:
    """espeak-ng renders a WAV; unchanged headlines are not rendered again.

    The bulletin replaced by new headlines is deleted once the other feed has
    had time to move on too.
    """
    from masthead.radio.station import REPLACED_BULLETIN_SECONDS

    make_article(title="Quay wall finished")
    desk = BulletinDesk(radio_folder / "bulletins")
    clock = [1000.0]
    desk.clock = lambda: clock[0]
    desk.refresh()
    first = desk.current()
    assert first is not None and first.read_bytes()[:4] == b"RIFF" and first.stat().st_size > 10_000
    modified = first.stat().st_mtime_ns
    desk.refresh()
    assert desk.current() == first and first.stat().st_mtime_ns == modified
    make_article(title="Storm warning lifted")
    desk.refresh()
    assert desk.current() != first and first.exists()
    clock[0] += REPLACED_BULLETIN_SECONDS + 1
    desk.refresh()
    assert desk.current() != first and not first.exists()


class Pips:
    """A programmer that plays the fallback loop only."""

    def __init__(self) -> None:
        self.desk = None

    def next_item(self, now: dt.datetime) -> object:
        from masthead.radio.playout import Item

        return Item("fallback", "Pips", limit_seconds=2.0)

    def should_cut(self, item: object, now: dt.datetime) -> bool:
        return False

    def played(self, item: object, seconds: float) -> None:
        return None


def wait_for(condition: object, seconds: float) -> bool:
    """Wait until ``condition()`` is true, or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


def test_live_stream_survives_the_encoder_being_killed(tmp_path: Path) -> None:
    """A killed encoder is replaced; the playlist keeps growing with new segment numbers."""
    ffmpeg = conf.ffmpeg()
    assert ffmpeg is not None
    folder = tmp_path / "hls"
    folder.mkdir()
    encoder = Encoder(
        lambda: hls_encoder_argv(ffmpeg, folder, 1, 4, "48k"), tmp_path / "encoder.pid"
    )
    playout = Playout(Pips(), encoder, OnAirLog(tmp_path / "on_air.json", "Test"))  # type: ignore[arg-type]
    thread = threading.Thread(target=playout.run, daemon=True)
    thread.start()
    try:
        playlist = folder / "live.m3u8"
        assert wait_for(
            lambda: playlist.is_file() and playlist.read_text().count("#EXTINF") >= 2, 15
        )
        before = set(folder.glob("live-*.ts"))
        os.kill(int((tmp_path / "encoder.pid").read_text()), signal.SIGKILL)
        assert wait_for(lambda: encoder.restarts >= 1, 10)
        assert wait_for(lambda: len(set(folder.glob("live-*.ts")) - before) >= 2, 15)
        text = playlist.read_text()
        assert "#EXT-X-ENDLIST" not in text
        assert int(text.split("#EXT-X-MEDIA-SEQUENCE:")[1].split()[0]) > 0
    finally:
        playout.stop()
        thread.join(10)
    assert not thread.is_alive()
    assert '"title": "Pips"' in (tmp_path / "on_air.json").read_text()


def test_a_recording_that_plays_nothing_is_not_retried_in_a_loop(tmp_path: Path) -> None:
    """A programme whose file yields no audio gives way to the news for the rest of its slot."""
    recording = tmp_path / "gone.mp3"
    recording.write_bytes(b"x")
    programmer = ScheduleProgrammer(ready_desk(tmp_path), plan=plan_with_programme(recording))
    programmer.last_bulletin_hour = at("2026-07-06T10:00").astimezone(dt.UTC)
    item = programmer.next_item(at("2026-07-06T10:30"))
    programmer.played(item, 0.0)
    assert programmer.next_item(at("2026-07-06T10:30:01")).kind == "bulletin"


@pytest.mark.django_db
def test_bulletin_leaves_out_restricted_and_expired_articles() -> None:
    """A password-protected or expired article is never read on air, only public news is."""
    from wagtail.models import PageViewRestriction

    make_article(title="Ferry fares frozen", standfirst="The council agreed a freeze.")
    secret = make_article(title="Quarry sale agreed", standfirst="Members only.")
    PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.PASSWORD, password="tide"
    )
    expired = make_article(title="Regatta postponed", standfirst="Until the spring.")
    expired.expire_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    expired.save(update_fields=["expire_at"])
    text = bulletin_text("Harbour FM")
    assert "Ferry fares frozen." in text
    assert "Quarry sale agreed" not in text and "Members only" not in text
    assert "Regatta postponed" not in text


def test_an_encoder_that_keeps_dying_is_restarted_with_a_growing_pause() -> None:
    """An encoder dying at once is restarted after 1, 2, 4 ... up to 30 s; a run that lasted resets.

    Before the fix, with Icecast down, ffmpeg was restarted at once every time
    (about 1.4 times a second), each with a warning.
    """
    import sys

    from masthead.radio import playout as playout_module

    clock = [0.0]
    pauses: list[float] = []

    def wait(seconds: float) -> None:
        pauses.append(seconds)
        clock[0] += seconds

    encoder = Encoder(lambda: [sys.executable, "-c", "pass"], wait=wait, clock=lambda: clock[0])
    encoder.start()
    for _ in range(7):
        assert encoder.process is not None
        encoder.process.wait()
        clock[0] += 0.5
        encoder.restart()
    assert pauses == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    clock[0] += playout_module.RESTART_STABLE_SECONDS
    encoder.restart()
    assert pauses[7:] == []
    clock[0] += 0.5
    encoder.restart()
    assert pauses[7:] == [1.0]
    encoder.close()


def test_bulletins_left_by_an_earlier_run_are_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bulletin rendered by a run that stopped is deleted once stale; a recent one is kept.

    Before the fix each restart of the station left its last bulletin WAV in the
    folder for good, since only the desk's own previous bulletin was deleted.
    """
    from masthead.radio import station

    monkeypatch.setattr(station, "refresh_connections", lambda: None)
    monkeypatch.setattr(station, "bulletin_text", lambda name: "The ferry sails at nine.")
    monkeypatch.setattr(station, "speak_to_file", lambda text, target: target.write_bytes(b"RIFF"))
    old, recent = tmp_path / "bulletin-0000000000000000.wav", tmp_path / "bulletin-1111.wav"
    for path in (old, recent):
        path.write_bytes(b"RIFF")
    two_hours_ago = time.time() - 7200
    os.utime(old, (two_hours_ago, two_hours_ago))
    desk = BulletinDesk(tmp_path)
    desk.refresh()
    assert desk.path is not None and desk.path.is_file()
    assert not old.exists() and recent.exists()


def named_segments(playlist: Path) -> list[str]:
    """Return the segment names a playlist lists (none when there is no playlist)."""
    try:
        text = playlist.read_text()
    except FileNotFoundError:
        return []
    return [line for line in text.splitlines() if line.endswith(".ts")]


def test_a_dead_encoders_files_are_cleared_on_restart_without_breaking_players(
    tmp_path: Path,
) -> None:
    """A restart takes the dead encoder's playlist down at once and its segments after a grace.

    Players are never handed a playlist naming a segment that is gone: the old
    playlist and half-written files go first, and the segments it named stay
    long enough for a player that loaded it just before. Before the fix the
    dead encoder's playlist and segments stayed until the station restarted.
    """
    import sys

    from masthead.radio.playout import HlsFolder

    folder = tmp_path / "hls"
    folder.mkdir()
    clock = [0.0]
    files = HlsFolder(folder, grace_seconds=24.0, clock=lambda: clock[0])
    reads_stdin = [sys.executable, "-c", "import sys; sys.stdin.buffer.read()"]
    encoder = Encoder(lambda: reads_stdin, wait=lambda s: None, clock=lambda: clock[0], files=files)
    encoder.start()
    old = [folder / "live-1796623182.ts", folder / "live-1796623183.ts"]
    for path in old:
        path.write_bytes(b"G")
    (folder / "live.m3u8").write_text(
        "#EXTM3U\n#EXTINF:4.0,\nlive-1796623182.ts\n#EXTINF:4.0,\nlive-1796623183.ts\n"
    )
    (folder / "live-1796623184.ts.tmp").write_bytes(b"G")
    assert encoder.process is not None
    encoder.process.kill()
    encoder.process.wait()

    assert not encoder.write(b"\0" * 10)  # Notices the death and restarts.
    assert encoder.restarts == 1
    assert not (folder / "live.m3u8").exists()
    assert not (folder / "live-1796623184.ts.tmp").exists()
    assert all(path.exists() for path in old)
    new = folder / "live-1796623200.ts"
    new.write_bytes(b"G")  # The new encoder's first segment, and its playlist.
    (folder / "live.m3u8").write_text("#EXTM3U\n#EXTINF:4.0,\nlive-1796623200.ts\n")

    clock[0] += 23.0
    assert encoder.write(b"\0" * 10)
    assert all(path.exists() for path in old)
    clock[0] += 2.0
    assert encoder.write(b"\0" * 10)
    assert not any(path.exists() for path in old)
    assert new.exists() and named_segments(folder / "live.m3u8") == [new.name]
    encoder.close()


def test_a_killed_ffmpeg_leaves_no_segments_behind(tmp_path: Path) -> None:
    """With a real ffmpeg killed, its segments go after the grace; every listed segment exists."""
    from masthead.radio.playout import HlsFolder

    ffmpeg = conf.ffmpeg()
    assert ffmpeg is not None
    folder = tmp_path / "hls"
    folder.mkdir()
    encoder = Encoder(
        lambda: hls_encoder_argv(ffmpeg, folder, 1, 4, "48k"),
        tmp_path / "encoder.pid",
        files=HlsFolder(folder, grace_seconds=2.0),
    )
    playout = Playout(Pips(), encoder, OnAirLog(tmp_path / "on_air.json", "Test"))  # type: ignore[arg-type]
    thread = threading.Thread(target=playout.run, daemon=True)
    thread.start()
    playlist = folder / "live.m3u8"
    missing: list[str] = []

    def listed_segments_exist() -> bool:
        missing.extend(n for n in named_segments(playlist) if not (folder / n).exists())
        return not missing

    try:
        assert wait_for(lambda: len(named_segments(playlist)) >= 2, 15)
        before = set(folder.glob("live-*.ts"))
        os.kill(int((tmp_path / "encoder.pid").read_text()), signal.SIGKILL)
        assert wait_for(lambda: encoder.restarts >= 1, 10)
        assert wait_for(
            lambda: listed_segments_exist() and not before & set(folder.glob("live-*.ts")), 20
        ), f"left: {sorted(p.name for p in before & set(folder.glob('live-*.ts')))}"
        assert not missing
        assert set(folder.glob("live-*.ts")) - before
    finally:
        playout.stop()
        thread.join(10)
    assert not thread.is_alive()


def test_a_bulletin_half_written_by_a_killed_station_is_deleted_once_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A partial bulletin left by a station killed while speaking goes with the stale bulletins.

    Before the fix the partial file had a temporary name (``tmpk3x9.wav``) that
    the stale-bulletin sweep did not match, so each station stopped while a
    bulletin was being spoken left a WAV in the folder for good.
    """
    from masthead.radio import bulletin, station

    handed: list[Path] = []

    class Recorder:
        def synthesise(self, text: str, target: Path) -> None:
            handed.append(target)
            target.write_bytes(b"RIFF")

    monkeypatch.setattr(bulletin, "get_engine", Recorder)
    monkeypatch.setattr(station, "refresh_connections", lambda: None)
    monkeypatch.setattr(station, "bulletin_text", lambda name: "The ferry sails at nine.")
    desk = BulletinDesk(tmp_path)
    desk.refresh()
    (partial,) = handed
    # What a station killed during synthesis leaves: the partial, never renamed.
    partial.write_bytes(b"RIFF")
    two_hours_ago = time.time() - 7200
    os.utime(partial, (two_hours_ago, two_hours_ago))
    monkeypatch.setattr(station, "bulletin_text", lambda name: "The ferry sails at ten.")
    desk.refresh()
    assert not partial.exists()
    assert desk.path is not None and desk.path.is_file()


def test_a_stopped_station_takes_its_stream_down(tmp_path: Path) -> None:
    """When the station stops, its playlist goes, then its segments: nothing looks live.

    Before the fix the last playlist and segments stayed, and the web server
    went on answering a live playlist that never moved, for good when the
    station was not started again (embedded station turned off).
    """
    import sys

    from masthead.radio.playout import HlsFolder

    folder = tmp_path / "hls"
    folder.mkdir()
    reads_stdin = [sys.executable, "-c", "import sys; sys.stdin.buffer.read()"]
    files = HlsFolder(folder, grace_seconds=24.0)
    encoder = Encoder(lambda: reads_stdin, files=files)
    playout = Playout(Pips(), encoder, OnAirLog(tmp_path / "on_air.json", "Test"))  # type: ignore[arg-type]
    (folder / "live-1796623300.ts").write_bytes(b"G")
    (folder / "live.m3u8").write_text("#EXTM3U\n#EXTINF:4.0,\nlive-1796623300.ts\n")
    playout.run(until=time.monotonic() + 0.3)
    assert sorted(path.name for path in folder.iterdir()) == []


@pytest.mark.parametrize("written_hours_ago", [0, 2])
def test_a_bulletin_is_not_deleted_under_the_other_feed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written_hours_ago: int
) -> None:
    """A feed's bulletin stays until that feed has moved to the new one, then goes.

    The HLS station and the Icecast feed share the folder and render the same
    names. Before the fix the first to see new headlines deleted the bulletin
    the other still held as current, so the other played nothing in its place
    until its own next refresh, the hour's news too.
    """
    from masthead.radio import station

    text = ["The ferry sails at nine."]
    monkeypatch.setattr(station, "refresh_connections", lambda: None)
    monkeypatch.setattr(station, "bulletin_text", lambda name: text[0])
    monkeypatch.setattr(station, "speak_to_file", lambda text, target: target.write_bytes(b"RIFF"))
    clock = [1000.0]
    hls, icecast = BulletinDesk(tmp_path), BulletinDesk(tmp_path)
    for desk in (hls, icecast):
        desk.clock = lambda: clock[0]
        desk.refresh()
    first = icecast.current()
    assert first is not None and hls.current() == first
    written = time.time() - written_hours_ago * 3600
    os.utime(first, (written, written))

    text[0] = "The ferry sails at ten."
    hls.refresh()
    assert hls.current() != first
    assert icecast.current() == first and first.is_file()
    clock[0] += station.BULLETIN_REFRESH_SECONDS
    icecast.refresh()
    assert icecast.current() == hls.current() and first.is_file()
    clock[0] += station.REPLACED_BULLETIN_SECONDS
    hls.refresh()
    icecast.refresh()
    assert not first.exists()
    assert hls.current() is not None and hls.current().is_file()  # type: ignore[union-attr]
