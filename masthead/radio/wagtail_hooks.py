"""Wagtail hooks of the radio app: admin screens, the station process, demo data."""

from __future__ import annotations

import logging
import sys
from typing import Any

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from masthead.radio import conf
from masthead.radio.forms import AudioProgrammeForm
from masthead.radio.models import AudioProgramme, ProgrammeSlot, Station

logger = logging.getLogger(__name__)


class StationViewSet(SnippetViewSet):
    """Stations: identity, zone, stream endpoints and the item on air."""

    model = Station
    icon = "media"
    menu_label = "Stations"
    list_display = ["name", "time_zone", "source", "now_playing_override"]


class ProgrammeSlotViewSet(SnippetViewSet):
    """The weekly schedule, slot by slot."""

    model = ProgrammeSlot
    icon = "date"
    menu_label = "Schedule"
    list_display = ["title", "host", "days_label", "times_label", "station"]
    list_filter = ["station"]
    search_fields = ["title", "host"]


class AudioProgrammeViewSet(SnippetViewSet):
    """Recorded programmes, checked to be playable audio when uploaded."""

    model = AudioProgramme
    icon = "media"
    menu_label = "Programmes"
    list_display = ["title", "duration_label", "uploaded_at"]
    search_fields = ["title"]
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("description"), FieldPanel("file")],
        base_form_class=AudioProgrammeForm,
    )


class RadioViewSetGroup(SnippetViewSetGroup):
    """The Radio menu of the admin."""

    items = (StationViewSet, ProgrammeSlotViewSet, AudioProgrammeViewSet)
    menu_icon = "media"
    menu_label = "Radio"
    menu_order = 260


register_snippet(RadioViewSetGroup)


@hooks.register("register_serve_process")
def station_process() -> list[tuple[str, list[str]]]:
    """Run the embedded station under ``masthead serve`` when it can run here."""
    if not conf.is_embedded_enabled():
        return []
    if conf.ffmpeg() is None or conf.espeak() is None:
        # The player says "off air"; the rest of the site is unaffected.
        logger.warning("Listen Live is off air: ffmpeg or espeak-ng is missing.")
        return []
    return [("radio", [sys.executable, "-m", "masthead.cli", "radio", "station"])]


@hooks.register("after_demo_load")
def radio_demo(stdout: Any) -> None:
    """Create the demo station and its weekly schedule."""
    from masthead.radio.demo import load_demo_station

    load_demo_station()
