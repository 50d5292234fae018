"""Public URLs of the moderation app (private, per-reader endpoints), under ``moderation/``."""

from django.urls import URLPattern, URLResolver, path

from masthead.discussion.moderation import views

app_name = "moderation"
urlpatterns: list[URLPattern | URLResolver] = [
    path("comments/<int:comment_id>/report/", views.report, name="report"),
    path("comments/<int:comment_id>/disagree/", views.disagree, name="disagree"),
    path("comments/<int:comment_id>/appeal/", views.appeal, name="appeal"),
    path("rules.json", views.rules_json, name="rules_json"),
    path("me/", views.me, name="me"),
    path("me.json", views.me, name="me_json"),
]
