from django.apps import AppConfig


class IngestConfig(AppConfig):
    """Importers from other newsroom systems, and the ninjs export."""

    name = "masthead.ingest"
    label = "ingest"
    verbose_name = "Import"
