"""Public URLs of the discussion app."""

from django.urls import URLPattern, URLResolver, path

from masthead.discussion import account_views, views

app_name = "discussion"
urlpatterns: list[URLPattern | URLResolver] = [
    path("discussion/me.json", views.me, name="me"),
    path("discussion/counts.json", views.counts, name="counts"),
    path("discussion/<int:article_id>/", views.discussion_page, name="page"),
    path("discussion/<int:article_id>/thread/", views.thread, name="thread"),
    path("discussion/<int:article_id>/live.json", views.live_feed, name="live"),
    path("discussion/<int:article_id>/state.json", views.reader_state, name="state"),
    path("discussion/<int:article_id>/comments/", views.post, name="post"),
    path("discussion/comments/<int:comment_id>/edit/", views.edit, name="edit"),
    path("discussion/comments/<int:comment_id>/delete/", views.delete, name="delete"),
    path("discussion/comments/<int:comment_id>/react/", views.react, name="react"),
    path("discussion/account/", account_views.account, name="account"),
    path("discussion/account/data.json", account_views.download_data, name="download_data"),
    path("discussion/account/delete/", account_views.delete_account, name="delete_account"),
    path("discussion/account/resubscribe/", account_views.resubscribe, name="resubscribe"),
    path("discussion/unsubscribe/<str:token>/", account_views.unsubscribe, name="unsubscribe"),
]
