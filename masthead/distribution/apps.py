from django.apps import AppConfig


class DistributionConfig(AppConfig):
    """Feeds, sitemaps, structured data, WebSub, the read API and ninjs."""

    name = "masthead.distribution"
    label = "distribution"
    verbose_name = "Distribution"

    def ready(self) -> None:
        from masthead.distribution import signal_handlers

        signal_handlers.register_signal_handlers()
