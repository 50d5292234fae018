"""Root URLconf: health, admin, author profiles, then Wagtail's page tree."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from masthead.core import views as core_views
from masthead.discussion import urls as discussion_urls
from masthead.discussion.moderation import urls as moderation_urls
from masthead.distribution import urls as distribution_urls
from masthead.ingest import urls as ingest_urls
from masthead.newsroom import urls as newsroom_urls
from masthead.radio import urls as radio_urls
from masthead.related import urls as related_urls
from masthead.search import urls as search_urls
from masthead.shortlinks import urls as shortlinks_urls
from masthead.tagging import urls as tagging_urls

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("accounts/", include("allauth.urls")),
    path("documents/", include(wagtaildocs_urls)),
    # Under their own prefixes and ahead of the apps mounted at the root: a
    # comment posted is resolved without trying every root pattern first.
    path("discussion/", include(discussion_urls)),
    path("moderation/", include(moderation_urls)),
    path("", include(newsroom_urls)),
    path("", include(tagging_urls)),
    path("", include(shortlinks_urls)),
    path("", include(related_urls)),
    path("", include(radio_urls)),
    path("", include(distribution_urls)),
    path("", include(search_urls)),
    path("", include(ingest_urls)),
]

if settings.MASTHEAD_SERVE_MEDIA:
    media_prefix = settings.MEDIA_URL.strip("/")
    urlpatterns += [path(f"{media_prefix}/<path:path>", core_views.media, name="media")]

urlpatterns += [path("", include(wagtail_urls))]

handler500 = "masthead.core.views.server_error"
