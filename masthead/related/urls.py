"""Public URLs of the related headlines app."""

from django.urls import URLPattern, URLResolver

app_name = "related"
urlpatterns: list[URLPattern | URLResolver] = []
