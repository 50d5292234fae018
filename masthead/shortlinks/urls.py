"""URLs of the short links app."""

from django.urls import URLPattern

app_name = "shortlinks"

urlpatterns: list[URLPattern] = []
