from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Site identity, base templates, datelines, the page cache and the CLI."""

    name = "masthead.core"
    label = "core"
    verbose_name = "Masthead core"
