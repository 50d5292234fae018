from django.apps import AppConfig


class ShortlinksConfig(AppConfig):
    """Short codes, redirects, click counts and QR codes."""

    name = "masthead.shortlinks"
    label = "shortlinks"
    verbose_name = "Short links"

    def ready(self) -> None:
        from masthead.shortlinks import signal_handlers

        signal_handlers.register_signal_handlers()
