from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Reader search across published articles."""

    name = "masthead.search"
    label = "search"
    verbose_name = "Search"
