"""Public URLs of the discussion app, under ``discussion/`` (the root URLconf adds it)."""

from django.urls import URLPattern, URLResolver, path

from masthead.discussion import account_views, views

app_name = "discussion"
urlpatterns: list[URLPattern | URLResolver] = [
    path("me.json", views.me, name="me"),
    path("counts.json", views.counts, name="counts"),
    path("<int:article_id>/", views.discussion_page, name="page"),
    path("<int:article_id>/thread/", views.thread, name="thread"),
    path("<int:article_id>/live.json", views.live_feed, name="live"),
    path("<int:article_id>/state.json", views.reader_state, name="state"),
    path("<int:article_id>/comments/", views.post, name="post"),
    path("comments/<int:comment_id>/edit/", views.edit, name="edit"),
    path("comments/<int:comment_id>/delete/", views.delete, name="delete"),
    path("comments/<int:comment_id>/react/", views.react, name="react"),
    path("account/", account_views.account, name="account"),
    path("account/data.json", account_views.download_data, name="download_data"),
    path("account/delete/", account_views.delete_account, name="delete_account"),
    path("account/resubscribe/", account_views.resubscribe, name="resubscribe"),
    path("unsubscribe/<str:token>/", account_views.unsubscribe, name="unsubscribe"),
]
