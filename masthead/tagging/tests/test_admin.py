"""Tags in the article editor: the panel, suggestion runs, accepting suggestions."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from masthead.newsroom.models import ArticlePage
from masthead.tagging.models import SuggestionStatus, Tag, TagSuggestion
from masthead.tagging.tests.helpers import make_tag, tag_names, tagged_article
from masthead.testing.factories import make_article

pytestmark = pytest.mark.django_db

STANDFIRST = "Councillor Ines Caldor wants the Port Averly pier rebuilt."
BODY = (
    "<p>Caldor said the Averly Harbour Trust agreed. The Russian senator Tomas Vellik objected.</p>"
)


@pytest.fixture
def editor(django_user_model: Any) -> Any:
    """Return a superuser."""
    return django_user_model.objects.create_superuser("editor", "editor@example.invalid", "pw")


@pytest.fixture
def editor_client(client: Client, editor: Any) -> Client:
    """Return a client signed in as a superuser."""
    client.force_login(editor)
    return client


def article_form(title: str, tags: list[Tag] | None = None, **extra: Any) -> dict[str, Any]:
    """Return the admin form data of an article, with its tag list if given."""
    data: dict[str, Any] = {
        "title": title,
        "slug": extra.pop("slug", "caldor-pier"),
        "standfirst": STANDFIRST,
        "body": streamfield([("paragraph", rich_text(BODY))]),
        "article_authors": inline_formset([]),
        "corrections": inline_formset([]),
        "lead_image_caption": "",
        "lead_image_credit": "",
    }
    if tags is not None:
        data["tag_links"] = inline_formset([{"tag": tag.pk} for tag in tags])
    data.update(extra)
    return nested_form_data(data)


def caldor_article() -> ArticlePage:
    """Create a live article about invented people with pending suggestions."""
    from masthead.tagging.actions import compute_suggestions

    article = make_article(
        title="Caldor wants a new pier", standfirst=STANDFIRST, body=[("paragraph", BODY)]
    )
    compute_suggestions(article)
    return article


def test_edit_page_shows_the_tag_list_and_suggestions(editor_client: Client) -> None:
    """The article editor has the ordered tag list and the pending suggestions beside it."""
    article = caldor_article()
    html = editor_client.get(f"/admin/pages/{article.pk}/edit/").content.decode()
    assert "Tags, in tag-line order" in html
    assert 'id="id_tag_links-TOTAL_FORMS"' in html
    assert "Suggested tags" in html and "Ines Caldor" in html
    assert f"/admin/tagging/articles/{article.pk}/accept-all/" in html


def test_editor_orders_tags_in_the_admin(
    editor_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """Tags posted from the editor are published in the order given."""
    article = make_article(title="Pier vote")
    first, second = make_tag("Pier"), make_tag("Ines Caldor", "person")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/pages/{article.pk}/edit/",
            article_form("Pier vote", [second, first], **{"action-publish": "1"}),
        )
    assert response.status_code == 302
    assert tag_names(article) == ["Ines Caldor", "Pier"]


def test_saving_a_draft_computes_suggestions(
    editor_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """Saving a draft runs the suggestion task on the draft's text."""
    article = make_article(title="Pier vote")
    TagSuggestion.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/pages/{article.pk}/edit/", article_form("Caldor wants a pier")
        )
    assert response.status_code == 302
    names = set(TagSuggestion.objects.filter(article=article).values_list("name", flat=True))
    assert {"Ines Caldor", "Tomas Vellik", "Russia"} <= names
    assert tag_names(article) == []  # Untouched by a post without the tag panel.


def test_creating_an_article_computes_suggestions(
    editor_client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    """A new article gets suggestions as soon as it is first saved."""
    section = make_article().get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(
            f"/admin/pages/add/newsroom/articlepage/{section.pk}/",
            article_form("Caldor wants a pier", slug="new-pier"),
        )
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="new-pier")
    assert TagSuggestion.objects.filter(article=article, name="Ines Caldor").exists()


