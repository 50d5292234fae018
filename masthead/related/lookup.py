"""Find the article a URL or path names, for the command line."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

from wagtail.models import Site

from masthead.newsroom.models import ArticlePage

MAX_URL_LENGTH = 2048


class ArticleNotFound(ValueError):
    """The URL is malformed or names no article."""


def article_for_url(url: str) -> ArticlePage:
    """Return the article at a URL or path of one of the sites, or raise ArticleNotFound."""
    text = (url or "").strip()
    if not text or len(text) > MAX_URL_LENGTH or any(ord(char) < 32 for char in text):
        raise ArticleNotFound(f"Not a URL: {text[:80]!r}")
    try:
        parts = urlsplit(text if "://" in text or text.startswith("/") else "/" + text)
    except ValueError as error:
        raise ArticleNotFound(f"Not a URL: {text[:80]!r} ({error})") from error
    if parts.scheme not in ("", "http", "https"):
        raise ArticleNotFound(f"Not a web address: {text[:80]!r}")
    path = unquote(parts.path).strip("/")
    if not path:
        raise ArticleNotFound(f"No article at {text[:80]!r}: give an article's URL or path.")
    sites = Site.objects.select_related("root_page").order_by("-is_default_site")
    host = (parts.hostname or "").lower()
    for site in sites:
        if host and site.hostname not in (host, "localhost", "*") and len(sites) > 1:
            continue
        article = ArticlePage.objects.filter(url_path=f"{site.root_page.url_path}{path}/").first()
        if article is not None:
            return article
    raise ArticleNotFound(f"No article at {text[:80]!r}.")
