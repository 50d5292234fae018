"""Background work of the distribution app: WebSub pings."""

from __future__ import annotations

from django_tasks import task

from masthead.distribution import conf
from masthead.distribution.websub import ping_hub


@task()
def ping_websub_hub(topics: list[str]) -> int:
    """Tell the configured hub that these feeds changed; return its status (0: no hub)."""
    hub = conf.websub_hub()
    if not hub or not topics:
        return 0
    return ping_hub(hub, topics)
