from django.apps import AppConfig


class ShortlinksConfig(AppConfig):
    """Short codes, redirects, click counts and QR codes."""

    name = "masthead.shortlinks"
    label = "shortlinks"
    verbose_name = "Short links"
