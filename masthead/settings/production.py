"""Production settings: everything secret or site-specific comes from the environment."""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from masthead.core.env import env_flag, env_number

from .base import *


def require_env(name: str) -> str:
    """Return an environment variable, or stop with a message naming it."""
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"Set the {name} environment variable.")
    return value


DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in require_env("ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_number("SECURE_HSTS_SECONDS", 31536000, int, 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
MASTHEAD_CREATE_DEV_SUPERUSER = False
# The public address: links in emails, and (set by `masthead setup`) the default
# Site's host and port, from which feeds, sitemaps and canonical links are built.
MASTHEAD_ALIGN_SITE_WITH_BASE_URL = bool(os.environ.get("MASTHEAD_BASE_URL", "").strip())
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
# Most mail services take mail on port 587 with STARTTLS and an account: with
# the host alone no verification email left, and no reader could sign in.
EMAIL_PORT = env_number("EMAIL_PORT", 25, int, 1, maximum=65535)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_flag("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_flag("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS (STARTTLS) or EMAIL_USE_SSL (SMTPS), not both.")
# Sign-up and password reset send while the reader waits: a relay that stops
# answering must not hold the request (and its worker) for ever; five minutes
# at most, and far longer would overflow the socket's clock at every send.
EMAIL_TIMEOUT = env_number("EMAIL_TIMEOUT", 10, int, 1, maximum=300)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
