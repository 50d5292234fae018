from django.apps import AppConfig


class RadioConfig(AppConfig):
    """Listen Live: stations, schedule, now playing, the stream encoder and article audio."""

    name = "masthead.radio"
    label = "radio"
    verbose_name = "Radio"
