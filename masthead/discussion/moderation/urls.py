"""Public URLs of the moderation app (private, per-reader endpoints)."""

from django.urls import URLPattern, URLResolver, path

from masthead.discussion.moderation import views

app_name = "moderation"
urlpatterns: list[URLPattern | URLResolver] = [
    path("moderation/comments/<int:comment_id>/report/", views.report, name="report"),
    path("moderation/comments/<int:comment_id>/disagree/", views.disagree, name="disagree"),
    path("moderation/comments/<int:comment_id>/appeal/", views.appeal, name="appeal"),
    path("moderation/rules.json", views.rules_json, name="rules_json"),
    path("moderation/me/", views.me, name="me"),
    path("moderation/me.json", views.me, name="me_json"),
]
