"""Settings shared by every environment.

Environment variables (DESIGN.md §7):
- ``MASTHEAD_DATA_DIR``: SQLite database, media and generated files (default ``./var``).
- ``DATABASE_URL``: a PostgreSQL URL that replaces the embedded SQLite database.
- ``PORT``: the port ``masthead serve`` listens on.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import dj_database_url

from masthead.core.env import env_flag, env_header, env_number, env_site_url

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
DATA_DIR = Path(os.environ.get("MASTHEAD_DATA_DIR", BASE_DIR / "var")).resolve()


def database_config(data_dir: Path) -> dict[str, Any]:
    """Return the default database: DATABASE_URL if set, else SQLite in WAL mode."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
    # SQLite cannot create the folder it lives in.
    data_dir.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(data_dir / "masthead.sqlite3"),
        # Keep each worker's connection: opening one (file, WAL, PRAGMAs)
        # costs about 1.6 ms, a quarter of an uncached article page. Ten minutes,
        # so a database file swapped in from a backup is picked up.
        "CONN_MAX_AGE": 600,
        "CONN_HEALTH_CHECKS": True,
        "OPTIONS": {
            # WAL lets readers (web workers) run beside the one writer;
            # IMMEDIATE transactions avoid "database is locked" upgrade deadlocks.
            # No memory map: when another worker has written, a mapped connection
            # pays for remapping the grown file, and a comment posted cost about 1 ms
            # more CPU with it (bench/discussion.py; docs/architecture.md).
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA cache_size=-20000;"
            ),
        },
    }


INSTALLED_APPS = [
    "masthead.core",
    "masthead.newsroom",
    "masthead.tagging",
    "masthead.shortlinks",
    "masthead.related",
    "masthead.discussion",
    "masthead.discussion.moderation",
    "masthead.radio",
    "masthead.distribution",
    "masthead.search",
    "masthead.ingest",
    "allauth",
    "allauth.account",
    "rest_framework",
    "wagtail.api.v2",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "wagtail.contrib.settings",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    # First: probes come by address and over plain HTTP (masthead.core.health).
    "masthead.core.health.HealthCheckMiddleware",
    # Outermost so that a cache hit skips everything below it; the stored
    # response already carries the security headers added further down.
    "masthead.core.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "masthead.core.shared_lookups.SharedSiteMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "masthead.core.csp.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "masthead.urls"
WSGI_APPLICATION = "masthead.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
    # Templates rendered on hot paths (a comment: see masthead.core.jinja).
    {
        "NAME": "jinja2",
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {"environment": "masthead.core.jinja.environment"},
    },
]

DATABASES = {"default": database_config(DATA_DIR)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES: dict[str, dict[str, Any]] = {
    # Rate-limit counters, cached sessions and small lookups. Shared by every
    # process on the machine, with atomic increments (SQLite files beside the
    # database), so a rate limit counts a reader's requests whichever web
    # worker answers them; Redis replaces it when there is more than one machine.
    "default": {
        "BACKEND": "masthead.core.caches.SharedDiskCache",
        "LOCATION": str(DATA_DIR / "cache" / "default"),
        "TIMEOUT": 300,
        "SHARDS": 4,
        "DATABASE_TIMEOUT": 0.25,
        # No memory map: see DATABASES (every process writes these files).
        "OPTIONS": {"size_limit": 256 * 1024 * 1024, "sqlite_mmap_size": 0},
    },
    # Whole pages for anonymous readers. File-based so that every web
    # worker sees a purge made by any other process; Redis in production.
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache" / "pages"),
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 20000},
    },
}
# Sessions are read from the default cache and written through to the
# database, so a signed-in request does not query the session table.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# django-ratelimit's settings at their documented defaults, written out: a
# setting left out costs an exception inside Django's settings on every read,
# and each rate-limited write reads these a dozen times.
RATELIMIT_ENABLE = True
RATELIMIT_USE_CACHE = "default"
RATELIMIT_CACHE_PREFIX = "rl:"
RATELIMIT_HASH_ALGORITHM = hashlib.sha256
# The reader's address: REMOTE_ADDR when granian faces readers. Behind a proxy
# every request comes from the proxy, so name the header it overwrites with the
# reader's address (nginx: `proxy_set_header X-Real-IP $remote_addr;` and
# MASTHEAD_CLIENT_IP_HEADER=HTTP_X_REAL_IP); never one readers can set.
MASTHEAD_CLIENT_IP_HEADER = env_header("MASTHEAD_CLIENT_IP_HEADER")
# Read through a function: django-ratelimit itself fails the request (a server
# error) when the header is missing or holds a list or no address.
RATELIMIT_IP_META_KEY = "masthead.core.client_ip.client_ip" if MASTHEAD_CLIENT_IP_HEADER else None
# allauth limits sign-in, sign-up and password resets per address too: its
# adapter reads the address through the same function, so behind a proxy ten
# failed sign-ins a minute by anyone do not lock every reader out, and a request
# without the header is counted by its connection rather than refused.
ACCOUNT_ADAPTER = "masthead.discussion.account_adapter.ReaderAccountAdapter"
RATELIMIT_IPV4_MASK = 32
RATELIMIT_IPV6_MASK = 64

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
    CACHES["pages"] = {
        # Same database, own prefix; its clear() deletes its own keys, not FLUSHDB.
        "BACKEND": "masthead.core.caches.PagesRedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "pages",
        "TIMEOUT": 600,
    }

