"""Public URLs of the radio app."""

from django.urls import URLPattern, URLResolver, path, re_path

from masthead.radio import views

app_name = "radio"
urlpatterns: list[URLPattern | URLResolver] = [
    path("radio/status.json", views.status, name="status"),
    path("radio/listen/", views.listen, name="listen"),
    re_path(r"^radio/hls/(?P<name>[^/]{1,64})$", views.live_file, name="live_file"),
]
