"""Stations, their stream endpoints, the weekly schedule, audio programmes and article audio."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel

from masthead.radio.audio import ACCEPTED_EXTENSIONS
from masthead.radio.schedule import DAY_NAMES, WeeklySlot, first_overlap

DAY_FIELDS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class StationQuerySet(models.QuerySet["Station"]):
    """Queries on stations."""

    def listen_live(self) -> Station | None:
        """Return the station that Listen Live plays: the first one made."""
        return self.order_by("pk").first()


class Station(ClusterableModel):
    """A radio station: its identity, zone, stream endpoints and what is on air."""

    class Source(models.TextChoices):
        EMBEDDED = "embedded", "Embedded (HLS made by masthead serve)"
        ICECAST = "icecast", "Icecast"

    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    time_zone = models.CharField(
        max_length=64, choices=ZONE_CHOICES, default="Europe/London",
        help_text="Programme times are wall-clock times in this zone.",
    )  # fmt: skip
    source = models.CharField(max_length=16, choices=Source.choices, default=Source.EMBEDDED)
    icecast_status_url = models.URLField(
        blank=True,
        help_text="Icecast's status-json.xsl, read for now playing and listener counts.",
    )
    now_playing_override = models.CharField(
        max_length=200,
        blank=True,
        help_text="Shown as the item on air instead of what the stream reports (e.g. a live show).",
    )

    objects = StationQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("logo"),
        FieldPanel("time_zone"),
        MultiFieldPanel(
            [FieldPanel("source"), FieldPanel("icecast_status_url"), InlinePanel("endpoints")],
            heading="Streams",
        ),
        FieldPanel("now_playing_override"),
    ]

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """Return the station's zone."""
        return zoneinfo.ZoneInfo(self.time_zone)


class StreamEndpoint(models.Model):
    """One way to hear a station: its HLS playlist, an Icecast MP3 mount, or a fallback."""

    class Kind(models.TextChoices):
        HLS = "hls", "HLS playlist"
        ICECAST_MP3 = "mp3", "Icecast MP3 mount"
        FALLBACK = "fallback", "Fallback MP3"

    station = ParentalKey(Station, on_delete=models.CASCADE, related_name="endpoints")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    url = models.CharField(
        max_length=500, help_text="An absolute http(s) URL, or a path on this site (/radio/…)."
    )
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("url")])]

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.url}"

    def clean(self) -> None:
        """Refuse URLs a browser should not be sent to (other schemes, protocol-relative)."""
        url = self.url.strip()
        is_path = url.startswith("/") and not url.startswith("//")
        if not (is_path or url.startswith(("https://", "http://"))):
            raise ValidationError({"url": "Give an http(s) URL or a path starting with /."})
        if any(c.isspace() or c in "\"'<>\\" for c in url):
            raise ValidationError({"url": "The URL holds characters that are not allowed."})
        self.url = url


