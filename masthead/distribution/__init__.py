"""Feeds, sitemaps, structured data, WebSub, the read API and ninjs."""
