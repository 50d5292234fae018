import pytest
from masthead.newsroom.models import ArticlePage
from masthead.distribution.tests.test_feeds import add_articles
from masthead.tagging.tests.helpers import make_tag
from masthead.testing.factories import make_author, make_section
from masthead.testing.http import count_queries
pytestmark = pytest.mark.django_db

def test_figures(client):
    urls = ["/feeds/rss/", "/feeds/atom/?full=1", "/feeds/sections/world/rss/", "/feeds/tags/piers/rss/", "/feeds/authors/mira-lund/atom/",
            "/sitemap.xml", "/sitemaps/articles.xml", "/sitemaps/news.xml", "/sitemaps/sections.xml", "/sitemaps/authors.xml", "/sitemaps/tags.xml", "/api/v2/articles/?fields=tags,corrections,updated_at"]
    section = make_section("World", slug="world"); author = make_author("Mira Lund", slug="mira-lund"); tag = make_tag("Piers")
    add_articles(2, section, author, tag)
    urls.append(f"/api/ninjs/{ArticlePage.objects.first().pk}/")
    few = {u: count_queries(client, u) for u in urls}
    add_articles(10, section, author, tag)
    many = {u: count_queries(client, u) for u in urls}
    for u in urls: print("FIG", u, few[u], many[u])
