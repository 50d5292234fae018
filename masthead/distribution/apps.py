from django.apps import AppConfig


class DistributionConfig(AppConfig):
    """Feeds, sitemaps, structured data, WebSub, the read API and ninjs."""

    name = "masthead.distribution"
    label = "distribution"
    verbose_name = "Distribution"
