"""URLs of the tagging app."""

from django.urls import URLPattern

app_name = "tagging"

urlpatterns: list[URLPattern] = []
