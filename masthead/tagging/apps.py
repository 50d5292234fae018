from django.apps import AppConfig


class TaggingConfig(AppConfig):
    """Typed tags, aliases, tag pages, entity extraction and tag suggestion."""

    name = "masthead.tagging"
    label = "tagging"
    verbose_name = "Tagging"

    def ready(self) -> None:
        from masthead.tagging import signal_handlers

        signal_handlers.register_signal_handlers()
        add_article_panels()


def add_article_panels() -> None:
    """Put the ordered tag list and its suggestions in the article editor."""
    from wagtail.admin.panels import MultiFieldPanel

    from masthead.newsroom.models import ArticlePage
    from masthead.tagging.panels import TagListPanel, TagSuggestionsPanel

    # Newsroom must not know tagging, so the panel is added here, before Wagtail
    # first builds (and caches) the article's edit handler.
    ArticlePage.content_panels = [
        *ArticlePage.content_panels,
        MultiFieldPanel(
            [
                TagListPanel("tag_links", label="Tag", heading="Tags, in tag-line order"),
                TagSuggestionsPanel(heading="Suggested tags"),
            ],
            heading="Tags",
        ),
    ]
