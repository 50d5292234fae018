"""Admin URLs of the tagging app (mounted under /admin/tagging/)."""

from django.urls import path

from masthead.tagging import admin_views

app_name = "tagging_admin"

urlpatterns = [
    path("suggestions/<int:suggestion_id>/accept/", admin_views.accept, name="accept"),
    path("suggestions/<int:suggestion_id>/reject/", admin_views.reject, name="reject"),
    path("articles/<int:article_id>/accept-all/", admin_views.accept_all, name="accept_all"),
    path("tags/<int:tag_id>/merge/", admin_views.merge_tag, name="merge"),
]
