"""The site's WSGI application behind the live-stream fast path.

``masthead.wsgi`` wraps itself once the lead wires ``LiveStreamApplication``
in; until then the benchmark serves this module to measure the fast path.
"""

from __future__ import annotations

from masthead.radio.fastpath import LiveStreamApplication
from masthead.wsgi import application as site_application

application = LiveStreamApplication(site_application)
