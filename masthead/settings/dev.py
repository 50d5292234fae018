"""Development settings: `make run` on a laptop."""

from __future__ import annotations

import os

from masthead.core.env import env_flag

from .base import *

DEBUG = env_flag("MASTHEAD_DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Only development creates an admin account with a generated password.
MASTHEAD_CREATE_DEV_SUPERUSER = True
# Canonical URLs (short-link redirects, purges) point where `make run` serves.
MASTHEAD_ALIGN_SITE_WITH_BASE_URL = True
