from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site identity, base templates, datelines, the page cache and the CLI."""

    name = "masthead.core"
    label = "core"
    verbose_name = "Masthead core"

    def ready(self) -> None:
        from masthead.core import signal_handlers

        signal_handlers.register_signal_handlers()