class AudioProgramme(models.Model):
    """A recorded programme uploaded by an editor, checked to be playable audio."""

    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    file = models.FileField(
        upload_to="radio/programmes/%Y/%m/",
        validators=[FileExtensionValidator(list(ACCEPTED_EXTENSIONS))],
        help_text="MP3, AAC, Ogg, Opus, FLAC or WAV.",
    )
    duration_seconds = models.FloatField(default=0, editable=False)
    codec = models.CharField(max_length=40, blank=True, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    panels = [FieldPanel("title"), FieldPanel("description"), FieldPanel("file")]

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def duration_label(self) -> str:
        """Return the duration as minutes and seconds."""
        return format_duration(self.duration_seconds)


class ProgrammeSlot(models.Model):
    """A weekly slot of a station's schedule, in the station's wall-clock time."""

    station = models.ForeignKey(Station, on_delete=models.CASCADE, related_name="slots")
    title = models.CharField(max_length=200)
    host = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    monday = models.BooleanField(default=False)
    tuesday = models.BooleanField(default=False)
    wednesday = models.BooleanField(default=False)
    thursday = models.BooleanField(default=False)
    friday = models.BooleanField(default=False)
    saturday = models.BooleanField(default=False)
    sunday = models.BooleanField(default=False)
    start_time = models.TimeField()
    end_time = models.TimeField(help_text="At or before the start: the slot runs past midnight.")
    programme = models.ForeignKey(
        AudioProgramme,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="slots",
        help_text="The recording to play; without one, the slot carries news bulletins.",
    )

    panels = [
        FieldPanel("station"),
        FieldPanel("title"),
        FieldPanel("host"),
        FieldPanel("description"),
        MultiFieldPanel([FieldPanel(name) for name in DAY_FIELDS], heading="Days"),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("programme"),
    ]

    class Meta:
        ordering = ["station", "start_time"]

    def __str__(self) -> str:
        return f"{self.title} ({self.days_label} {self.times_label})"

    def clean(self) -> None:
        """Refuse slots with no day, no length, or overlapping another slot of the station."""
        if not self.days:
            raise ValidationError("Choose at least one day.")
        if self.start_time is None or self.end_time is None:
            return  # The fields' own errors say so.
        if self.start_time.replace(second=0, microsecond=0) == self.end_time.replace(
            second=0, microsecond=0
        ):
            raise ValidationError({"end_time": "The slot must end at another time than it starts."})
        if self.station_id is None:
            return
        others = ProgrammeSlot.objects.filter(station_id=self.station_id).exclude(pk=self.pk)
        clash = first_overlap(self.weekly, (other.weekly for other in others))
        if clash is not None:
            other = next(o for o in others if o.pk == clash.key)
            raise ValidationError(f"This slot overlaps “{other}”.")

    @property
    def days(self) -> tuple[int, ...]:
        """Return the slot's weekdays (0 = Monday)."""
        return tuple(i for i, name in enumerate(DAY_FIELDS) if getattr(self, name))

    @property
    def days_label(self) -> str:
        """Return the days in words ("Weekdays", "Every day", "Monday, Friday")."""
        days = self.days
        if len(days) == 7:
            return "Every day"
        if days == (0, 1, 2, 3, 4):
            return "Weekdays"
        if days == (5, 6):
            return "Weekends"
        return ", ".join(DAY_NAMES[d] for d in days)

    @property
    def times_label(self) -> str:
        """Return the times as ``HH:MM-HH:MM`` (with an en dash)."""
        return f"{self.start_time:%H:%M}\u2013{self.end_time:%H:%M}"

    @cached_property
    def weekly(self) -> WeeklySlot:
        """Return the slot as schedule arithmetic sees it."""
        start = self.start_time.replace(second=0, microsecond=0)
        end = self.end_time.replace(second=0, microsecond=0)
        return WeeklySlot(key=self.pk, days=self.days, start=start, end=end)


class ArticleAudio(models.Model):
    """An article read aloud by the speech engine, made when the article is published."""

    article = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="radio_audio"
    )
    file = models.FileField(upload_to="radio/articles/")
    duration_seconds = models.FloatField(default=0)
    text_digest = models.CharField(max_length=64)
    rendered_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Audio of page {self.article_id}"

    @property
    def duration_label(self) -> str:
        """Return the duration as minutes and seconds."""
        return format_duration(self.duration_seconds)


def article_audio_key(page_id: int) -> str:
    """Return the shared-cache key of an article's reading."""
    return f"radio:article-audio:{page_id}"


def format_duration(seconds: float) -> str:
    """Return a duration as ``M min S s`` (or ``H h M min``)."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"


def iso_duration(seconds: float) -> str:
    """Return a duration for a <time datetime> attribute (``PT3M20S``)."""
    return f"PT{int(dt.timedelta(seconds=round(seconds)).total_seconds())}S"


def slots_of(station: Station) -> list[ProgrammeSlot]:
    """Return a station's slots in one query."""
    return list(ProgrammeSlot.objects.filter(station=station).select_related("programme"))
