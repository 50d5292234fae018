"""Listen Live: stations, schedule, now playing, the stream encoder and article audio."""

from django.apps import AppConfig


class RadioConfig(AppConfig):
    """Listen Live: stations, schedule, now playing, the stream encoder and article audio."""

    name = "masthead.radio"
    label = "radio"
    verbose_name = "Radio"

    def ready(self) -> None:
        from masthead.radio import signal_handlers

        signal_handlers.register_signal_handlers()
