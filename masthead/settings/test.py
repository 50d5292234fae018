"""Test settings: in-process tasks, in-memory caches, fast hashing."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *
from .base import database_config

DEBUG = False
SECRET_KEY = "test-only-secret-key"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

_TEST_DATA_DIR = Path(tempfile.mkdtemp(prefix="masthead-test-"))
# Each process (every xdist worker, every subprocess) makes its own: gone with it.
atexit.register(shutil.rmtree, _TEST_DATA_DIR, ignore_errors=True)
DATA_DIR = _TEST_DATA_DIR
MEDIA_ROOT = _TEST_DATA_DIR / "media"
STATIC_ROOT = _TEST_DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
DATABASES = {"default": database_config(_TEST_DATA_DIR)}
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["TEST"] = {"NAME": str(_TEST_DATA_DIR / "test.sqlite3")}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
    },
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MASTHEAD_CREATE_DEV_SUPERUSER = False
