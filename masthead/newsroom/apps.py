from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    """Home page, sections, articles, authors, corrections and scheduling."""

    name = "masthead.newsroom"
    label = "newsroom"
    verbose_name = "Newsroom"

    def ready(self) -> None:
        from masthead.newsroom import signal_handlers

        signal_handlers.register_signal_handlers()
