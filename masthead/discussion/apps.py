"""Reader accounts' comments, replies, reactions and live updates."""

from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    """Reader accounts' comments, replies, reactions and live updates."""

    name = "masthead.discussion"
    label = "discussion"
    verbose_name = "Discussion"

    def ready(self) -> None:
        from masthead.discussion import signal_handlers

        signal_handlers.register_signal_handlers()
