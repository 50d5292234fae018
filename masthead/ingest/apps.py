"""Importers from other newsroom systems, and the ninjs export."""

from django.apps import AppConfig


class IngestConfig(AppConfig):
    """Importers from other newsroom systems, and the ninjs export."""

    name = "masthead.ingest"
    label = "ingest"
    verbose_name = "Import"

    def ready(self) -> None:
        from masthead.ingest import signal_handlers

        signal_handlers.register_signal_handlers()
