from django.apps import AppConfig


class RelatedConfig(AppConfig):
    """Related headlines: editor picks and the engine that finds more."""

    name = "masthead.related"
    label = "related"
    verbose_name = "Related headlines"
