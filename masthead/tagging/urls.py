"""URLs of the tagging app."""

from django.urls import path

from masthead.tagging import views

app_name = "tagging"

urlpatterns = [
    path("tags/<str:slug>/", views.tag_page, name="tag"),
]
