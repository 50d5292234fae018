"""WSGI entry point for the web server (granian, started by `masthead serve`)."""

import os

from django.core.wsgi import get_wsgi_application

from masthead.core.parent_death import die_with_granian_master

# Granian loads this module in each worker it forks: a worker must not outlive
# its master (masthead.core.parent_death).
die_with_granian_master()

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings.dev")

django_application = get_wsgi_application()

from django.apps import apps  # noqa: E402  (after set-up)

# Apps load what their requests need before the worker serves its first one.
for config in apps.get_app_configs():
    warm_up = getattr(config, "warm_up", None)
    if callable(warm_up):
        warm_up()

from masthead.core.page_cache import CachedPageApplication  # noqa: E402  (needs settings)
from masthead.radio.fastpath import LiveStreamApplication  # noqa: E402  (needs settings)
from masthead.shortlinks.fastpath import ShortLinkApplication  # noqa: E402  (needs settings)

# Live radio files first: every listener asks for the playlist and a segment
# every few seconds, and they are neither pages nor short links. Then short
# links: their answers are private redirects the page cache never holds.
application = LiveStreamApplication(ShortLinkApplication(CachedPageApplication(django_application)))

from masthead.core.worker_heap import freeze_startup_objects  # noqa: E402  (last: after set-up)

# Everything loaded so far lives as long as the worker: keep it out of the
# collector's full scans (masthead.core.worker_heap).
freeze_startup_objects()
