"""URLs of the tagging app.

Slugs are word characters and hyphens (Unicode allowed), so NUL bytes and other
junk are 404s before any query (PostgreSQL refuses NUL in text).
"""

from django.urls import re_path

from masthead.tagging import views

app_name = "tagging"

urlpatterns = [
    re_path(r"^tags/(?P<slug>[-\w]+)/$", views.tag_page, name="tag"),
]
