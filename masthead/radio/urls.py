"""Public URLs of the radio app."""

from django.urls import URLPattern, URLResolver

app_name = "radio"
urlpatterns: list[URLPattern | URLResolver] = []