def test_publishing_computes_suggestions(django_capture_on_commit_callbacks: Any) -> None:
    """Publishing, from anywhere, runs the suggestion task."""
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(title="Caldor wants a pier", standfirst=STANDFIRST)
    assert TagSuggestion.objects.filter(article=article, name="Ines Caldor").exists()


def test_accept_one_appends_the_tag_and_reuses_an_alias(editor_client: Client) -> None:
    """Accepting adds the tag at the end of the list; an alias maps to the existing tag."""
    harbour = make_tag("Harbour")
    trust = make_tag("Harbour Trust of Averly", "organisation", aliases=("Averly Harbour Trust",))
    article = tagged_article(
        harbour, title="Caldor wants a pier", standfirst=STANDFIRST, body=[("paragraph", BODY)]
    )
    from masthead.tagging.actions import compute_suggestions

    compute_suggestions(article)
    suggestion = TagSuggestion.objects.get(article=article, tag=trust)
    assert suggestion.name == "Harbour Trust of Averly"
    response = editor_client.post(f"/admin/tagging/suggestions/{suggestion.pk}/accept/")
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{article.pk}/edit/"
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert [link.tag for link in draft.tag_links.all()] == [harbour, trust]
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED


def test_accept_all_adds_every_pending_suggestion_best_first(editor_client: Client) -> None:
    """Accept all creates missing tags and appends them in score order; none stay pending."""
    article = caldor_article()
    pending = list(TagSuggestion.objects.filter(article=article))
    response = editor_client.post(f"/admin/tagging/articles/{article.pk}/accept-all/")
    assert response.status_code == 302
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert [link.tag.name for link in draft.tag_links.all()] == [s.name for s in pending]
    assert not TagSuggestion.objects.filter(article=article, status="pending").exists()
    assert Tag.objects.get(name="Ines Caldor").kind == "person"


def test_rejected_suggestions_do_not_come_back(editor_client: Client) -> None:
    """A rejected suggestion is not offered again when the text is re-read."""
    from masthead.tagging.actions import compute_suggestions

    article = caldor_article()
    suggestion = TagSuggestion.objects.get(article=article, name="Tomas Vellik")
    assert (
        editor_client.post(f"/admin/tagging/suggestions/{suggestion.pk}/reject/").status_code == 302
    )
    compute_suggestions(article)
    assert not TagSuggestion.objects.filter(
        article=article, name="Tomas Vellik", status="pending"
    ).exists()


def test_accepting_needs_post_and_csrf(editor: Any) -> None:
    """The accept actions refuse GET and posts without a CSRF token."""
    article = caldor_article()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    url = f"/admin/tagging/articles/{article.pk}/accept-all/"
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert TagSuggestion.objects.filter(article=article, status="pending").exists()


