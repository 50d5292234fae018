"""Public URLs of the search app."""

from django.urls import URLPattern, URLResolver, path

from masthead.search import views

app_name = "search"
urlpatterns: list[URLPattern | URLResolver] = [
    path("search/", views.search, name="search"),
]