# Django's and allauth's backends, loading the signed-in user with a fixed statement.
AUTHENTICATION_BACKENDS = [
    "masthead.core.auth_backends.ModelBackend",
    "masthead.core.auth_backends.AuthenticationBackend",
]

# Reader accounts (django-allauth): email and password, verified by email.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
# Adding, removing or choosing an email address asks for the password again
# (unless given in the last five minutes): with its own address added and made
# primary, a borrowed session could reset the password and keep the account.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
LOGIN_URL = "/accounts/login/"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# Front-end packages the public site serves, installed by npm from package.json.
_VENDOR = {"vendor/hls.js": BASE_DIR / "node_modules" / "hls.js" / "dist"}
STATICFILES_DIRS = [(prefix, str(path)) for prefix, path in _VENDOR.items() if path.is_dir()]

MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
# `masthead serve` serves uploads itself unless a proxy or object store does.
MASTHEAD_SERVE_MEDIA = env_flag("MASTHEAD_SERVE_MEDIA", True)
MASTHEAD_MEDIA_MAX_AGE = 86400
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}

# Requests and headers: reject what no reader sends, without a 500.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

WAGTAIL_SITE_NAME = "Masthead"
WAGTAILADMIN_BASE_URL = env_site_url(
    "MASTHEAD_BASE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '').strip() or '8000'}"
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# Refuses a damaged picture (a JPEG cut off part way) with a message, not a 500.
WAGTAILIMAGES_IMAGE_FORM_BASE = "masthead.core.images.ImageForm"
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_I18N_ENABLED = False
# Only people who may use the admin sign in there: a reader signing in through it
# skipped allauth's check that their email address is verified.
WAGTAILADMIN_USER_LOGIN_FORM = "masthead.discussion.account_forms.NewsroomLoginForm"
# No Gravatar: editors' avatars are Wagtail's own, and their email addresses'
# hashes are not sent to a third party by every admin page.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor a call to wagtail.org from every dashboard (the admin's policy refuses
# it): Wagtail comes in through the project's pinned requirements.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Purge the page cache (and any CDN configured in production) on publish,
# unpublish and move; see masthead.core.page_cache.
WAGTAILFRONTENDCACHE: dict[str, dict[str, Any]] = {
    "masthead": {"BACKEND": "masthead.core.page_cache.PageCacheBackend"},
}

# Seconds a shared cache (CDN, our page cache) may keep an anonymous page, and
# seconds a browser may. Purges make the shared figure safe to keep long.
# MASTHEAD_PAGE_CACHE=0 turns our own store off (the headers stay, for a CDN).
MASTHEAD_PAGE_CACHE = {
    "S_MAXAGE": 600,
    "MAX_AGE": 60,
    "ENABLED": env_flag("MASTHEAD_PAGE_CACHE", True),
}
# How often `masthead serve` publishes and expires scheduled pages (seconds):
# at most a day, as `scheduler --interval`; much longer waits overflow the clock.
MASTHEAD_SCHEDULER_INTERVAL = env_number(
    "MASTHEAD_SCHEDULER_INTERVAL", 15.0, float, 0.1, maximum=86400
)
MASTHEAD_SECTION_PAGE_SIZE = 20

CONTENT_SECURITY_POLICY = {
    # The Wagtail admin ships inline scripts and styles; readers' pages never
    # do, so the strict policy covers everything outside the editors' tools
    # (which have ADMIN_CONTENT_SECURITY_POLICY, below).
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        # blob: lets hls.js attach its MediaSource to the player's <audio>.
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# The editors' tools get a policy of their own (masthead.core.csp). The Wagtail
# admin runs inline scripts (the page editor's inline panels and date fields
# start from <script> elements written with each form's own data, which no hash
# can cover, and Wagtail takes no nonce) and applies inline styles, so both
# need 'unsafe-inline'; it compiles no code at run time, so no 'unsafe-eval'
# (e2e/test_admin.py works the editors' pages under this policy). Everything
# else stays shut: code and data load only from this site, and an injected
# script can send nothing elsewhere (no foreign image, fetch, form or frame).
# No foreign host is needed: the editor shows an embed block as its address,
# and a preview is the site's own page under the site's policy, which frames
# the players (e2e/test_admin.py plays both in the preview).
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "media-src": ["'self'", "blob:"],
        "font-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"masthead": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