def test_accepting_needs_edit_permission_on_the_page(
    client: Client, django_user_model: Any
) -> None:
    """A user who may use the admin but not edit the article is refused (sent to the dashboard)."""
    article = caldor_article()
    user = django_user_model.objects.create_user("reader", "r@example.invalid", "pw")
    group = Group.objects.create(name="Admin only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    suggestion = TagSuggestion.objects.filter(article=article).first()
    assert suggestion is not None
    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard with a message.
    for url in (
        f"/admin/tagging/suggestions/{suggestion.pk}/accept/",
        f"/admin/tagging/articles/{article.pk}/accept-all/",
        f"/admin/tagging/suggestions/{suggestion.pk}/reject/",
    ):
        response = client.post(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert not TagSuggestion.objects.filter(article=article).exclude(status="pending").exists()


def test_tag_snippet_reports_alias_collisions(editor_client: Client) -> None:
    """Adding an alias that names another tag fails with a clear error in the admin."""
    make_tag("United States", "place", aliases=("US",))
    data = nested_form_data(
        {
            "name": "Union of Shipwrights",
            "slug": "",
            "kind": "organisation",
            "description": "",
            "external_id": "",
            "aliases": inline_formset([{"name": "U.S."}]),
        }
    )
    response = editor_client.post("/admin/snippets/tagging/tag/add/", data)
    assert response.status_code == 200
    assert "already names the tag “United States”" in response.content.decode()
    assert not Tag.objects.filter(name="Union of Shipwrights").exists()


def test_editor_merges_tags_in_the_admin(editor_client: Client) -> None:
    """The tag listing offers a merge; merging moves the articles and redirects the slug."""
    old, new = make_tag("Ferry"), make_tag("Ferries")
    article = tagged_article(old)
    listing = editor_client.get("/admin/snippets/tagging/tag/").content.decode()
    assert f"/admin/tagging/tags/{old.pk}/merge/" in listing
    assert editor_client.get(f"/admin/tagging/tags/{old.pk}/merge/").status_code == 200
    response = editor_client.post(f"/admin/tagging/tags/{old.pk}/merge/", {"survivor": new.pk})
    assert response.status_code == 302
    assert tag_names(article) == ["Ferries"]
    assert Client().get("/tags/ferry/")["Location"] == "/tags/ferries/"


def test_merging_needs_tag_permissions(client: Client, django_user_model: Any) -> None:
    """An admin user without tag permissions cannot merge."""
    old, new = make_tag("Ferry"), make_tag("Ferries")
    user = django_user_model.objects.create_user("reader", "r@example.invalid", "pw")
    group = Group.objects.create(name="Admin only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    response = client.post(f"/admin/tagging/tags/{old.pk}/merge/", {"survivor": new.pk})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Tag.objects.filter(pk=old.pk).exists()


def test_new_article_page_explains_when_suggestions_come(editor_client: Client) -> None:
    """The create form has the tag list and says suggestions follow the first save."""
    section = make_article().get_parent()
    response = editor_client.get(f"/admin/pages/add/newsroom/articlepage/{section.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tags, in tag-line order" in html
    assert "Suggestions appear here once the article is saved." in html


def test_accepting_is_refused_on_a_page_another_user_locked(
    editor_client: Client, django_user_model: Any
) -> None:
    """A page locked by another user gets no new revision from a suggestion, as from the editor.

    Before the fix the accept actions checked only ``can_edit()``, so a second
    editor's tags landed in a revision under the lock holder's unsaved work.
    """
    from django.utils import timezone

    article = caldor_article()
    holder = django_user_model.objects.create_superuser("holder", "h@example.invalid", "pw")
    ArticlePage.objects.filter(pk=article.pk).update(
        locked=True, locked_by=holder, locked_at=timezone.now()
    )
    revisions = article.revisions.count()
    suggestion = TagSuggestion.objects.filter(article=article).first()
    assert suggestion is not None
    for url in (
        f"/admin/tagging/suggestions/{suggestion.pk}/accept/",
        f"/admin/tagging/articles/{article.pk}/accept-all/",
    ):
        assert editor_client.post(url).status_code == 302
    assert article.revisions.count() == revisions
    assert not TagSuggestion.objects.filter(article=article).exclude(status="pending").exists()


def test_merging_follows_the_tag_permission_policy(
    editor_client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The merge asks Wagtail's permission policy of tags, as the Tag snippet's views do.

    Before the fix the merge view and its listing button asked the user's model
    permissions directly, so a policy refusing deletion of tags (which hid the
    snippet's own Delete) still let the user merge, which deletes a tag.
    """
    from wagtail.permissions import policy_registry

    old, new = make_tag("Ferry"), make_tag("Ferries")
    policy = policy_registry.get_by_type(Tag)
    monkeypatch.setattr(policy, "user_has_permission", lambda user, action: action != "delete")
    listing = editor_client.get("/admin/snippets/tagging/tag/").content.decode()
    assert f"/admin/tagging/tags/{old.pk}/merge/" not in listing
    response = editor_client.post(f"/admin/tagging/tags/{old.pk}/merge/", {"survivor": new.pk})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert Tag.objects.filter(pk=old.pk).exists()
