"""URLs of the newsroom outside the page tree.

Slugs are word characters and hyphens (Unicode allowed), so NUL bytes and other
junk are 404s before any query (PostgreSQL refuses NUL in text).
"""

from django.urls import re_path

from masthead.newsroom import views

app_name = "newsroom"

urlpatterns = [
    re_path(r"^authors/(?P<slug>[-\w]+)/$", views.author_profile, name="author"),
]
