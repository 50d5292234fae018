from django.apps import AppConfig


class DiscussionConfig(AppConfig):
    """Reader accounts' comments, replies, reactions and live updates."""

    name = "masthead.discussion"
    label = "discussion"
    verbose_name = "Discussion"
