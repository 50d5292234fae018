"""URLs of the newsroom outside the page tree."""

from django.urls import path

from masthead.newsroom import views

app_name = "newsroom"

urlpatterns = [
    path("authors/<str:slug>/", views.author_profile, name="author"),
]
