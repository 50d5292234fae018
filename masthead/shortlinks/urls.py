"""URLs of the short links app."""

from django.urls import URLPattern, path

from masthead.shortlinks import views

app_name = "shortlinks"

urlpatterns: list[URLPattern] = [
    path("s/<str:code>/share", views.share, name="share"),
    path("s/<str:code>/qr.svg", views.qr_code, name="qr"),
    # <path:> so that trailing slashes, pasted punctuation and traversal reach the
    # view, which normalises or answers 404, rather than falling to the page tree.
    path("s/<path:code>", views.follow, name="follow"),
]
