"""Related headlines: editor picks and the engine that finds more."""

from django.apps import AppConfig


class RelatedConfig(AppConfig):
    """Related headlines: editor picks and the engine that finds more."""

    name = "masthead.related"
    label = "related"
    verbose_name = "Related headlines"

    def ready(self) -> None:
        from masthead.related import signal_handlers

        signal_handlers.register_signal_handlers()
        add_article_panels()


def add_article_panels() -> None:
    """Put the ordered editor picks and the explained list in the article editor."""
    from wagtail.admin.panels import MultiFieldPanel

    from masthead.newsroom.models import ArticlePage
    from masthead.related.panels import RelatedListPanel, RelatedPicksPanel

    # Newsroom must not know this app, so the panel is added here, before Wagtail
    # first builds (and caches) the article's edit handler.
    ArticlePage.content_panels = [
        *ArticlePage.content_panels,
        MultiFieldPanel(
            [
                RelatedPicksPanel(
                    "related_picks", label="Related headline", heading="Editor's picks, in order"
                ),
                RelatedListPanel(heading="Related headlines as readers see them"),
            ],
            heading="Related headlines",
        ),
    ]
