from django.apps import AppConfig


class ModerationConfig(AppConfig):
    """Community standards, screening, queues, sanctions and the audit log."""

    name = "masthead.discussion.moderation"
    label = "moderation"
    verbose_name = "Moderation"
