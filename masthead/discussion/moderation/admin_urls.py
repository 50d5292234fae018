"""Admin URLs of moderation, mounted under /admin/moderation/."""

from django.urls import path

from masthead.discussion.moderation import admin_views

app_name = "moderation_admin"
urlpatterns = [
    path("", admin_views.queue, name="index"),
    path("queue/<slug:name>/", admin_views.queue, name="queue"),
    path("comments/<int:comment_id>/decide/", admin_views.decide, name="decide"),
    path("bulk/", admin_views.bulk, name="bulk"),
    path("undo/<uuid:batch>/", admin_views.undo, name="undo"),
    path("appeals/<int:appeal_id>/decide/", admin_views.decide_appeal, name="decide_appeal"),
    path("readers/<int:user_id>/", admin_views.reader, name="reader"),
    path("sanctions/<int:sanction_id>/revoke/", admin_views.revoke, name="revoke"),
    path("dashboard/", admin_views.dashboard, name="dashboard"),
]
