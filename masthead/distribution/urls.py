"""Public URLs of the distribution app: feeds, sitemaps, robots.txt, the read API, ninjs.

Slugs are word characters and hyphens (Unicode allowed), so junk is a 404
before any query. No ``app_name``: Wagtail's API router reverses its own
namespace from the root, which a namespace around it would hide.
"""

from django.urls import URLPattern, URLResolver, path, re_path

from masthead.distribution import views
from masthead.distribution.api import api_router

urlpatterns: list[URLPattern | URLResolver] = [
    re_path(r"^feeds/(?P<format_name>rss|atom)/$", views.feed, name="distribution_site_feed"),
    re_path(
        r"^feeds/(?P<kind>section|tag|author)s/(?P<slug>[-\w]+)/(?P<format_name>rss|atom)/$",
        views.feed,
        name="distribution_feed",
    ),
    path("sitemap.xml", views.sitemap_index, name="distribution_sitemap_index"),
    re_path(r"^sitemaps/(?P<section>[a-z]+)\.xml$", views.sitemap, name="distribution_sitemap"),
    path("robots.txt", views.robots_txt, name="distribution_robots"),
    re_path(r"^api/ninjs/(?P<page_id>\d+)/$", views.article_ninjs, name="distribution_ninjs"),
    path("api/v2/", api_router.urls),
]
