"""Community standards, screening, queues, sanctions and the audit log."""

from django.apps import AppConfig


class ModerationConfig(AppConfig):
    """Community standards, screening, queues, sanctions and the audit log."""

    name = "masthead.discussion.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        from masthead.discussion.moderation import signal_handlers

        signal_handlers.register_signal_handlers()
        allow_standards_under_home()

    def warm_up(self) -> None:
        """Load what screening needs before a web worker takes its first comment.

        The toxicity model comes out of scikit-learn pickles, about 1.5 s of CPU
        per process; loaded lazily, the first comment each worker screens would
        wait that long (masthead/wsgi.py calls this as a worker starts).
        """
        from masthead.discussion.moderation import classifier, conf

        if "masthead.discussion.moderation.checks.toxicity" in conf.checks():
            classifier.model()


def allow_standards_under_home() -> None:
    """Let editors add the standards page under the home page."""
    from masthead.newsroom.models import HomePage

    # Newsroom must not know moderation, so the page type is allowed from here,
    # before Wagtail first computes (and caches) the allowed subpage types.
    label = "moderation.CommunityStandardsPage"
    if label not in HomePage.subpage_types:
        HomePage.subpage_types = [*HomePage.subpage_types, label]
