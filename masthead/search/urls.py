"""Public URLs of the search app."""

from django.urls import URLPattern, URLResolver

app_name = "search"
urlpatterns: list[URLPattern | URLResolver] = []
