from django.apps import AppConfig


class TaggingConfig(AppConfig):
    """Typed tags, aliases, tag pages, entity extraction and tag suggestion."""

    name = "masthead.tagging"
    label = "tagging"
    verbose_name = "Tagging"
